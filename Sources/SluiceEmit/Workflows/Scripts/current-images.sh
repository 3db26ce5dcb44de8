#!/usr/bin/env bash
# Sourced by pr-plan.sh and drift-plan.sh: a plan that is not a deploy plans with the image each function runs
# now, so it shows no image change (images change on main only). Exports TF_VAR_<variable> for each processor of
# the stack. Environment: STACK, the stack; IMAGES, one processor a line, its fields separated by tabs: stack,
# Terraform variable, function, region, repository URL, plan role.
set -eo pipefail
# sluice:run
# A plan that deploys nothing keeps each processor's current image: read it with the account's read-only
# plan role; a placeholder digest when the function does not exist yet (its first deploy creates it).
current_image() {
  local variable="$1" function="$2" region="$3" repository_url="$4" role="$5"
  local credentials key secret token uri
  if [[ ! "$variable" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "::error::'$variable' is not a Terraform variable name"
    return 1
  fi
  credentials="$(aws sts assume-role --role-arn "$role" --role-session-name "sluice-image-$GITHUB_RUN_ID" \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"
  read -r key secret token <<<"$credentials"
  if uri="$(AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token" \
    aws lambda get-function --region "$region" --function-name "$function" \
    --query 'Code.ImageUri' --output text 2>"$RUNNER_TEMP/get-function.err")"; then
    echo "$function runs $uri"
  elif grep -q ResourceNotFoundException "$RUNNER_TEMP/get-function.err"; then
    uri="$repository_url@sha256:$(printf '%064d' 0)"
    echo "::notice::$function does not exist yet: planning with a placeholder image"
  else
    cat "$RUNNER_TEMP/get-function.err" >&2
    return 1
  fi
  export "TF_VAR_$variable=$uri"
}
# IMAGES: one processor a line, its fields separated by tabs (from the declarations, through env:).
mapfile -t image_lines <<<"$IMAGES"
for image in "${image_lines[@]}"; do
  IFS=$'\t' read -r image_stack variable function region repository_url role <<<"$image"
  if [[ -n "$image" && "$image_stack" == "$STACK" ]]; then
    current_image "$variable" "$function" "$region" "$repository_url" "$role"
  fi
done

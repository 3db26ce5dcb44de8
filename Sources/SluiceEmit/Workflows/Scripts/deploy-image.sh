#!/usr/bin/env bash
# sluice-deploy.yml, job images, step "Build and push": builds one processor's image, pushes it to its ECR
# repository tagged with the commit, and writes its digest to digests/image-<processor>.txt. Environment (the
# matrix leg's): PROCESSOR, PLATFORM, REGION, REPOSITORY, REPOSITORY_URL, ACCOUNT_ID, DEPLOY_ROLE.
set -eo pipefail
# sluice:run
# Push with the deploy role of the repository's account, assumed here: its credentials stay in this step.
credentials="$(aws sts assume-role --role-arn "$DEPLOY_ROLE" \
  --role-session-name "sluice-images-$GITHUB_RUN_ID" \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"
read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN <<<"$credentials"
echo "::add-mask::$AWS_SECRET_ACCESS_KEY"
echo "::add-mask::$AWS_SESSION_TOKEN"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
caller_account="$(aws sts get-caller-identity --query Account --output text)"
if [[ "$caller_account" != "$ACCOUNT_ID" ]]; then
  echo "::error::$DEPLOY_ROLE is a role of account $caller_account, not of $ACCOUNT_ID"
  exit 1
fi

dockerfile="generated/docker/$PROCESSOR/Dockerfile"
aws ecr get-login-password --region "$REGION" |
  docker login --username AWS --password-stdin "${REPOSITORY_URL%%/*}"
# Tags are immutable in ECR: a re-run for the same commit deploys the image it pushed the first time.
if ! aws ecr describe-images --region "$REGION" --repository-name "$REPOSITORY" \
  --image-ids "imageTag=$GITHUB_SHA" >/dev/null 2>&1; then
  # No provenance or SBOM: Lambda takes a single image manifest, not an index carrying attestations.
  docker buildx build --platform "$PLATFORM" --provenance=false --sbom=false \
    --file "$dockerfile" --tag "$REPOSITORY_URL:$GITHUB_SHA" --push .
fi
# The digest ECR holds is the one Lambda pulls.
digest="$(aws ecr describe-images --region "$REGION" --repository-name "$REPOSITORY" \
  --image-ids "imageTag=$GITHUB_SHA" --query 'imageDetails[0].imageDigest' --output text)"
if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "::error::no digest for $REPOSITORY_URL:$GITHUB_SHA (got '$digest')"
  exit 1
fi
mkdir -p digests
echo "$digest" >"digests/image-$PROCESSOR.txt"

# The Dockerfile pins its base images by tag: record what each tag is now, next to the pushed digest.
{
  printf '### %s\n\n| image | digest |\n|---|---|\n' "$PROCESSOR"
  printf '| %s:%s | %s |\n' "$REPOSITORY_URL" "$GITHUB_SHA" "$digest"
  grep -E '^FROM ' "$dockerfile" | awk '{ print $2 }' | while read -r base; do
    # awk reads to the end: leaving early would fail the pipeline (pipefail) on imagetools' broken pipe.
    base_digest="$(docker buildx imagetools inspect "$base" |
      awk '/^Digest:/ && !seen { print $2; seen = 1 }')"
    printf '| %s | %s |\n' "$base" "$base_digest"
  done
} >>"$GITHUB_STEP_SUMMARY"

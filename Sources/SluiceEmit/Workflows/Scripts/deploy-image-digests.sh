#!/usr/bin/env bash
# sluice-deploy.yml, an apply job of a stack holding processors, the start of step "Plan and apply"
# (before deploy-apply.sh): exports TF_VAR_<variable> as each processor's pushed digest. Environment: IMAGES, one
# processor a line, its fields separated by tabs: Terraform variable, processor, repository URL.
set -eo pipefail
# sluice:run
# The processors of this stack deploy the digest the images job pushed.
image_uri() {
  local variable="$1" processor="$2" repository_url="$3" digest
  if [[ ! "$variable" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "::error::'$variable' is not a Terraform variable name"
    exit 1
  fi
  digest="$(cat "digests/image-$processor.txt")"
  if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
    echo "::error::digests/image-$processor.txt holds no image digest"
    exit 1
  fi
  export "TF_VAR_$variable=$repository_url@$digest"
}
# IMAGES: one processor a line, its fields separated by tabs (from the declarations, through env:).
mapfile -t image_lines <<<"$IMAGES"
for image in "${image_lines[@]}"; do
  IFS=$'\t' read -r variable processor repository_url <<<"$image"
  image_uri "$variable" "$processor" "$repository_url"
done

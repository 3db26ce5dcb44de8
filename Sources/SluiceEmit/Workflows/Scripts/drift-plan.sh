#!/usr/bin/env bash
# sluice-drift.yml, job plan, step "Plan": plans one stack with its read-only plan role and records whether
# it drifted (drift/<stack>.status). Environment: STACK and IMAGES (see current-images.sh).
set -eo pipefail
# sluice:run
# shellcheck source=current-images.sh
source "${BASH_SOURCE[0]%/*}/current-images.sh"
mkdir -p plans drift
status=0
.build/release/sluice plan --verbose --stack "$STACK" --role plan --plans-dir plans \
  --markdown "drift/$STACK.md" --detailed-exitcode || status=$?
case "$status" in
  0) echo clean >"drift/$STACK.status" ;;
  2) echo drift >"drift/$STACK.status" ;;
  *) exit "$status" ;;
esac

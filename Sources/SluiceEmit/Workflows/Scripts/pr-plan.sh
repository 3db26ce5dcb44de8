#!/usr/bin/env bash
# sluice-pr.yml, job plan, step "Plan": plans one stack with its read-only plan role and writes its summary.
# Environment: STACK and IMAGES (see current-images.sh). The base's generated files, checked out in .sluice/base,
# hold the schema the stack's lake tables are compared with (a breaking change not allowed fails the plan).
set -eo pipefail
# sluice:run
# shellcheck source=current-images.sh
source "${BASH_SOURCE[0]%/*}/current-images.sh"
mkdir -p plans
.build/release/sluice plan --verbose --stack "$STACK" --role plan --plans-dir plans \
  --markdown "plans/$STACK.md" --base .sluice/base

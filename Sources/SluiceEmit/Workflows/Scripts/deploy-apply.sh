#!/usr/bin/env bash
# sluice-deploy.yml, each apply job, step "Plan and apply": plans one stack and applies that saved plan.
# Environment: STACK, the stack.
set -eo pipefail
# sluice:run
.build/release/sluice plan --verbose --stack "$STACK" --plans-dir plans
cat "plans/$STACK.md" >>"$GITHUB_STEP_SUMMARY"
.build/release/sluice apply --verbose --stack "$STACK" --plans-dir plans

#!/usr/bin/env bash
# sluice-pr.yml, job check, step "Build, test and check in the builder image": builds, tests and checks
# the generated files inside the processor images' builder image, and records the digest its tag resolved to;
# then writes the cost estimate, compared with the base's committed one (WorkflowSteps.basePath, checked out by
# the step before), to plans/cost.md for the comment (CostMarkdown: a budgeted summary, then the details).
# Environment: BUILDER_IMAGE, the Dockerfiles' builder image; PROCESSOR_PRODUCTS, the processors' products,
# space-separated. The Amazon Linux release and packages are DockerfileEmitter's (WorkflowScriptTests checks them).
set -eo pipefail
# sluice:run
docker pull --quiet "$BUILDER_IMAGE"
mkdir -p plans
printf '| builder image | digest |\n|---|---|\n| %s | %s |\n' "$BUILDER_IMAGE" \
  "$(docker image inspect --format '{{index .RepoDigests 0}}' "$BUILDER_IMAGE")" >>"$GITHUB_STEP_SUMMARY"
# Each processor's product too, as its image builds it: a declared processor whose executable target
# Package.swift lacks fails here, before the merge, not in the images job on main.
docker run --rm --volume "$PWD:/src" --workdir /src --env PROCESSOR_PRODUCTS "$BUILDER_IMAGE" \
  bash -c 'set -e
    dnf install -y --quiet --releasever=2023.12.20260914 \
      snappy-devel-1.1.9 libzstd-devel-1.5.5
    swift build; swift test; swift run sluice check
    swift run sluice cost --format markdown --base .sluice/base >plans/cost.md
    for product in $PROCESSOR_PRODUCTS; do swift build --product "$product"; done'

#!/usr/bin/env bash
# The project's test command, in two tiers (README: "Tests"):
#
#   scripts/test.sh          the full run, what CI runs (.ci/run): the tools, swift-format lint, the build, every
#                            Swift test, the fuzz targets, then every tool test in Tests/tools (terraform validate,
#                            checkov, moto deploys, Spark readers, the sluice CLI).
#   scripts/test.sh --fast   the same lint, build and Swift tests, then the tool tests that run none of moto,
#                            terraform, checkov, Spark or a Swift build of their own (their pytest markers, registered
#                            in Tests/tools/conftest.py); no fuzzing. About 2 minutes once built (README: "Test tiers").
#
# Stops at the first step that fails. Extra arguments go to pytest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

fast=false
if [[ "${1:-}" == "--fast" ]]; then
    fast=true
    shift
fi

# The tool tests the fast tier leaves out, by marker.
FAST_EXCLUDES="not moto and not terraform and not checkov and not spark and not swift_build"

step() {
    echo
    echo "==> $*"
}

step "scripts/tools.sh"
bash scripts/tools.sh
# shellcheck source=scripts/lib/terraform-env.sh
. scripts/lib/terraform-env.sh

# --strict: a finding is an error, and fails the run (the tree has none).
step "swift format lint --strict"
swift format lint --strict -r Sources Tests pipelines benchmarks Fuzz Package.swift

# One build of the code and the tests; `swift test` then only runs them.
step "swift build --build-tests"
swift build --build-tests

step "swift test"
swift test --skip-build

if [[ "$fast" == false ]]; then
    step "scripts/fuzz.sh (each fuzz target 10 s)"
    bash scripts/fuzz.sh --seconds 10
fi

bin_path="$(swift build --show-bin-path)"
export SLUICE_BIN="$bin_path/sluice"

pytest_arguments=(-q -p no:cacheprovider --strict-markers)
if [[ "$fast" == true ]]; then
    pytest_arguments+=(-m "$FAST_EXCLUDES")
    step "pytest Tests/tools -m '$FAST_EXCLUDES' (SLUICE_BIN=$SLUICE_BIN)"
else
    step "pytest Tests/tools (SLUICE_BIN=$SLUICE_BIN)"
fi
.venv-tools/bin/pytest "${pytest_arguments[@]}" Tests/tools "$@"

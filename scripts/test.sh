#!/usr/bin/env bash
# The project's test command: sets up the tools, builds, runs the Swift tests, then the
# tool tests in Tests/tools (terraform validate, checkov, the sluice CLI).
# Stops at the first step that fails. Extra arguments go to pytest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() {
    echo
    echo "==> $*"
}

step "scripts/tools.sh"
bash scripts/tools.sh
# shellcheck source=scripts/lib/terraform-env.sh
. scripts/lib/terraform-env.sh

step "swift build"
swift build

step "swift test"
swift test

bin_path="$(swift build --show-bin-path)"
export SLUICE_BIN="$bin_path/sluice"

step "pytest Tests/tools (SLUICE_BIN=$SLUICE_BIN)"
.venv-tools/bin/pytest -q -p no:cacheprovider Tests/tools "$@"

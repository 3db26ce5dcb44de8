# shellcheck shell=bash
# Source this to run terraform with the CLI config that scripts/tools.sh writes:
#   . scripts/lib/terraform-env.sh
# It overrides any ambient TF_CLI_CONFIG_FILE (on these machines it names a file that does
# not exist), so providers come from the local mirror only and nothing is fetched.

_sluice_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ ! -f "$_sluice_root/.tmp/terraformrc" ]]; then
    echo "terraform-env.sh: missing: $_sluice_root/.tmp/terraformrc: run scripts/tools.sh first" >&2
    unset _sluice_root
    return 1
fi
export TF_CLI_CONFIG_FILE="$_sluice_root/.tmp/terraformrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
export TF_INPUT=0
unset _sluice_root

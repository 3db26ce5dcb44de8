#!/usr/bin/env bash
# Sets up the tools that scripts/test.sh needs, and checks the ones it cannot install.
#
#   .venv-tools    pytest and friends   (tools/requirements.txt)
#   .venv-checkov  checkov              (tools/requirements-checkov.txt; it pins an old boto3)
#   .venv-moto     moto server          (tools/requirements-moto.txt; for `sluice dev` and scripts/capture-plan-fixtures.sh)
#   terraform      1.11.x on PATH
#   the hashicorp/aws 5.100.0 provider in a filesystem mirror (found under /opt, or $SLUICE_TF_MIRROR)
#   .tmp/terraformrc, a Terraform CLI config that installs providers from that mirror only
#
# Idempotent: a venv whose requirements file (and Python) did not change is left alone.
# Each missing thing is reported on one line with how to get it, and the script exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
TERRAFORM_SERIES="1.11"
AWS_PROVIDER_VERSION="5.100.0"
TF_CONFIG="$ROOT/.tmp/terraformrc"
TF_PLUGIN_CACHE="$ROOT/.tmp/terraform-plugin-cache"

missing() {
    echo "scripts/tools.sh: missing: $*" >&2
    exit 1
}

note() {
    echo "tools: $*"
}

# --- Python venvs -------------------------------------------------------------

command -v "$PYTHON" >/dev/null 2>&1 ||
    missing "$PYTHON (Python 3): apt-get install -y python3 python3-venv"
"$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
    missing "Python's venv/ensurepip modules: apt-get install -y python3-venv"

python_id="$("$PYTHON" -c 'import sys; print(sys.executable, sys.version.split()[0])')"

# ensure_venv DIR REQUIREMENTS: (re)creates DIR from REQUIREMENTS unless the hash stored
# in DIR says it was built from the same file with the same Python.
ensure_venv() {
    local dir="$1" requirements="$2" stamp want have=""
    [[ -f "$requirements" ]] || missing "$requirements (it is part of the repository: check out the whole tree)"
    stamp="$dir/.sluice-requirements.sha256"
    want="$({ cat "$requirements"; echo "$python_id"; } | sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp" ]]; then
        have="$(cat "$stamp")"
    fi
    if [[ "$have" == "$want" ]] && "$dir/bin/python" -c '' >/dev/null 2>&1; then
        note "$dir is up to date with $requirements"
        return 0
    fi
    note "building $dir from $requirements"
    rm -rf "$dir"
    "$PYTHON" -m venv "$dir"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" ||
        missing "the packages of $requirements: pip could not install them (is PyPI reachable? see pip's output above)"
    # Written last, so a failed install is retried next time.
    echo "$want" >"$stamp"
}

ensure_venv .venv-tools tools/requirements.txt
ensure_venv .venv-checkov tools/requirements-checkov.txt
ensure_venv .venv-moto tools/requirements-moto.txt

# --- Terraform ------------------------------------------------------------------

command -v terraform >/dev/null 2>&1 ||
    missing "terraform $TERRAFORM_SERIES.x on PATH: put HashiCorp's terraform $TERRAFORM_SERIES binary in /usr/local/bin (no Debian or PyPI package provides it)"

# TF_CLI_CONFIG_FILE=/dev/null: the ambient one may name a file that does not exist.
tf_version="$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 terraform version -json 2>/dev/null |
    sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p' || true)"
[[ "$tf_version" == "$TERRAFORM_SERIES".* ]] ||
    missing "terraform $TERRAFORM_SERIES.x: $(command -v terraform) is version '${tf_version:-unknown}'; put terraform $TERRAFORM_SERIES.x first on PATH"
note "terraform $tf_version at $(command -v terraform)"

# has_aws_provider MIRROR: true if MIRROR holds hashicorp/aws in the unpacked or packed layout.
has_aws_provider() {
    local base="$1/registry.terraform.io/hashicorp/aws"
    [[ -d "$base/$AWS_PROVIDER_VERSION" ]] || compgen -G "$base/terraform-provider-aws_${AWS_PROVIDER_VERSION}_*.zip" >/dev/null
}

mirror=""
if [[ -n "${SLUICE_TF_MIRROR:-}" ]]; then
    has_aws_provider "$SLUICE_TF_MIRROR" ||
        missing "hashicorp/aws $AWS_PROVIDER_VERSION in SLUICE_TF_MIRROR=$SLUICE_TF_MIRROR: expected $SLUICE_TF_MIRROR/registry.terraform.io/hashicorp/aws/$AWS_PROVIDER_VERSION/ (make it with 'terraform providers mirror' on a machine with network)"
    mirror="$(cd "$SLUICE_TF_MIRROR" && pwd)"
else
    while IFS= read -r found; do
        if has_aws_provider "$(dirname "$found")"; then
            mirror="$(dirname "$found")"
            break
        fi
    done < <(find /opt -maxdepth 3 -type d -name registry.terraform.io 2>/dev/null | sort)
    [[ -n "$mirror" ]] ||
        missing "a Terraform provider mirror with hashicorp/aws $AWS_PROVIDER_VERSION: none found under /opt (looked for /opt/*/registry.terraform.io/hashicorp/aws/$AWS_PROVIDER_VERSION); set SLUICE_TF_MIRROR to the folder that holds registry.terraform.io/"
fi
note "hashicorp/aws $AWS_PROVIDER_VERSION from the mirror $mirror"

# --- Terraform CLI config ---------------------------------------------------------
# Providers come from the mirror only: there is no direct block, so nothing is fetched.

mkdir -p "$TF_PLUGIN_CACHE"
tmp_config="$(mktemp "$ROOT/.tmp/terraformrc.XXXXXX")"
cat >"$tmp_config" <<EOF
# Written by scripts/tools.sh; do not edit (it is rewritten on every run).
disable_checkpoint = true
plugin_cache_dir   = "$TF_PLUGIN_CACHE"

provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
}
EOF
mv -f "$tmp_config" "$TF_CONFIG"
note "wrote $TF_CONFIG"

echo "tools: ready. To run terraform by hand with these settings:"
echo "  export TF_CLI_CONFIG_FILE=$TF_CONFIG"
echo "(scripts source scripts/lib/terraform-env.sh, which does that)"

#!/usr/bin/env bash
# Sets up the tools that scripts/test.sh needs, and checks the ones it cannot install.
# Every requirement is checked first, in a few seconds, before anything slow:
#
#   swift          6.0 or later on PATH, with clang's libFuzzer runtime (swift.org toolchains ship it)
#   python3        3.11 or later, with venv/ensurepip      (apt-get: python3-venv)
#   zlib headers   zlib1g-dev                              (apt-get)
#   snappy, zstd   libsnappy-dev, libzstd-dev: Parquet's codecs (apt-get)
#   java           17 or later, for Spark's Parquet reader in the tool tests (apt-get: openjdk-17-jre-headless)
#   ShellCheck     lints the generated workflows' scripts  (apt-get)
#   terraform      1.11.x on PATH
#   the hashicorp/aws 5.100.0 provider in a filesystem mirror (found under /opt, or $SLUICE_TF_MIRROR)
#   disk           3 GB free for .build, the venvs and Terraform's working folders
#
# What apt-get can provide is installed when the script runs as root (as CI does) and it is missing; every other
# missing thing is reported on one line with its fix, all of them together, and the script exits 1.
# Then it makes (idempotently: a venv whose requirements file and Python did not change is left alone):
#
#   .venv-tools    pytest and friends   (tools/requirements.txt)
#   .venv-checkov  checkov              (tools/requirements-checkov.txt; it pins an old boto3)
#   .venv-moto     moto server          (tools/requirements-moto.txt; for `sluice dev` and scripts/capture-plan-fixtures.sh)
#   .tmp/terraformrc, a Terraform CLI config that installs providers from that mirror only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
TERRAFORM_SERIES="1.11"
AWS_PROVIDER_VERSION="5.100.0"
MINIMUM_FREE_GB=3
TF_CONFIG="$ROOT/.tmp/terraformrc"
TF_PLUGIN_CACHE="$ROOT/.tmp/terraform-plugin-cache"

missing() {
    echo "scripts/tools.sh: missing: $*" >&2
    exit 1
}

note() {
    echo "tools: $*"
}

# --- Requirements, all checked before anything slow --------------------------------

problems=()
problem() {
    problems+=("$*")
}

# apt_install PACKAGE: installs a Debian package when running as root with apt-get on PATH; false otherwise.
apt_updated=""
apt_install() {
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 || return 1
    note "installing $1 with apt-get"
    if [[ -z "$apt_updated" ]]; then
        apt-get update -qq >/dev/null || return 1
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}

if command -v swift >/dev/null 2>&1; then
    swift_major="$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | sed -n 1p)"
    if [[ -z "$swift_major" || "$swift_major" -lt 6 ]]; then
        problem "Swift 6.0 or later: $(command -v swift) is version '${swift_major:-unknown}'; install a toolchain from https://www.swift.org/install/linux/ and put its usr/bin first on PATH"
    fi
    # The fuzz targets link with `swiftc -sanitize=fuzzer`, which needs clang's libFuzzer runtime in the toolchain.
    toolchain="$(dirname "$(readlink -f "$(command -v swift)")")/.."
    if ! compgen -G "$toolchain/lib/clang/*/lib/linux/libclang_rt.fuzzer-$(uname -m).a" >/dev/null &&
        ! compgen -G "$toolchain/lib/swift/clang/lib/linux/libclang_rt.fuzzer-$(uname -m).a" >/dev/null; then
        problem "clang's libFuzzer runtime (libclang_rt.fuzzer-$(uname -m).a) in the Swift toolchain at $(cd "$toolchain" && pwd): use a swift.org toolchain for Linux, which ships it (distribution packages may leave it out)"
    fi
else
    problem "swift (Swift 6.0 or later) on PATH: install a toolchain from https://www.swift.org/install/linux/ and put its usr/bin on PATH (CI looks in /opt/swift/usr/bin)"
fi

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    apt_install python3 || true
fi
if command -v "$PYTHON" >/dev/null 2>&1; then
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
        problem "Python 3.11 or later: $PYTHON is $("$PYTHON" --version 2>&1); install python3 (3.11+) or set PYTHON to one"
    elif ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        apt_install python3-venv || true
        "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
            problem "Python's venv/ensurepip modules: apt-get install -y python3-venv"
    fi
else
    problem "$PYTHON (Python 3.11 or later): apt-get install -y python3 python3-venv"
fi

# SluiceProcessing links the system's zlib (gzip).
if [[ ! -f /usr/include/zlib.h ]]; then
    apt_install zlib1g-dev || true
    [[ -f /usr/include/zlib.h ]] || problem "zlib's headers (/usr/include/zlib.h): apt-get install -y zlib1g-dev"
fi

# SluiceParquet links Debian's snappy and zstd (Parquet's SNAPPY and ZSTD codecs).
if [[ ! -f /usr/include/snappy-c.h ]]; then
    apt_install libsnappy-dev || true
    [[ -f /usr/include/snappy-c.h ]] || problem "snappy's headers (/usr/include/snappy-c.h): apt-get install -y libsnappy-dev"
fi
if [[ ! -f /usr/include/zstd.h ]]; then
    apt_install libzstd-dev || true
    [[ -f /usr/include/zstd.h ]] || problem "zstd's headers (/usr/include/zstd.h): apt-get install -y libzstd-dev"
fi

# java_major: the major version of the java on PATH, or nothing.
java_major() {
    java -version 2>&1 | sed -n 's/.*version "\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | sed -n 1p
}
# Tests/tools/test_parquet_readers.py reads Sluice's Parquet with Spark's Java reader (pyspark needs Java 17+).
if ! command -v java >/dev/null 2>&1 || [[ "$(java_major)" -lt 17 ]]; then
    apt_install openjdk-17-jre-headless || true
    if ! command -v java >/dev/null 2>&1; then
        problem "java (17 or later) on PATH, for Spark's Parquet reader in the tool tests: apt-get install -y openjdk-17-jre-headless"
    elif [[ "$(java_major)" -lt 17 ]]; then
        problem "Java 17 or later: $(command -v java) is Java $(java_major); apt-get install -y openjdk-17-jre-headless and put it first on PATH"
    fi
fi

# Tests/tools/test_workflows.py lints every generated run: script; only Debian's packages provide shellcheck.
if ! command -v shellcheck >/dev/null 2>&1; then
    apt_install shellcheck || true
    command -v shellcheck >/dev/null 2>&1 || problem "shellcheck on PATH: apt-get install -y shellcheck"
fi

if command -v terraform >/dev/null 2>&1; then
    # TF_CLI_CONFIG_FILE=/dev/null: the ambient one may name a file that does not exist.
    tf_version="$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 terraform version -json 2>/dev/null |
        sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p' || true)"
    if [[ "$tf_version" == "$TERRAFORM_SERIES".* ]]; then
        note "terraform $tf_version at $(command -v terraform)"
    else
        problem "terraform $TERRAFORM_SERIES.x: $(command -v terraform) is version '${tf_version:-unknown}'; put terraform $TERRAFORM_SERIES.x first on PATH"
    fi
else
    problem "terraform $TERRAFORM_SERIES.x on PATH: put HashiCorp's terraform $TERRAFORM_SERIES binary (https://releases.hashicorp.com/terraform/) in /usr/local/bin (no Debian or PyPI package provides it)"
fi

# has_aws_provider MIRROR: true if MIRROR holds hashicorp/aws in the unpacked or packed layout.
has_aws_provider() {
    local base="$1/registry.terraform.io/hashicorp/aws"
    [[ -d "$base/$AWS_PROVIDER_VERSION" ]] || compgen -G "$base/terraform-provider-aws_${AWS_PROVIDER_VERSION}_*.zip" >/dev/null
}

mirror=""
if [[ -n "${SLUICE_TF_MIRROR:-}" ]]; then
    if has_aws_provider "$SLUICE_TF_MIRROR"; then
        mirror="$(cd "$SLUICE_TF_MIRROR" && pwd)"
    else
        problem "hashicorp/aws $AWS_PROVIDER_VERSION in SLUICE_TF_MIRROR=$SLUICE_TF_MIRROR: expected $SLUICE_TF_MIRROR/registry.terraform.io/hashicorp/aws/$AWS_PROVIDER_VERSION/ (make it with 'terraform providers mirror' on a machine with network)"
    fi
else
    while IFS= read -r found; do
        if has_aws_provider "$(dirname "$found")"; then
            mirror="$(dirname "$found")"
            break
        fi
    done < <(find /opt -maxdepth 3 -type d -name registry.terraform.io 2>/dev/null | sort)
    [[ -n "$mirror" ]] ||
        problem "a Terraform provider mirror with hashicorp/aws $AWS_PROVIDER_VERSION: none found under /opt (looked for /opt/*/registry.terraform.io/hashicorp/aws/$AWS_PROVIDER_VERSION); set SLUICE_TF_MIRROR to the folder that holds registry.terraform.io/ (make one with 'terraform providers mirror DIR' where the registry is reachable)"
fi
[[ -z "$mirror" ]] || note "hashicorp/aws $AWS_PROVIDER_VERSION from the mirror $mirror"

free_kb="$(df -Pk "$ROOT" | awk 'NR == 2 { print $4 }')"
if [[ "$free_kb" =~ ^[0-9]+$ ]] && ((free_kb < MINIMUM_FREE_GB * 1024 * 1024)); then
    problem "$MINIMUM_FREE_GB GB of free disk space under $ROOT (for .build, the venvs and Terraform's folders): $((free_kb / 1024)) MB free; free some space"
fi

if ((${#problems[@]} > 0)); then
    for line in "${problems[@]}"; do
        echo "scripts/tools.sh: missing: $line" >&2
    done
    echo "scripts/tools.sh: ${#problems[@]} requirement(s) missing (see README.md, \"Requirements\"); nothing was installed into the venvs" >&2
    exit 1
fi
note "requirements present: swift, python3, zlib, snappy, zstd, java, shellcheck, terraform, the provider mirror, disk space"

# --- Python venvs -------------------------------------------------------------

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

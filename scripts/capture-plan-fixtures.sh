#!/usr/bin/env bash
# Captures real `terraform show -json` plans, the golden inputs of the plan summarizer tests:
#
#   scripts/capture-plan-fixtures.sh [CASE...]      (default: every case)
#
# Starts a moto server (.venv-moto) on a free port of 127.0.0.1 and, for each case in
# Tests/SluiceDeployTests/Fixtures/configs/<case>/, in a temporary folder with a local backend:
#   1. resets moto (an empty account per case);
#   2. applies <case>/baseline/ if there is one;
#   3. runs <case>/drift.py with .venv-moto/bin/python if there is one (out-of-band changes);
#   4. plans <case>/change/ (or <case>/baseline/ again when there is no change/), with the
#      arguments listed in <case>/plan-args, one a line, if there is one;
#   5. writes `terraform show -json` of that plan, keys sorted and indented, to
#      Tests/SluiceDeployTests/Fixtures/plans/<case>.json.
# A case that names an aws_ resource gets configs/_moto/moto.tf (the aws provider pointed at moto)
# copied next to its files; <case>/modules/ is copied too, for `source = "./modules/..."`.
# Then it prints what each plan holds and checks it against <case>/expected.json (exit 1 on a mismatch).
#
# Terraform comes with the project's CLI config (.tmp/terraformrc, written by scripts/tools.sh, which
# this script runs first), so hashicorp/aws 5.100 comes from the local mirror and nothing is fetched.
# The moto server is stopped and the temporary folder removed on exit, whatever happened
# (SLUICE_KEEP_WORK=1 keeps the folder, with each case's terraform.log and moto.log).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FIXTURES="$ROOT/Tests/SluiceDeployTests/Fixtures"
CONFIGS="$FIXTURES/configs"
PLANS="$FIXTURES/plans"
ALL_CASES=(create update replace delete drift sensitive noop large)

say() {
    echo "capture: $*"
}

die() {
    echo "capture: error: $*" >&2
    exit 1
}

if [[ $# -gt 0 ]]; then
    cases=("$@")
else
    cases=("${ALL_CASES[@]}")
fi
for case in "${cases[@]}"; do
    [[ -d "$CONFIGS/$case" ]] || die "no case '$case': expected a folder $CONFIGS/$case (cases: ${ALL_CASES[*]})"
done

bash scripts/tools.sh >/dev/null || die "scripts/tools.sh failed (run it alone to see why)"
# shellcheck source=scripts/lib/terraform-env.sh
. scripts/lib/terraform-env.sh

MOTO_PYTHON="$ROOT/.venv-moto/bin/python"
MOTO_SERVER="$ROOT/.venv-moto/bin/moto_server"
[[ -x "$MOTO_SERVER" ]] || die "$MOTO_SERVER is missing: scripts/tools.sh should have built .venv-moto"

# --- temporary folder and moto server, both undone on exit ------------------------------

work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-plan-fixtures.XXXXXX")"
moto_pid=""
tf_pid=""

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    # Interrupted during a terraform command: let it stop (it takes SIGINT as Ctrl-C) before moto goes.
    if [[ -n "$tf_pid" ]] && kill -0 "$tf_pid" 2>/dev/null; then
        kill -INT "$tf_pid" 2>/dev/null || true
        wait "$tf_pid" 2>/dev/null || true
        say "stopped terraform (pid $tf_pid)"
    fi
    if [[ -n "$moto_pid" ]]; then
        kill "$moto_pid" 2>/dev/null || true
        wait "$moto_pid" 2>/dev/null || true
        say "stopped moto server (pid $moto_pid)"
    fi
    if [[ $rc -ne 0 && -s "$work/moto.log" ]]; then
        echo "capture: last lines of the moto server's log:" >&2
        tail -n 20 "$work/moto.log" >&2 || true
    fi
    if [[ "${SLUICE_KEEP_WORK:-}" == 1 ]]; then
        say "kept $work"
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$("$MOTO_PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')"
endpoint="http://127.0.0.1:$port"

"$MOTO_SERVER" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!

for _ in $(seq 1 100); do
    kill -0 "$moto_pid" 2>/dev/null || die "the moto server exited at start"
    if curl -sf -o /dev/null "$endpoint/moto-api/"; then
        break
    fi
    sleep 0.2
done
curl -sf -o /dev/null "$endpoint/moto-api/" || die "the moto server did not answer on $endpoint within 20 s"
say "moto server (pid $moto_pid) on $endpoint"

# Fake credentials only, and nothing ambient that could send the provider or boto3 elsewhere.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=eu-west-1 AWS_REGION=eu-west-1
export AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export TF_VAR_moto_endpoint="$endpoint"
export MOTO_ENDPOINT="$endpoint"

# --- one case ---------------------------------------------------------------------------

# tf WORKDIR LOG ARGS...: terraform in WORKDIR, its output appended to LOG; on failure prints LOG's end.
# It runs in the background and is waited for, so that a signal reaches the trap at once, not when
# terraform is done.
tf() {
    local wd="$1" log="$2" rc=0
    shift 2
    echo "\$ terraform $*" >>"$log"
    terraform -chdir="$wd" "$@" >>"$log" 2>&1 &
    tf_pid=$!
    wait "$tf_pid" || rc=$?
    tf_pid=""
    if [[ $rc -ne 0 ]]; then
        echo "capture: terraform $1 failed in $wd; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        return 1
    fi
}

# load_step CASE_DIR STEP WORKDIR USES_AWS: replaces the configuration in WORKDIR with CASE_DIR/STEP.
load_step() {
    local dir="$1" step="$2" wd="$3" uses_aws="$4"
    find "$wd" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.tf.json' -o -name '*.tfvars' -o -name '*.tfvars.json' \) -delete
    cp -R "$dir/$step/." "$wd/"
    if [[ "$uses_aws" == yes ]]; then
        cp "$CONFIGS/_moto/moto.tf" "$wd/"
    fi
}

run_case() {
    local case="$1" dir="$CONFIGS/$1" wd="$work/$1" uses_aws=no step started plan_args=()
    local log="$wd/terraform.log"
    started=$SECONDS
    mkdir -p "$wd"
    : >"$log"
    curl -sf -o /dev/null -X POST "$endpoint/moto-api/reset" || die "could not reset the moto server"
    if grep -rqsE '"aws_[a-z0-9_]+"' "$dir"; then
        uses_aws=yes
    fi
    if [[ -d "$dir/modules" ]]; then
        cp -R "$dir/modules" "$wd/"
    fi

    if [[ -d "$dir/baseline" ]]; then
        load_step "$dir" baseline "$wd" "$uses_aws"
        tf "$wd" "$log" init -no-color -input=false
        tf "$wd" "$log" apply -no-color -input=false -auto-approve -parallelism=20
        say "$case: applied baseline ($((SECONDS - started)) s)"
    fi
    if [[ -f "$dir/drift.py" ]]; then
        "$MOTO_PYTHON" "$dir/drift.py" >>"$log" 2>&1 || {
            tail -n 20 "$log" >&2
            die "$case: drift.py failed"
        }
        say "$case: ran drift.py"
    fi

    step=change
    [[ -d "$dir/$step" ]] || step=baseline
    if [[ -f "$dir/plan-args" ]]; then
        mapfile -t plan_args < <(grep -vE '^[[:space:]]*(#|$)' "$dir/plan-args")
    fi
    load_step "$dir" "$step" "$wd" "$uses_aws"
    tf "$wd" "$log" init -no-color -input=false
    tf "$wd" "$log" plan -no-color -input=false -parallelism=20 -out=plan.tfplan "${plan_args[@]}"

    mkdir -p "$PLANS"
    terraform -chdir="$wd" show -json plan.tfplan >"$wd/plan.json"
    python3 -m json.tool --sort-keys "$wd/plan.json" >"$wd/plan.pretty.json"
    mv -f "$wd/plan.pretty.json" "$PLANS/$case.json"
    say "$case: planned $step${plan_args[*]:+ (${plan_args[*]})}, wrote ${PLANS#"$ROOT"/}/$case.json ($((SECONDS - started)) s)"
}

total_started=$SECONDS
for case in "${cases[@]}"; do
    run_case "$case"
done
say "captured ${#cases[@]} case(s) in $((SECONDS - total_started)) s"

python3 scripts/lib/plan-fixture-counts.py "$PLANS" "$CONFIGS" "${cases[@]}" ||
    die "a plan does not hold what its case's expected.json says (see MISMATCH above)"

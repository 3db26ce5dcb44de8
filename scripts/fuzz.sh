#!/usr/bin/env bash
# Builds and runs Sluice's libFuzzer targets (Fuzz/): each for --seconds (default 10), from its committed seed
# corpus (Fuzz/corpus/<target>) plus what earlier runs here found (.build-fuzz/corpus/<target>). Prints each
# target's executions per second and corpus size; fails on any crash, hang (one input over 10 s) or memory
# blow-up, keeping the input under .build-fuzz/crashes/ and printing how to replay it.
#
#   scripts/fuzz.sh                          every target, 10 s each (what CI runs)
#   scripts/fuzz.sh --seconds 600 manifest   one target, ten minutes
#
# Targets: manifest (pipeline manifest and project file decoding and validation), haproxy (the HAProxy log
# parser, every layout), ncsa (the NCSA combined and common log parser: escapes, cut lines), firehose (Firehose
# objects through the processor: gzip members, damage accounting, lines and CloudWatch Logs documents), plan
# (terraform plan JSON decoding and its summary), parquet (the Parquet writer on random schemas and rows, its
# files' framing and page counts re-read), json (the json log format: a line parsed, paths read as every column
# type, its leaves printed and columns proposed, all read back), jsonvalue (SluiceJSON's decoder on any bytes;
# what it accepts, written compact and pretty, read back the same), basefiles (a base checkout's generated/cost.json
# and generated/schema.json as sluice cost --base and the schema guard read them, and crawler schedules' runs a day).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

declare -A PRODUCTS=(
    [manifest]=FuzzManifest [haproxy]=FuzzHAProxy [firehose]=FuzzFirehoseObject [plan]=FuzzPlanJSON
    [parquet]=FuzzParquet [ncsa]=FuzzNCSA [json]=FuzzJSON [jsonvalue]=FuzzJSONValue [basefiles]=FuzzBaseFiles
)
ALL=(manifest haproxy ncsa firehose plan parquet json jsonvalue basefiles)
SCRATCH=.build-fuzz
# SwiftPM declares the fuzz targets only when this is set (see Package.swift).
export SLUICE_FUZZ=1
# Small quarantine and short allocation stacks: the targets allocate a lot per input, and the defaults make
# them several times slower. Leak checks are off: the Swift runtime's caches look like leaks per input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=8:malloc_context_size=2:detect_leaks=0}"
# A trap goes straight to libFuzzer, which keeps the input; Swift's own backtracer would get in its way.
export SWIFT_BACKTRACE=enable=no

seconds=10
targets=()
while (($#)); do
    case "$1" in
    --seconds)
        [[ $# -ge 2 && "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || {
            echo "fuzz.sh: --seconds needs a positive number of seconds" >&2
            exit 2
        }
        seconds="$2"
        shift 2
        ;;
    -h | --help)
        sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        [[ -n "${PRODUCTS[$1]:-}" ]] || {
            echo "fuzz.sh: unknown target '$1'; the targets are: ${ALL[*]}" >&2
            exit 2
        }
        targets+=("$1")
        shift
        ;;
    esac
done
((${#targets[@]})) || targets=("${ALL[@]}")

build() {
    swift build --scratch-path "$SCRATCH" -c debug --product "$1" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
}

started=$SECONDS
mkdir -p "$SCRATCH"
for target in "${targets[@]}"; do
    echo "== building ${PRODUCTS[$target]}"
    if ! build "${PRODUCTS[$target]}" >"$SCRATCH/build.log" 2>&1; then
        # (ld's "cannot export local symbol" warnings about the sanitizer runtime are noise.)
        grep -v 'Cannot export local symbol' "$SCRATCH/build.log" | tail -n 40 >&2
        echo "fuzz.sh: building ${PRODUCTS[$target]} failed" >&2
        exit 1
    fi
done
echo "fuzz.sh: built in $((SECONDS - started)) s"

failed=()
for target in "${targets[@]}"; do
    product="${PRODUCTS[$target]}"
    corpus="$SCRATCH/corpus/$target"
    crashes="$SCRATCH/crashes/$target"
    log="$SCRATCH/$target.log"
    mkdir -p "$corpus" "$crashes"
    echo "== fuzzing $target for $seconds s"
    status=0
    dict=()
    [[ -f "Fuzz/$target.dict" ]] && dict=(-dict="Fuzz/$target.dict")
    # New inputs go to the first folder only: the committed seeds stay as they are.
    "$SCRATCH/debug/$product" "$corpus" "Fuzz/corpus/$target" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$crashes/" >"$log" 2>&1 || status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    corp="$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1 | sed 's/corp: //')"
    echo "$target: ${runs:-?} runs, ${speed:-?} exec/s, corpus ${corp:-?} (inputs/size)"
    if ((status != 0)); then
        grep -E '==[0-9]+==ERROR|SUMMARY|Fatal error|deadly signal|timeout after|out-of-memory|Test unit written' \
            "$log" | head -n 10 >&2 || true
        artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
        echo "fuzz.sh: $target failed (libFuzzer exit $status); its log is $log" >&2
        if [[ -n "$artifact" && -f "$artifact" ]]; then
            echo "  the input: $artifact ($(wc -c <"$artifact") bytes), base64:" >&2
            head -c 4096 "$artifact" | base64 -w 0 >&2
            echo >&2
            echo "  replay it: SLUICE_FUZZ=1 swift build --scratch-path $SCRATCH -c debug --product $product" \
                "-Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld && $SCRATCH/debug/$product $artifact" >&2
        fi
        failed+=("$target")
    fi
done

echo "fuzz.sh: done in $((SECONDS - started)) s"
if ((${#failed[@]})); then
    echo "fuzz.sh: failed: ${failed[*]}" >&2
    exit 1
fi

#!/usr/bin/env bash
# What logging through swift-log costs a processor's cold start (issue 12): bootstrapping LoggingSystem, making a
# Logger and its first line, in fresh processes, swift-log alone (a handler that drops lines) and with Sluice's
# JSONLogHandler (which formats the line and its timestamp and writes it to stderr). Builds a small release package
# in .tmp/bench/logger-startup from SluiceJSON, JSONLogHandler.swift and benchmarks/logger_startup/main.swift.
#
#   benchmarks/logger_startup.sh [RUNS]     (default 60 processes each)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.tmp/bench/logger-startup"
runs="${1:-60}"
mkdir -p "$WORK/Sources/LoggerStartup"
rm -rf "$WORK/Sources/SluiceJSON"
cp -R "$ROOT/Sources/SluiceJSON" "$WORK/Sources/SluiceJSON"
cp "$ROOT/Sources/SluiceRuntime/AWS/JSONLogHandler.swift" "$ROOT/benchmarks/logger_startup/main.swift" \
    "$WORK/Sources/LoggerStartup/"
cat >"$WORK/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "LoggerStartup",
    dependencies: [.package(url: "https://github.com/apple/swift-log", from: "1.16.2")],
    targets: [
        .target(name: "SluiceJSON"),
        .executableTarget(
            name: "LoggerStartup", dependencies: ["SluiceJSON", .product(name: "Logging", package: "swift-log")]),
    ]
)
SWIFT
(cd "$WORK" && swift build -c release >build.log 2>&1) || {
    tail -n 30 "$WORK/build.log" >&2
    exit 1
}
binary="$WORK/.build/release/LoggerStartup"
for ((run = 0; run < runs; run++)); do
    "$binary" swiftlog 2>/dev/null
    "$binary" handler 2>/dev/null
done | python3 -c '
import statistics, sys
rows = [line.split() for line in sys.stdin]
for mode in ("swiftlog", "handler"):
    first = [int(row[1]) for row in rows if row[0] == mode]
    second = [int(row[2]) for row in rows if row[0] == mode]
    print(f"{mode:8}  bootstrap + first line: median {statistics.median(first):.0f} us, min {min(first)} us;"
          f"  a later line: median {statistics.median(second):.0f} us")
'

#!/usr/bin/env bash
# JSON string escaping and unescaping throughput (issue 12): SluiceJSON's JSONEscaper and JSONUnescaper, as another
# module calls them, against the code they replaced (SluiceProcessing's escaper, the json log format's and the
# CloudWatch scanner's unescapers, taken from commit 090fa8b and compiled into the benchmark's own module, as they
# were in their callers'). Builds a small release package in .tmp/bench/json-escaper.
#
#   benchmarks/json_escaper.sh [RUNS]     (default 5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.tmp/bench/json-escaper"
BASE=090fa8b
runs="${1:-5}"
mkdir -p "$WORK/Sources/JSONEscaperBench"
rm -rf "$WORK/Sources/SluiceJSON"
cp -R "$ROOT/Sources/SluiceJSON" "$WORK/Sources/SluiceJSON"
cp "$ROOT/benchmarks/json_escaper/main.swift" "$ROOT/benchmarks/json_escaper/unescape.swift" \
    "$WORK/Sources/JSONEscaperBench/"
git -C "$ROOT" show "$BASE:Sources/SluiceProcessing/JSONLineBuffer.swift" >"$WORK/line-buffer.swift"
git -C "$ROOT" show "$BASE:Sources/SluiceProcessing/Row.swift" >"$WORK/row.swift"
git -C "$ROOT" show "$BASE:Sources/SluiceProcessing/JSON/JSONString.swift" >"$WORK/json-string.swift"
git -C "$ROOT" show "$BASE:Sources/SluiceProcessing/CloudWatchDocumentScanner.swift" >"$WORK/scanner.swift"
python3 - "$WORK" <<'PYTHON'
import pathlib
import sys

work = pathlib.Path(sys.argv[1])
buffer = (work / "line-buffer.swift").read_text()
row = (work / "row.swift").read_text()
writer = buffer[buffer.index("    static func writeString(buffer bytes"):buffer.index("    /// Writes a decimal integer")]
word = row[row.index("    @inline(__always)\n    static func mayNeedEscape"):row.index("    /// Appends a decimal integer.")]
scanner = (work / "scanner.swift").read_text()
unescape = scanner[scanner.index("    /// Appends the decoded text of a string whose escapes"):scanner.rindex("}")]
old = f"""extension UnsafeMutablePointer<UInt8> {{
    @inline(__always)
    mutating func put(_ byte: UInt8) {{
        pointee = byte
        self += 1
    }}
}}

enum OldJSONText {{
    static func writeString(_ text: String, at: inout UnsafeMutablePointer<UInt8>) {{
        if text.utf8.withContiguousStorageIfAvailable({{ writeString(buffer: $0, at: &at) }}) == nil {{
            Array(text.utf8).withUnsafeBufferPointer {{ writeString(buffer: $0, at: &at) }}
        }}
    }}
{writer}{word}}}

{(work / "json-string.swift").read_text().replace("enum JSONString", "enum OldJSONString")}

enum OldScanner {{
{unescape.replace("private static func", "static func")}}}
"""
(work / "Sources" / "JSONEscaperBench" / "Old.swift").write_text(old)
PYTHON
cat >"$WORK/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "JSONEscaperBench",
    targets: [
        .target(name: "SluiceJSON"),
        .executableTarget(name: "JSONEscaperBench", dependencies: ["SluiceJSON"]),
    ]
)
SWIFT
(cd "$WORK" && swift build -c release >build.log 2>&1) || {
    tail -n 30 "$WORK/build.log" >&2
    exit 1
}
for ((run = 0; run < runs; run++)); do
    "$WORK/.build/release/JSONEscaperBench"
done

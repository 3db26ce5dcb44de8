#!/usr/bin/env python3
"""Gzipped landing bytes per byte of log message, in both delivery modes, for BENCHMARKS.md's cost model inputs.

Makes a `sluice sample` object of the example pipeline in each mode (extracted: gzipped lines; raw: the
subscription's gzipped CloudWatch Logs documents, one gzip member each, as Firehose parks them) and divides the
object's size by the bytes of the log messages it holds (without newlines). In raw mode the object is the
concatenated records Firehose received, so the same figure is the record bytes per event byte.

Usage: python3 benchmarks/landing_ratio.py --sluice PATH [--lines N] [--requests-per-second R]
"""

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PIPELINE = "integrations-usage"


def members(data: bytes):
    """The decompressed gzip members of a multi-member stream."""
    while data:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        yield inflater.decompress(data)
        data = inflater.unused_data


def message_bytes(path: pathlib.Path, mode: str) -> tuple[int, int]:
    """(messages, their UTF-8 bytes) in a sample object."""
    data = path.read_bytes()
    if mode == "extracted":
        text = b"".join(members(data))
        lines = text.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        return len(lines), sum(len(line) for line in lines)
    count = total = 0
    for member in members(data):
        for event in json.loads(member)["logEvents"]:
            count += 1
            total += len(event["message"].encode())
    return count, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sluice", type=pathlib.Path, required=True)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--requests-per-second", default="1000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for mode in ("extracted", "raw"):
            root = pathlib.Path(work) / mode
            shutil.copytree(ROOT / "pipelines", root / "pipelines")
            manifest = root / "pipelines" / f"{PIPELINE}.yaml"
            text = manifest.read_text()
            if "mode: extracted" not in text:
                sys.exit(f"landing_ratio: {manifest} no longer says `mode: extracted`")
            manifest.write_text(text.replace("mode: extracted", f"mode: {mode}"))
            target = root / "sample.gz"
            subprocess.run(
                [str(args.sluice), "sample", "--pipeline", PIPELINE, "--lines", str(args.lines), "--output",
                 str(target), "--requests-per-second", args.requests_per_second, "--root", str(root)],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            count, total = message_bytes(target, mode)
            size = target.stat().st_size
            print(f"{mode}: {size} object bytes, {count} messages, {total} message bytes, "
                  f"{total / count:.1f} B/message, {size / total:.4f} object bytes per message byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())

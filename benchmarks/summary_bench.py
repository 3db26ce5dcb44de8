#!/usr/bin/env python3
"""Times `sluice summary` (release build) on a 5,000-resource plan JSON; prints a Markdown table.

Usage: benchmarks/summary_bench.py [--runs 5] [--resources 5000]
The plan is made by benchmarks/make_large_plan.py from the captured fixtures. The baseline, measured in the
same run, is Python's json.load of the same file: what merely parsing it costs.
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

from benchlib import ROOT, median_seconds, release_sluice


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--resources", type=int, default=5000)
    args = parser.parse_args()
    sluice = release_sluice()
    with tempfile.TemporaryDirectory(prefix="sluice-summary-") as scratch:
        plan = pathlib.Path(scratch) / "plan.json"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "make_large_plan.py"), str(plan), "--resources", str(args.resources)],
            check=True,
        )
        text = median_seconds(args.runs, [sluice, "summary", str(plan)])
        markdown = median_seconds(args.runs, [sluice, "summary", "--markdown", str(plan)])
        baseline = median_seconds(args.runs, [sys.executable, "-c", f"import json; json.load(open({str(plan)!r}))"])
        size = plan.stat().st_size
    print("| input | bytes | `sluice summary` (text) | `sluice summary --markdown` | Python `json.load` | text / json.load |")
    print("|---|---|---|---|---|---|")
    print(f"| {args.resources} resources | {size:,} | {text * 1000:.0f} ms | {markdown * 1000:.0f} ms | "
          f"{baseline * 1000:.0f} ms | {text / baseline:.1f}x |")


if __name__ == "__main__":
    main()

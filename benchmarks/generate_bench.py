#!/usr/bin/env python3
"""Times `sluice generate` (release build) on the example and on 500 synthetic pipelines; prints a Markdown table.

Usage: benchmarks/generate_bench.py [--runs 5] [--count 500]
Each figure is the median of the runs. The baseline, measured in the same run, is `cp -r` of the same generated
tree into a new folder: the cost of merely writing those files, which a fresh generate cannot beat.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

from benchlib import ROOT, median_seconds as median, release_sluice


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()

    sluice = release_sluice()

    with tempfile.TemporaryDirectory(prefix="sluice-bench-") as scratch:
        scratch = pathlib.Path(scratch)
        example = scratch / "example"
        example.mkdir()
        shutil.copytree(ROOT / "pipelines", example / "pipelines")
        synthetic = scratch / "synthetic"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth_pipelines.py"), str(args.count), str(synthetic)],
                       check=True)
        rows = []
        for label, project in (("example (1 pipeline)", example), (f"{args.count} synthetic pipelines", synthetic)):
            generated = project / "generated"
            copy = scratch / "copy"
            command = [sluice, "generate", "--root", str(project)]
            fresh = median(args.runs, command, lambda: shutil.rmtree(generated, ignore_errors=True))
            current = median(args.runs, command)
            baseline = median(args.runs, ["cp", "-r", str(generated), str(copy)],
                              lambda: shutil.rmtree(copy, ignore_errors=True))
            files = sum(1 for path in generated.rglob("*") if path.is_file())
            size = sum(path.stat().st_size for path in generated.rglob("*") if path.is_file())
            rows.append((label, files, size, fresh, current, baseline))

    print(f"| input | files | bytes | generate, fresh tree | generate, tree up to date | `cp -r` of the tree | "
          f"fresh / cp |")
    print("|---|---|---|---|---|---|---|")
    for label, files, size, fresh, current, baseline in rows:
        print(f"| {label} | {files} | {size:,} | {fresh * 1000:.0f} ms | {current * 1000:.0f} ms | "
              f"{baseline * 1000:.0f} ms | {fresh / baseline:.1f}x |")


if __name__ == "__main__":
    main()

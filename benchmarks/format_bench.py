"""Throughput of the processor per log format (issue 11): HAProxy, NCSA combined and JSON sources, Parquet
output, one core, each as a ratio to `gzip -dc` of the same object timed in the same run.

Each format gets a pipeline made the way a user makes one, in a copy of the repository (.tmp/bench/formats-project,
kept between runs: its first release build is cold and takes minutes): `sluice new pipeline bench-<format>`
(`--from-log` a small `sluice sample` of that format, so the columns are the ones the command proposes), then
`sluice generate` and a release build of the processors. The objects are `sluice sample` objects of the same
traffic model (the same requests written in each format), about --throughput-mb MB gzipped each, made once and
kept. Times are wall and CPU seconds (user + system); on a shared machine the CPU ratio is the steadier one.

Usage: python3 benchmarks/format_bench.py [--throughput-mb 100] [--runs 3] [--formats haproxy-http,combined,json]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys

from benchlib import ROOT
from process_bench import ONE_CORE, RATE, cpu_timed

WORK = ROOT / ".tmp" / "bench"
PROJECT = WORK / "formats-project"


def sync_copy() -> None:
    """The repository's tracked files, as in the working tree, copied over the kept project (its .build stays)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if not source.is_file():
            continue
        target = PROJECT / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copy2(source, target)


def run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=PROJECT, check=True, **kwargs)


def bin_dir() -> pathlib.Path:
    path = run("swift", "build", "-c", "release", "--show-bin-path", capture_output=True, text=True).stdout.strip()
    return pathlib.Path(path)


def target_name(pipeline: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in pipeline.split("-"))


def declare(formats: list[str]) -> None:
    """One pipeline per format, proposed from a sample of that format; generated and built in release."""
    run("swift", "build", "-c", "release", "--product", "sluice")
    sluice = str(bin_dir() / "sluice")
    for log_format in formats:
        name = f"bench-{log_format.replace('haproxy-', 'haproxy')}"
        manifest = PROJECT / "pipelines" / f"{name}.yaml"
        if manifest.exists():
            continue
        # A first manifest from the format's proposed fields (no sample): enough for `sluice sample` to write lines
        # of the format; then the real one, proposed from that sample as a user would do it.
        probe = WORK / f"probe-{log_format}.log"
        seed = WORK / f"seed-{log_format}.gz"
        if log_format == "json":
            fixture = ROOT / "Tests" / "tools" / "fixtures" / "new-pipeline" / "app-json.log"
            run(sluice, "new", "pipeline", name, "--format", log_format, "--from-log", str(fixture))
        else:
            run(sluice, "new", "pipeline", name, "--format", log_format)
        run(sluice, "generate")
        run(sluice, "sample", "--pipeline", name, "--lines", "2000", "--output", str(seed))
        with probe.open("wb") as sink:
            subprocess.run(["gzip", "-dc", str(seed)], check=True, stdout=sink)
        manifest.unlink()
        run(sluice, "new", "pipeline", name, "--format", log_format, "--from-log", str(probe))
    run(sluice, "generate")
    for log_format in formats:
        name = f"bench-{log_format.replace('haproxy-', 'haproxy')}"
        run("swift", "build", "-c", "release", "--product", target_name(name))


def sample(log_format: str, megabytes: int) -> pathlib.Path:
    """A sample object of about `megabytes` MB (gzipped) of the format's pipeline, made once and kept."""
    name = f"bench-{log_format.replace('haproxy-', 'haproxy')}"
    target = WORK / f"format-{log_format}-{megabytes}mb-{RATE}rps.gz"
    if target.exists():
        return target
    sluice = str(bin_dir() / "sluice")
    probe = WORK / "format-probe.gz"
    run(sluice, "sample", "--pipeline", name, "--lines", "100000", "--output", str(probe),
        "--requests-per-second", RATE, stdout=subprocess.DEVNULL)  # fmt: skip
    lines = int(100_000 * megabytes * 1_000_000 / probe.stat().st_size)
    run(sluice, "sample", "--pipeline", name, "--lines", str(lines), "--output", str(target),
        "--requests-per-second", RATE, stdout=subprocess.DEVNULL)  # fmt: skip
    probe.unlink()
    return target


def throughput(log_format: str, megabytes: int, runs: int) -> dict:
    name = f"bench-{log_format.replace('haproxy-', 'haproxy')}"
    source = sample(log_format, megabytes)
    processor = str(bin_dir() / target_name(name))
    out = WORK / "format-out"
    gzip_cpu, process_cpu, gzip_wall, process_wall, summary = [], [], [], [], {}
    for _ in range(runs):
        seconds, cpu, _ = cpu_timed([*ONE_CORE, "sh", "-c", f"gzip -dc '{source}' > /dev/null"])
        gzip_wall.append(seconds)
        gzip_cpu.append(cpu)
        shutil.rmtree(out, ignore_errors=True)
        seconds, cpu, result = cpu_timed([*ONE_CORE, processor, "--input", str(source), "--output", str(out)])
        process_wall.append(seconds)
        process_cpu.append(cpu)
        summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
    text_bytes = int(
        subprocess.run(f"gzip -dc '{source}' | wc -c", shell=True, check=True, capture_output=True, text=True).stdout
    )
    written = sorted(path.suffix for path in (out / "tables").rglob("*.*"))
    shutil.rmtree(out, ignore_errors=True)
    gzip_s, process_s = statistics.median(gzip_cpu), statistics.median(process_cpu)
    return {
        "format": log_format, "pipeline": name, "object_mb": source.stat().st_size / 1e6, "text_mb": text_bytes / 1e6,
        "lines": summary["lines"], "rows": summary["rows"], "quarantined": summary["quarantined"],
        "written": sorted(set(written)), "gzip_cpu_s": gzip_s, "process_cpu_s": process_s,
        "gzip_wall_s": statistics.median(gzip_wall), "process_wall_s": statistics.median(process_wall),
        "ratio_cpu": gzip_s / process_s, "lines_per_cpu_s": summary["lines"] / process_s,
        "text_mb_per_cpu_s": text_bytes / 1e6 / process_s,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--throughput-mb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="haproxy-http,combined,json")
    options = parser.parse_args()
    formats = [name for name in options.formats.split(",") if name]
    WORK.mkdir(parents=True, exist_ok=True)
    PROJECT.mkdir(parents=True, exist_ok=True)
    sync_copy()
    declare(formats)
    results = [throughput(log_format, options.throughput_mb, options.runs) for log_format in formats]
    for result in results:
        print(json.dumps(result, sort_keys=True))
    baseline = next((result for result in results if result["format"].startswith("haproxy")), None)
    for result in results:
        relative = f", {result['ratio_cpu'] / baseline['ratio_cpu']:.2f}x HAProxy's" if baseline else ""
        print(
            f"{result['format']}: {result['ratio_cpu']:.3f}x gzip -dc (CPU){relative}; "
            f"{result['lines_per_cpu_s']:,.0f} lines/s, {result['text_mb_per_cpu_s']:.0f} MB/s of text; "
            f"{result['rows']:,} rows, {result['quarantined']:,} quarantined of {result['lines']:,} lines",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

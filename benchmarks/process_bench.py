"""Processor benchmarks (issues 5 and 10), on one core, release build:

1. Throughput of the processor (the IntegrationEnricher binary, as `sluice process` runs it) on a sample object
   of about 100 MB of each delivery mode: `lines` (Firehose extracted the messages) and `cloudwatch-documents`
   (raw delivery: the subscription's documents, one gzip member each), in each output format asked for (Parquet,
   the pipeline's default, and JSON), as lines/s and MB/s, as a ratio to `gzip -dc` of the same object measured
   in the same run, and as output bytes per input byte. For JSON output (only: Parquet has no deflate) also the
   deflate floor: zlib level 1 (Python's zlib, timed on one core) of the rows the processor wrote,
   un-gzipped, which is what deflating the output alone costs, and the ratio it leaves:
   gzip -dc / (gzip -dc + deflate of the rows). Times are wall and CPU seconds (user + system): on a shared
   machine the CPU-time ratio (`ratio_cpu`) is the steadier one.
2. Peak RSS of the processor on an object of about 1 GB (GNU time's maximum resident set size).
3. Time from process start to the processor's first Runtime API request (GET .../invocation/next), against a
   local Runtime API stand-in on 127.0.0.1.

Usage: python3 benchmarks/process_bench.py [--throughput-mb 100] [--rss-mb 1000] [--starts 20] [--bin-dir DIR]
       [--modes lines,cloudwatch-documents] [--output-format parquet,json] [--runs 3]
(--bin-dir: use `sluice` and `IntegrationEnricher` release binaries already built there, instead of building;
--rss-mb 0 or --starts 0 skip that measurement; --output-format: the formats to measure, comma-separated, each
passed to the processor, every mode in every format (the peak RSS in the first); without it the processor writes
its configured format.)
Objects are written to .tmp/bench (kept between runs: generating 1 GB takes a while). The raw-delivery sample
comes from a copy of the example project whose pipeline says `delivery.mode: raw`; the processor reads it with
`--input-format cloudwatch-documents`.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import pathlib
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time

from benchlib import ROOT

WORK = ROOT / ".tmp" / "bench"
PIPELINE = "integrations-usage"
# A stream busy enough to fill the example's Firehose buffer (64 MiB in 300 s) runs about a thousand requests a
# second: objects then span hours, as Firehose objects do, not the weeks a slow rate would spread them over.
RATE = "1000"
ONE_CORE = ["taskset", "-c", "0"]


def build() -> pathlib.Path:
    # One product a build: given two, swift build builds only the last.
    for product in ("sluice", "IntegrationEnricher"):
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True)
    return pathlib.Path(
        subprocess.run(
            ["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    )


def project_root(mode: str) -> pathlib.Path:
    """The project whose pipeline delivers objects of `mode`: the repository, or a copy saying raw delivery."""
    if mode == "lines":
        return ROOT
    raw = WORK / "raw-project"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(ROOT / "pipelines", raw / "pipelines")
    manifest = raw / "pipelines" / f"{PIPELINE}.yaml"
    text = manifest.read_text()
    if "mode: extracted" not in text:
        sys.exit(f"process_bench: {manifest} no longer says `mode: extracted`; update project_root()")
    manifest.write_text(text.replace("mode: extracted", "mode: raw"))
    return raw


def sample(bin_dir: pathlib.Path, megabytes: int, mode: str = "lines") -> tuple[pathlib.Path, pathlib.Path]:
    """A sample object of about `megabytes` MB (gzipped) of `mode` and its directory, made once and kept."""
    suffix = "" if mode == "lines" else f"-{mode}"
    target = WORK / f"sample-{megabytes}mb-{RATE}rps{suffix}.gz"
    directory = WORK / f"directory{suffix}.json"
    if target.exists() and directory.exists():
        return target, directory
    WORK.mkdir(parents=True, exist_ok=True)
    root = project_root(mode)
    probe = WORK / "probe.gz"
    subprocess.run(
        [str(bin_dir / "sluice"), "sample", "--pipeline", PIPELINE, "--lines", "100000", "--output", str(probe),
         "--requests-per-second", RATE, "--root", str(root)], check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    lines = int(100_000 * megabytes * 1_000_000 / probe.stat().st_size)
    subprocess.run(
        [str(bin_dir / "sluice"), "sample", "--pipeline", PIPELINE, "--lines", str(lines), "--output", str(target),
         "--requests-per-second", RATE, "--directory-output", str(directory), "--root", str(root)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    probe.unlink()
    return target, directory


def timed(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start, result


def cpu_timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and CPU seconds (user and system, of the command and its children) of `command`. On a
    shared machine the CPU time is the steadier figure: waiting for the core does not count."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, result = timed(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, result


DEFLATE_FLOOR = """
import sys, time, zlib
data = open(sys.argv[1], "rb").read()
start = time.process_time()
# wbits 31: a gzip member, as the processor writes; level 1, the processor's level.
compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
size = len(compressor.compress(data)) + len(compressor.flush())
print(time.process_time() - start, size)
"""


def processor_command(bin_dir: pathlib.Path, source: pathlib.Path, out: pathlib.Path, directory: pathlib.Path,
                      mode: str, output_format: str | None) -> list[str]:
    """The processor's local run, as `sluice process` starts it, reading an object of `mode`."""
    command = [str(bin_dir / "IntegrationEnricher"), "--input", str(source), "--output", str(out),
               "--lookups", str(directory)]  # fmt: skip
    if mode != "lines":
        command += ["--input-format", mode]
    if output_format:
        command += ["--output-format", output_format]
    return command


def throughput(bin_dir: pathlib.Path, megabytes: int, mode: str, output_format: str | None, runs: int = 3) -> dict:
    source, directory = sample(bin_dir, megabytes, mode)
    out = WORK / "out"
    gzip_times, process_times, gzip_cpu, process_cpu, summary = [], [], [], [], {}
    for _ in range(runs):
        seconds, cpu, _ = cpu_timed([*ONE_CORE, "sh", "-c", f"gzip -dc '{source}' > /dev/null"])
        gzip_times.append(seconds)
        gzip_cpu.append(cpu)
        shutil.rmtree(out, ignore_errors=True)
        command = processor_command(bin_dir, source, out, directory, mode, output_format)
        seconds, cpu, result = cpu_timed([*ONE_CORE, *command])
        process_times.append(seconds)
        process_cpu.append(cpu)
        summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
    text_bytes = int(
        subprocess.run(f"gzip -dc '{source}' | wc -c", shell=True, check=True, capture_output=True, text=True).stdout
    )
    gzip_s, process_s = statistics.median(gzip_times), statistics.median(process_times)
    gzip_cpu_s, process_cpu_s = statistics.median(gzip_cpu), statistics.median(process_cpu)
    object_bytes = source.stat().st_size
    row_files = sorted((out / "tables").rglob("*.*"))
    row_bytes = sum(path.stat().st_size for path in row_files)
    written_format = "parquet" if any(path.suffix == ".parquet" for path in row_files) else "json"
    results = {
        "mode": mode, "output_format": output_format or "configured", "object_mb": object_bytes / 1e6,
        "text_mb": text_bytes / 1e6, "lines": summary["lines"], "rows": summary["rows"],
        "quarantined": summary["quarantined"], "output_mb": summary["bytes_out"] / 1e6, "rows_mb": row_bytes / 1e6,
        "gzip_s": gzip_s, "process_s": process_s, "process_runs_s": process_times, "gzip_runs_s": gzip_times,
        "gzip_cpu_s": gzip_cpu_s, "process_cpu_s": process_cpu_s, "process_cpu_runs_s": process_cpu,
        "gzip_cpu_runs_s": gzip_cpu, "written_format": written_format,
        "lines_per_s": summary["lines"] / process_s, "object_mb_per_s": object_bytes / 1e6 / process_s,
        "text_mb_per_s": text_bytes / 1e6 / process_s, "ratio": gzip_s / process_s,
        "ratio_cpu": gzip_cpu_s / process_cpu_s, "lines_per_cpu_s": summary["lines"] / process_cpu_s,
        "output_bytes_per_object_byte": summary["bytes_out"] / object_bytes,
        "output_bytes_per_text_byte": summary["bytes_out"] / text_bytes,
    }  # fmt: skip
    json_rows = [path for path in row_files if path.name.endswith(".gz")]
    if json_rows:
        # What bounds JSON output: deflating the rows alone, at the processor's level, on the same core.
        rows_file = WORK / "rows.ndjson"
        with rows_file.open("wb") as sink:
            for path in json_rows:
                subprocess.run(["gzip", "-dc", str(path)], check=True, stdout=sink)
        floor = subprocess.run(
            [*ONE_CORE, sys.executable, "-c", DEFLATE_FLOOR, str(rows_file)], check=True, capture_output=True, text=True
        ).stdout.split()  # fmt: skip
        deflate_s = float(floor[0])
        results |= {
            "rows_ndjson_mb": rows_file.stat().st_size / 1e6, "zlib_1_rows_s": deflate_s,
            "zlib_1_rows_mb": int(floor[1]) / 1e6, "deflate_floor_ratio": gzip_s / (gzip_s + deflate_s),
            "deflate_floor_ratio_cpu": gzip_cpu_s / (gzip_cpu_s + deflate_s),
        }  # fmt: skip
        rows_file.unlink()
    shutil.rmtree(out, ignore_errors=True)
    return results


def peak_rss(bin_dir: pathlib.Path, megabytes: int, output_format: str | None) -> dict:
    source, directory = sample(bin_dir, megabytes)
    out = WORK / "out-rss"
    shutil.rmtree(out, ignore_errors=True)
    command = processor_command(bin_dir, source, out, directory, "lines", output_format)
    seconds, result = timed(["/usr/bin/time", "-v", *ONE_CORE, *command])
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr.decode()).group(1))
    summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
    shutil.rmtree(out, ignore_errors=True)
    return {
        "object_mb": source.stat().st_size / 1e6, "output_format": output_format or "configured",
        "lines": summary["lines"], "seconds": seconds, "peak_rss_mb": rss_kb / 1024,
    }  # fmt: skip


class FirstRequest(http.server.BaseHTTPRequestHandler):
    """Notes when the first GET .../invocation/next arrives, then keeps the function waiting."""

    arrived: float | None = None
    event = threading.Event()

    def do_GET(self):  # noqa: N802 (the standard library's name)
        if self.path.endswith("/invocation/next") and not FirstRequest.event.is_set():
            FirstRequest.arrived = time.perf_counter()
            FirstRequest.event.set()
        self.send_response(503)
        self.end_headers()

    def log_message(self, *args):
        pass


def first_request(bin_dir: pathlib.Path, starts: int) -> dict:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FirstRequest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = dict(
        os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}", AWS_REGION="eu-west-1",
        AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
    )  # fmt: skip
    times = []
    try:
        for _ in range(starts):
            FirstRequest.event.clear()
            start = time.perf_counter()
            process = subprocess.Popen([str(bin_dir / "IntegrationEnricher")], env=env, stderr=subprocess.DEVNULL)
            FirstRequest.event.wait(10)
            times.append((FirstRequest.arrived - start) * 1000)
            process.kill()
            process.wait()
    finally:
        server.shutdown()
    return {"starts": starts, "median_ms": statistics.median(times), "max_ms": max(times)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--throughput-mb", type=int, default=100, help="0 skips the throughput measures")
    parser.add_argument("--rss-mb", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=20)
    parser.add_argument("--bin-dir", type=pathlib.Path)
    parser.add_argument("--modes", default="lines,cloudwatch-documents",
                        help="delivery modes to measure, comma-separated: lines, cloudwatch-documents")  # fmt: skip
    parser.add_argument("--output-format", default="",
                        help="formats to measure, comma-separated (parquet, json), each passed to the processor; "
                        "default: the format its pipeline declares")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="runs of each throughput measure (the median is kept)")
    args = parser.parse_args()
    modes = [mode for mode in args.modes.split(",") if mode]
    if unknown := set(modes) - {"lines", "cloudwatch-documents"}:
        parser.error(f"unknown --modes {', '.join(sorted(unknown))}: lines, cloudwatch-documents")
    names = [name for name in args.output_format.split(",") if name]
    if unknown := set(names) - {"parquet", "json"}:
        parser.error(f"unknown --output-format {', '.join(sorted(unknown))}: parquet, json")
    # None: the processor's configured format.
    formats: list[str | None] = [*names] or [None]
    bin_dir = args.bin_dir or build()
    results = {}
    if args.throughput_mb > 0:
        results["throughput"] = [
            throughput(bin_dir, args.throughput_mb, mode, output_format, args.runs)
            for mode in modes
            for output_format in formats
        ]
    if args.rss_mb > 0:
        results["peak_rss"] = peak_rss(bin_dir, args.rss_mb, formats[0])
    if args.starts > 0:
        results["first_request"] = first_request(bin_dir, args.starts)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

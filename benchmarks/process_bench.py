"""Processor benchmarks (issue 5), on one core, release build:

1. Throughput: `sluice process` (the IntegrationEnricher binary) on a sample object of about 100 MB, as lines/s
   and MB/s, and as a ratio to `gzip -dc` of the same file, measured in the same run.
2. Peak RSS of the processor on an object of about 1 GB (GNU time's maximum resident set size).
3. Time from process start to the processor's first Runtime API request (GET .../invocation/next), against a
   local Runtime API stand-in on 127.0.0.1.

Usage: python3 benchmarks/process_bench.py [--throughput-mb 100] [--rss-mb 1000] [--starts 20] [--bin-dir DIR]
(--bin-dir: use `sluice` and `IntegrationEnricher` release binaries already built there, instead of building;
--rss-mb 0 or --starts 0 skip that measurement.)
Objects are written to .tmp/bench (kept between runs: generating 1 GB takes a while).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import pathlib
import re
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


def sample(bin_dir: pathlib.Path, megabytes: int) -> tuple[pathlib.Path, pathlib.Path]:
    """A sample object of about `megabytes` MB (gzipped) and its directory, made once and kept."""
    target = WORK / f"sample-{megabytes}mb-{RATE}rps.gz"
    directory = WORK / "directory.json"
    if target.exists() and directory.exists():
        return target, directory
    WORK.mkdir(parents=True, exist_ok=True)
    probe = WORK / "probe.gz"
    subprocess.run(
        [str(bin_dir / "sluice"), "sample", "--pipeline", PIPELINE, "--lines", "100000", "--output", str(probe),
         "--requests-per-second", RATE, "--root", str(ROOT)], check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    lines = int(100_000 * megabytes * 1_000_000 / probe.stat().st_size)
    subprocess.run(
        [str(bin_dir / "sluice"), "sample", "--pipeline", PIPELINE, "--lines", str(lines), "--output", str(target),
         "--requests-per-second", RATE, "--directory-output", str(directory), "--root", str(ROOT)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    probe.unlink()
    return target, directory


def timed(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start, result


def throughput(bin_dir: pathlib.Path, megabytes: int, runs: int = 3) -> dict:
    source, directory = sample(bin_dir, megabytes)
    out = WORK / "out"
    gzip_times, process_times, summary = [], [], {}
    for _ in range(runs):
        gzip_times.append(timed([*ONE_CORE, "sh", "-c", f"gzip -dc '{source}' > /dev/null"])[0])
        shutil.rmtree(out, ignore_errors=True)
        seconds, result = timed(
            [*ONE_CORE, str(bin_dir / "sluice"), "process", "--pipeline", PIPELINE, "--input", str(source),
             "--output", str(out), "--lookups", str(directory), "--root", str(ROOT)]
        )  # fmt: skip
        process_times.append(seconds)
        summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
    text_bytes = int(subprocess.run(f"gzip -dc '{source}' | wc -c", shell=True, check=True, capture_output=True, text=True).stdout)
    gzip_s, process_s = statistics.median(gzip_times), statistics.median(process_times)
    # What bounds it: compressing the rows alone, as `gzip -1` does with zlib at the processor's level.
    rows_file = WORK / "rows.ndjson"
    subprocess.run(f"cat $(find '{out}/tables' -name '*.gz') | gzip -dc > '{rows_file}'", shell=True, check=True)
    deflate_s = timed([*ONE_CORE, "sh", "-c", f"gzip -1 -c '{rows_file}' > /dev/null"])[0]
    rows_mb = rows_file.stat().st_size / 1e6
    rows_file.unlink()
    shutil.rmtree(out, ignore_errors=True)
    return {
        "object_mb": source.stat().st_size / 1e6, "text_mb": text_bytes / 1e6, "lines": summary["lines"],
        "rows": summary["rows"], "quarantined": summary["quarantined"], "output_mb": summary["bytes_out"] / 1e6,
        "gzip_s": gzip_s, "process_s": process_s, "lines_per_s": summary["lines"] / process_s,
        "object_mb_per_s": source.stat().st_size / 1e6 / process_s, "text_mb_per_s": text_bytes / 1e6 / process_s,
        "ratio": gzip_s / process_s, "rows_ndjson_mb": rows_mb, "gzip_1_rows_s": deflate_s,
    }  # fmt: skip


def peak_rss(bin_dir: pathlib.Path, megabytes: int) -> dict:
    source, directory = sample(bin_dir, megabytes)
    out = WORK / "out-rss"
    shutil.rmtree(out, ignore_errors=True)
    seconds, result = timed(
        ["/usr/bin/time", "-v", *ONE_CORE, str(bin_dir / "IntegrationEnricher"), "--input", str(source),
         "--output", str(out), "--lookups", str(directory)]
    )  # fmt: skip
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr.decode()).group(1))
    summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
    shutil.rmtree(out, ignore_errors=True)
    return {"object_mb": source.stat().st_size / 1e6, "lines": summary["lines"], "seconds": seconds, "peak_rss_mb": rss_kb / 1024}


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
    parser.add_argument("--throughput-mb", type=int, default=100)
    parser.add_argument("--rss-mb", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=20)
    parser.add_argument("--bin-dir", type=pathlib.Path)
    args = parser.parse_args()
    bin_dir = args.bin_dir or build()
    results = {"throughput": throughput(bin_dir, args.throughput_mb)}
    if args.rss_mb > 0:
        results["peak_rss"] = peak_rss(bin_dir, args.rss_mb)
    if args.starts > 0:
        results["first_request"] = first_request(bin_dir, args.starts)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

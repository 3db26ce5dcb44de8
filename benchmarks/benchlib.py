"""Shared by the benchmark scripts: the release `sluice` binary, and timing commands."""
import pathlib
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def release_sluice() -> str:
    """Builds `sluice` in release and returns the binary's path."""
    subprocess.run(["swift", "build", "-c", "release", "--product", "sluice"], cwd=ROOT, check=True)
    bin_path = subprocess.run(
        ["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    return str(pathlib.Path(bin_path) / "sluice")


def median_seconds(runs: int, command: list[str], before=None) -> float:
    """The median wall time of `command` over `runs` runs; `before` runs (untimed) before each."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

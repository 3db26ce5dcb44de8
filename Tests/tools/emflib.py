"""The processor's metrics record (CloudWatch Embedded Metric Format), as `sluice process` shows it: shared by the
EMF schema test (test_processor_metrics.py) and the alarm and dashboard drift test (test_metric_drift.py).

`sluice process` runs the processor's own executable in its local mode, which writes the record Lambda would write
as the first line of stderr (README: "Processor metrics").
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PIPELINE = "integrations-usage"
SAMPLE_LINES = 40
SCHEMA = Path(__file__).resolve().parent / "fixtures" / "emf" / "emf-schema.json"
# A dimension value CloudWatch accepts (API Dimension): 1 to 1024 ASCII characters, no control character, not blank.
DIMENSION_VALUE_LENGTH = 1024
# Numeric array metric targets hold at most this many values (EMF specification, "Target members").
METRIC_VALUES = 100
# A timestamp this far from now is a unit mistake (seconds for milliseconds) or a stale clock.
TIMESTAMP_SLACK_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class ProcessRun:
    """One `sluice process` run: its result and the metrics record it wrote."""

    result: subprocess.CompletedProcess
    record: dict
    line: str


def sample(sluice_bin: Path, repo_root: Path, folder: Path) -> tuple[Path, Path]:
    """A sample object of the pipeline and its lookups file, from `sluice sample`."""
    result = subprocess.run(
        [str(sluice_bin), "sample", "--root", str(repo_root), "--pipeline", PIPELINE, "--lines", str(SAMPLE_LINES),
         "--seed", "11", "--output", str(folder / "object.gz"), "--directory-output", str(folder / "dir.json")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return folder / "object.gz", folder / "dir.json"


def process(sluice_bin: Path, repo_root: Path, obj: Path, lookups: Path, out: Path) -> ProcessRun:
    """`sluice process` on `obj`; the record is the first line of stderr, and no other line there is one."""
    result = subprocess.run(
        [str(sluice_bin), "process", "--root", str(repo_root), "--pipeline", PIPELINE, "--input", str(obj),
         "--output", str(out), "--lookups", str(lookups)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    lines = result.stderr.splitlines()
    assert lines, f"no metrics record on stderr (exit {result.returncode}); stdout: {result.stdout}"
    record = json.loads(lines[0])
    assert isinstance(record, dict) and "_aws" in record, lines[0]
    assert not any('"_aws"' in line for line in lines[1:]), result.stderr
    return ProcessRun(result, record, lines[0])


def clean_and_damaged(sluice_bin: Path, repo_root: Path, folder: Path) -> dict[str, ProcessRun]:
    """A whole sample object and the same object with bytes that are not gzip after it."""
    obj, lookups = sample(sluice_bin, repo_root, folder)
    damaged = folder / "damaged.gz"
    damaged.write_bytes(obj.read_bytes() + b"\x00 not gzip \x1f")
    return {
        "clean": process(sluice_bin, repo_root, obj, lookups, folder / "clean-out"),
        "damaged": process(sluice_bin, repo_root, damaged, lookups, folder / "damaged-out"),
    }


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _dimension_value_problem(value) -> str | None:
    if not isinstance(value, str):
        return f"is {type(value).__name__}, not a string"
    if not 1 <= len(value) <= DIMENSION_VALUE_LENGTH:
        return f"has {len(value)} characters (CloudWatch takes 1 to {DIMENSION_VALUE_LENGTH})"
    if not value.isascii() or any(ord(char) < 0x20 or ord(char) == 0x7F for char in value) or not value.strip():
        return f"{value!r} is not printable ASCII with a non-blank character"
    return None


def semantic_problems(record: dict, now_ms: int | None = None) -> list[str]:
    """What the EMF specification requires and a JSON schema cannot say: every dimension a directive names is a
    root member holding a string (one CloudWatch accepts as a dimension value), every metric a root member holding
    a number or an array of at most 100 numbers, no metric named twice in a directive, and the timestamp in
    milliseconds (within a day of `now_ms`, when given)."""
    found: list[str] = []
    metadata = record.get("_aws")
    if not isinstance(metadata, dict):
        return ["no _aws object"]
    stamp = metadata.get("Timestamp")
    if now_ms is not None and _number(stamp) and abs(stamp - now_ms) > TIMESTAMP_SLACK_MS:
        found.append(f"_aws.Timestamp {stamp} is not milliseconds near now ({now_ms})")
    for index, directive in enumerate(metadata.get("CloudWatchMetrics") or []):
        where = f"_aws.CloudWatchMetrics[{index}]"
        for dimension_set in directive.get("Dimensions") or []:
            for name in dimension_set:
                if name not in record:
                    found.append(f"{where}: dimension {name!r} is not a member of the root")
                elif problem := _dimension_value_problem(record[name]):
                    found.append(f"{where}: dimension {name!r} {problem}")
        names = [metric.get("Name") for metric in directive.get("Metrics") or []]
        for name in sorted({name for name in names if names.count(name) > 1}):
            found.append(f"{where}: metric {name!r} is named more than once")
        for name in names:
            if name not in record:
                found.append(f"{where}: metric {name!r} is not a member of the root")
                continue
            value = record[name]
            values = value if isinstance(value, list) else [value]
            if not values or not all(_number(item) for item in values):
                found.append(f"{where}: metric {name!r} is {value!r}, not a number or an array of numbers")
            elif isinstance(value, list) and len(value) > METRIC_VALUES:
                found.append(f"{where}: metric {name!r} has {len(value)} values (at most {METRIC_VALUES})")
    return found


def now_ms() -> int:
    return int(time.time() * 1000)


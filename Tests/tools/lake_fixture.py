"""A Parquet lake folder for tests: rows of a table written the way the processor writes them.

`write_parquet_lake` is the one place the tests make Parquet lake objects. It writes them with Sluice's own Parquet
writer (`sluice dev parquet-write`, which drives the processor's ParquetRowWriter), in the processor's layout
(`tables/<table>/<key>=<value>/<stem>.parquet`, LakeWriter's OutputKeys), so that every engine test reads what
production writes. The binary is the one the tool tests run: the environment's SLUICE_BIN (conftest.py).

Row values are as fixtures write them: ISO text for dates ('2026-11-01') and timestamps ('2026-11-01T08:00:00', UTC
when no offset is given), numbers, booleans, strings, or None (a column left out of a row is NULL as well). A value
that does not fit its column's type is a ValueError or TypeError naming the row and column, before anything runs.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

STEM = "fixture"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
EPOCH_DAY = date(1970, 1, 1)
INT_RANGES = {"int": (-(2**31), 2**31 - 1), "bigint": (-(2**63), 2**63 - 1)}
GLUE_TYPES = ("string", "int", "bigint", "double", "boolean", "timestamp", "date")


def utc(value: str | datetime) -> datetime:
    """A fixture timestamp as an aware UTC datetime (text without an offset is UTC)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def python_value(value, glue_type: str):
    """A fixture value as a Python value of the Glue type (a UTC datetime for a timestamp, a date for a date)."""
    if value is None:
        return None
    if glue_type == "timestamp":
        return utc(value)
    if glue_type == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def epoch_millis(value: str | datetime) -> int:
    """A fixture timestamp as milliseconds since the epoch, UTC; a finer fraction is a ValueError."""
    delta = utc(value) - EPOCH
    if delta % timedelta(milliseconds=1):
        raise ValueError(f"{value!r} has a fraction finer than milliseconds (the lake's timestamps are millis)")
    return delta // timedelta(milliseconds=1)


def writer_value(value, glue_type: str):
    """A fixture value as `sluice dev parquet-write` takes it for the Glue type (see DevParquetWrite.swift):
    epoch milliseconds for timestamps, day numbers for dates, doubles as their exact text."""
    if value is None:
        return None
    if glue_type == "string":
        if not isinstance(value, str):
            raise TypeError(f"{value!r} is not a string")
        return value
    if glue_type in INT_RANGES:
        low, high = INT_RANGES[glue_type]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{value!r} is not an integer")
        if not low <= value <= high:
            raise ValueError(f"{value} is out of the range of {glue_type} ({low}..{high})")
        return value
    if glue_type == "double":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{value!r} is not a number")
        number = float(value)
        return "NaN" if math.isnan(number) else repr(number).replace("inf", "Infinity")
    if glue_type == "boolean":
        if not isinstance(value, bool):
            raise TypeError(f"{value!r} is not a boolean")
        return value
    if glue_type == "timestamp":
        if not isinstance(value, (str, datetime)):
            raise TypeError(f"{value!r} is not a timestamp (ISO text or a datetime)")
        return epoch_millis(value)
    if glue_type == "date":
        day = python_value(value, "date")
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"{value!r} is not a date (ISO text or a date)")
        return (day - EPOCH_DAY).days
    raise ValueError(f"{glue_type} is not a Glue type the lake writes ({', '.join(GLUE_TYPES)})")


def sluice_binary() -> Path:
    """The `sluice` the tool tests run (SLUICE_BIN), or a RuntimeError saying how to set it."""
    value = os.environ.get("SLUICE_BIN")
    if not value or not os.access(value, os.X_OK):
        raise RuntimeError(
            f"SLUICE_BIN={value!r} is not an executable: the lake fixtures are written by `sluice dev parquet-write` "
            "(swift build, then SLUICE_BIN=$(swift build --show-bin-path)/sluice)"
        )
    return Path(value)


def write_parquet_file(path: Path, columns: list[tuple[str, str]], rows: list[dict], compression: str) -> dict:
    """One Parquet file of `rows` (values as `writer_value` gives them) written by Sluice; returns its summary."""
    for name, glue in columns:
        if glue not in GLUE_TYPES:
            raise ValueError(f"column {name}: {glue} is not a Glue type the lake writes ({', '.join(GLUE_TYPES)})")
        if not name or any(mark in name for mark in ",:"):
            raise ValueError(f"column {name!r}: `sluice dev parquet-write --columns` cannot name it")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".ndjson", delete=False) as source:
        for row in rows:
            source.write(json.dumps(row, ensure_ascii=False) + "\n")
    try:
        result = subprocess.run(
            [str(sluice_binary()), "dev", "parquet-write", "--columns", ",".join(f"{n}:{t}" for n, t in columns),
             "--compression", compression, "--input", source.name, "--output", str(path)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        os.unlink(source.name)
    if result.returncode != 0:
        raise RuntimeError(f"sluice dev parquet-write {path} failed ({result.returncode}): {result.stderr.strip()}")
    summary = json.loads(result.stdout)
    if summary["rejected"]:
        raise ValueError(f"{path.name}: Sluice's writer refused {summary['rejected']} value(s): "
                         f"{summary['first_rejection']}")  # fmt: skip
    return summary


def write_parquet_lake(
    folder: Path,
    table: str,
    columns: list[tuple[str, str]],
    partition_keys: list[tuple[str, str]],
    rows: list[dict],
    compression: str = "snappy",
) -> list[Path]:
    """Writes `rows` of `table` under `folder` as the processor does; returns the objects written.

    `columns` and `partition_keys` are (name, Glue type) pairs in the Glue table's order. Each distinct combination
    of partition values becomes one folder `tables/<table>/<key>=<value>/...` holding one `<STEM>.parquet` with the
    non-partition columns, its rows in their order; partition values are written as text in the path, as the
    processor does. `compression`: snappy, zstd, gzip or none.
    """
    types = dict(columns + partition_keys)
    keys = [name for name, _ in partition_keys]
    groups: dict[tuple, list[dict]] = {}
    for number, row in enumerate(rows, 1):
        unknown = sorted(set(row) - set(types))
        if unknown:
            raise ValueError(f"row {number} of {table} has columns the table has not: {unknown}")
        missing = [key for key in keys if row.get(key) is None]
        if missing:
            raise ValueError(f"row {number} of {table} has no value for the partition keys {missing}")
        converted = {}
        for name, glue in columns:
            try:
                converted[name] = writer_value(row.get(name), glue)
            except (TypeError, ValueError) as error:
                raise type(error)(f"row {number} of {table}, column {name} ({glue}): {error}") from None
        groups.setdefault(tuple(str(python_value(row[key], types[key])) for key in keys), []).append(converted)
    written = []
    for values, group in groups.items():
        partition = "".join(f"{key}={value}/" for key, value in zip(keys, values))
        path = folder / "tables" / table / partition / f"{STEM}.parquet"
        write_parquet_file(path, columns, group, compression)
        written.append(path)
    return written

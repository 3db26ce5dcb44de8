"""A Parquet lake folder for tests: rows of a table written the way the processor lays them out.

`write_parquet_lake` is the one place the tests make Parquet lake objects. It writes them with pyarrow today, in the
processor's layout (`tables/<table>/<key>=<value>/<stem>.parquet`, LakeWriter's OutputKeys) and with the types the
processor writes for each Glue type (PARQUET_TYPES: the issue's mapping, timestamps as INT64 TIMESTAMP(MILLIS,
adjusted to UTC)). Once Sluice's own Parquet writer is merged it is to write them instead, so that every engine test
reads what production writes.

Row values are as fixtures write them: ISO text for dates ('2026-11-01') and timestamps ('2026-11-01T08:00:00', UTC
when no offset is given), numbers, booleans, strings, or None (a column left out of a row is NULL as well).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

PARQUET_TYPES = {
    "string": pa.string(), "int": pa.int32(), "bigint": pa.int64(), "double": pa.float64(),
    "boolean": pa.bool_(), "timestamp": pa.timestamp("ms", tz="UTC"), "date": pa.date32(),
}  # fmt: skip
STEM = "fixture"


def utc(value: str | datetime) -> datetime:
    """A fixture timestamp as an aware UTC datetime (text without an offset is UTC)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def python_value(value, glue_type: str):
    """A fixture value as the Python value pyarrow writes for the Glue type."""
    if value is None:
        return None
    if glue_type == "timestamp":
        return utc(value)
    if glue_type == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    return value


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
    non-partition columns; partition values are written as text in the path, as the processor does.
    """
    types = dict(columns + partition_keys)
    keys = [name for name, _ in partition_keys]
    for number, row in enumerate(rows, 1):
        unknown = sorted(set(row) - set(types))
        if unknown:
            raise ValueError(f"row {number} of {table} has columns the table has not: {unknown}")
        missing = [key for key in keys if row.get(key) is None]
        if missing:
            raise ValueError(f"row {number} of {table} has no value for the partition keys {missing}")
    schema = pa.schema([pa.field(name, PARQUET_TYPES[glue], nullable=True) for name, glue in columns])
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(str(python_value(row[key], types[key])) for key in keys), []).append(row)
    written = []
    for values, group in groups.items():
        partition = "".join(f"{key}={value}/" for key, value in zip(keys, values))
        path = folder / "tables" / table / partition / f"{STEM}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {name: [python_value(row.get(name), glue) for row in group] for name, glue in columns}
        pq.write_table(pa.table(arrays, schema=schema), path, compression=compression)
        written.append(path)
    return written

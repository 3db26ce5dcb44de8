"""Sluice's Parquet files, read back by three engines: pyarrow (Arrow's C++ reader), DuckDB, and Spark's Java
Parquet reader (parquet-java, through pyspark, on one shared session: sparklib.py).

Files are written by `sluice dev parquet-write`, which drives the processor's lake writer (ParquetRowWriter) with
rows given as JSON objects. Every reader must return the input rows, value for value and nulls included, with
timestamps compared as UTC epoch milliseconds and dates as days since 1970-01-01; pyarrow must report the
statistics and the logical and converted types the writer meant.
"""

from __future__ import annotations

import datetime
import json
import math
import random
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from sparklib import spark  # noqa: F401  (the session-scoped fixture)
from toolslib import REPO_ROOT, run

COLUMNS = [
    ("id", "bigint"),
    ("s", "string"),
    ("i", "int"),
    ("b", "bigint"),
    ("d", "double"),
    ("f", "boolean"),
    ("t", "timestamp"),
    ("dt", "date"),
]
CODECS = ["snappy", "zstd", "gzip", "none"]
EPOCH_DAY = datetime.date(1970, 1, 1)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

FIXED_ROWS = [
    {"s": "hello", "i": 1, "b": 10_000_000_000, "d": 1.5, "f": True, "t": 1_700_000_000_123, "dt": 19_700},
    {},
    {"s": "wörld ☃", "i": -5, "b": -3, "d": "NaN", "f": False, "t": 0, "dt": -1},
    {"s": "", "i": 2_147_483_647, "b": 9_223_372_036_854_775_807, "d": -0.0, "f": True, "t": -1_000, "dt": 0},
    {"s": "hello", "i": -2_147_483_648, "b": -9_223_372_036_854_775_808, "d": "-Infinity", "t": 253_402_300_799_999},
]


def as_json(row: dict) -> dict:
    """Doubles go as text (repr: exact), which the command parses with Swift's correctly rounded parser."""
    return {key: repr(value) if isinstance(value, float) else value for key, value in row.items()}


def write(sluice_bin: Path, tmp_path: Path, rows: list[dict], name: str = "out", columns=COLUMNS,
          compression: str = "snappy", extra: list[str] | None = None) -> tuple[Path, dict]:
    """Writes `rows` (an `id` is added to each, its position) with sluice; returns the file and the summary."""
    source = tmp_path / f"{name}.ndjson"
    with source.open("w", encoding="utf-8") as out:
        for index, row in enumerate(rows):
            out.write(json.dumps({"id": index, **as_json(row)}, ensure_ascii=False) + "\n")
    target = tmp_path / f"{name}.parquet"
    spec = ",".join(f"{column}:{kind}" for column, kind in columns)
    result = run(
        [str(sluice_bin), "dev", "parquet-write", "--columns", spec, "--compression", compression,
         "--input", str(source), "--output", str(target), *(extra or [])],
        cwd=REPO_ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return target, json.loads(result.stdout)


def expected(rows: list[dict], columns=COLUMNS) -> list[tuple]:
    """The rows as every reader's normalized values: NaN as "NaN", infinities as floats, missing as None."""
    table = []
    for index, row in enumerate(rows):
        values = []
        for column, kind in columns:
            value = index if column == "id" else row.get(column)
            if kind == "double" and isinstance(value, str):
                value = {"NaN": "NaN", "Infinity": math.inf, "-Infinity": -math.inf}[value]
            elif kind == "double" and value is not None:
                value = float(value)
            values.append(value)
        table.append(tuple(values))
    return table


def normalize(value, kind: str):
    if value is None:
        return None
    if kind == "double" and isinstance(value, float) and math.isnan(value):
        return "NaN"
    if kind == "timestamp" and isinstance(value, datetime.datetime):
        delta = value - EPOCH
        return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000
    if kind == "date" and isinstance(value, datetime.date):
        return (value - EPOCH_DAY).days
    return value


def read_pyarrow(path: Path, columns=COLUMNS) -> list[tuple]:
    table = pq.read_table(path)
    assert table.column_names == [column for column, _ in columns]
    return [tuple(normalize(row[column], kind) for column, kind in columns) for row in table.to_pylist()]


def select_list(columns, dialect: str) -> list[str]:
    """Timestamps as epoch milliseconds and dates as day numbers, in SQL, so no reader's time zone is involved."""
    parts = []
    for column, kind in columns:
        if kind == "timestamp":
            function = "epoch_ms" if dialect == "duckdb" else "unix_millis"
            parts.append(f"{function}({column}) AS {column}")
        elif kind == "date":
            parts.append(
                f"date_diff('day', DATE '1970-01-01', {column}) AS {column}" if dialect == "duckdb"
                else f"datediff({column}, DATE '1970-01-01') AS {column}"
            )
        else:
            parts.append(column)
    return parts


def read_duckdb(path: Path, columns=COLUMNS) -> list[tuple]:
    connection = duckdb.connect()
    try:
        rows = connection.execute(
            f"SELECT {', '.join(select_list(columns, 'duckdb'))} FROM read_parquet(?) ORDER BY id", [str(path)]
        ).fetchall()
    finally:
        connection.close()
    return [tuple(normalize(value, kind) for value, (_, kind) in zip(row, columns)) for row in rows]


def read_spark(session, path: Path, columns=COLUMNS, vectorized: bool = True) -> list[tuple]:
    """Spark's vectorized Parquet reader, or (vectorized=False) parquet-java's own record reader."""
    session.conf.set("spark.sql.parquet.enableVectorizedReader", "true" if vectorized else "false")
    try:
        frame = session.read.parquet(str(path))
        rows = frame.selectExpr(*select_list(columns, "spark")).orderBy("id").collect()
    finally:
        session.conf.unset("spark.sql.parquet.enableVectorizedReader")
    return [tuple(normalize(value, kind) for value, (_, kind) in zip(row, columns)) for row in rows]


def assert_all_readers(session, path: Path, want: list[tuple], columns=COLUMNS) -> None:
    for reader, got in (
        ("pyarrow", read_pyarrow(path, columns)),
        ("DuckDB", read_duckdb(path, columns)),
        ("Spark (vectorized)", read_spark(session, path, columns)),
        ("Spark (parquet-java records)", read_spark(session, path, columns, vectorized=False)),
    ):
        assert len(got) == len(want), f"{reader} read {len(got)} rows of {len(want)}"
        for index, (got_row, want_row) in enumerate(zip(got, want)):
            assert got_row == want_row, f"{reader}, row {index}: {got_row!r} != {want_row!r}"


@pytest.mark.spark
@pytest.mark.parametrize("codec", CODECS)
def test_every_type_reads_back_in_every_reader(sluice_bin: Path, tmp_path: Path, spark, codec: str) -> None:
    path, summary = write(sluice_bin, tmp_path, FIXED_ROWS, compression=codec)
    assert summary["rejected"] == 0
    assert_all_readers(spark, path, expected(FIXED_ROWS))
    metadata = pq.ParquetFile(path).metadata
    want_codec = "UNCOMPRESSED" if codec == "none" else codec.upper()
    assert {metadata.row_group(0).column(j).compression for j in range(metadata.num_columns)} == {want_codec}


def test_schema_types_and_statistics_are_what_the_writer_meant(sluice_bin: Path, tmp_path: Path) -> None:
    path, _ = write(sluice_bin, tmp_path, FIXED_ROWS)
    parquet = pq.ParquetFile(path)
    metadata = parquet.metadata
    assert metadata.created_by.startswith("sluice version ")
    assert metadata.format_version == "1.0"
    schema = parquet.schema
    physical = {schema.column(j).name: schema.column(j).physical_type for j in range(len(COLUMNS))}
    assert physical == {"id": "INT64", "s": "BYTE_ARRAY", "i": "INT32", "b": "INT64", "d": "DOUBLE",
                        "f": "BOOLEAN", "t": "INT64", "dt": "INT32"}
    assert all(schema.column(j).max_definition_level == 1 for j in range(len(COLUMNS)))
    assert all(schema.column(j).max_repetition_level == 0 for j in range(len(COLUMNS)))
    logical = {schema.column(j).name: str(schema.column(j).logical_type) for j in range(len(COLUMNS))}
    assert logical["s"] == "String"
    assert logical["dt"] == "Date"
    assert "isAdjustedToUTC=true" in logical["t"] and "timeUnit=milliseconds" in logical["t"]
    converted = {schema.column(j).name: schema.column(j).converted_type for j in range(len(COLUMNS))}
    assert (converted["s"], converted["t"], converted["dt"]) == ("UTF8", "TIMESTAMP_MILLIS", "DATE")
    assert (converted["i"], converted["b"], converted["d"]) == ("NONE", "NONE", "NONE")

    stats = {metadata.row_group(0).column(j).path_in_schema: metadata.row_group(0).column(j).statistics
             for j in range(len(COLUMNS))}
    want = {
        "s": ("", "wörld ☃", 1),
        "i": (-2_147_483_648, 2_147_483_647, 1),
        "b": (-9_223_372_036_854_775_808, 9_223_372_036_854_775_807, 1),
        # NaN is left out of the bounds; -0.0 is written as the min's zero.
        "d": (-math.inf, 1.5, 1),
        "f": (False, True, 2),
        "t": (-1_000, 253_402_300_799_999, 1),
        "dt": (-1, 19_700, 2),
    }
    for column, (low, high, nulls) in want.items():
        found = stats[column]
        assert found.has_min_max, column
        assert (normalize(found.min, dict(COLUMNS)[column]), normalize(found.max, dict(COLUMNS)[column])) == (
            low, high), column
        assert found.null_count == nulls, column


def test_a_column_of_only_nulls_has_a_null_count_and_no_bounds(sluice_bin: Path, tmp_path: Path) -> None:
    path, _ = write(sluice_bin, tmp_path, [{}, {}, {}])
    metadata = pq.ParquetFile(path).metadata
    for j in range(1, len(COLUMNS)):
        stats = metadata.row_group(0).column(j).statistics
        assert not stats.has_min_max
        assert stats.null_count == 3


def test_an_int_that_does_not_fit_32_bits_is_counted_not_lost_unseen(sluice_bin: Path, tmp_path: Path) -> None:
    path, summary = write(sluice_bin, tmp_path, [{"i": 2**40}, {"i": 7}])
    assert summary["rejected"] == 1
    assert "column i" in summary["first_rejection"] and str(2**40) in summary["first_rejection"]
    assert [row["i"] for row in pq.read_table(path).to_pylist()] == [None, 7]


# --- Random rows ---------------------------------------------------------------------------------------------

LONG = 70_000  # past 64 KiB
STRING_POOL = ["", "a", "GET", "/index.html", "ünïcødé ☃ 😀", "x" * 300, "tab\there", "quote\"back\\slash"]
MIN_TIMESTAMP = -62_135_596_800_000  # 0001-01-01T00:00:00Z: every reader's range starts there
MAX_TIMESTAMP = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z
MIN_DAY, MAX_DAY = -719_162, 2_932_896


def random_value(rng: random.Random, kind: str, distinct: bool):
    if kind == "string":
        roll = rng.random()
        if roll < 0.02:
            return "".join(rng.choice("abc€😀") for _ in range(LONG))
        if distinct or roll < 0.5:
            return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0xA0, 0x2FFF)]))
                           for _ in range(rng.randint(0, 40)))
        return rng.choice(STRING_POOL)
    if kind == "int":
        return rng.choice([rng.randint(-2**31, 2**31 - 1), rng.randint(-5, 5), -2**31, 2**31 - 1])
    if kind == "bigint":
        return rng.choice([rng.randint(-2**63, 2**63 - 1), rng.randint(0, 100), -2**63, 2**63 - 1])
    if kind == "double":
        return rng.choice([rng.uniform(-1e300, 1e300), rng.random(), 0.0, -0.0, "NaN", "Infinity", "-Infinity",
                           5e-324, float(rng.randint(0, 9))])
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "timestamp":
        return rng.choice([rng.randint(MIN_TIMESTAMP, MAX_TIMESTAMP), 1_700_000_000_000 + rng.randint(0, 10**6)])
    return rng.randint(MIN_DAY, MAX_DAY)


def random_rows(seed: int, count: int, *, null_share: float = 0.2, all_null: tuple[str, ...] = (),
                distinct: bool = False) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        row = {}
        for column, kind in COLUMNS[1:]:
            if column in all_null or rng.random() < null_share:
                continue
            row[column] = random_value(rng, kind, distinct)
        rows.append(row)
    return rows


RANDOM_CASES = {
    "zero rows": (random_rows(1, 0), []),
    "one row": (random_rows(2, 1, null_share=0.0), []),
    "all nulls": (random_rows(3, 50, null_share=1.0), []),
    "some columns all null": (random_rows(4, 300, all_null=("s", "d", "t")), []),
    "many row groups": (random_rows(5, 3000), ["--row-group-bytes", "8192", "--page-bytes", "2048"]),
    "dictionary overflows to PLAIN": (random_rows(6, 2000, distinct=True), ["--dictionary-bytes", "512"]),
    "long strings, small pages": (random_rows(7, 400), ["--page-bytes", "1024"]),
}


@pytest.mark.spark
@pytest.mark.parametrize("case", list(RANDOM_CASES))
@pytest.mark.parametrize("codec", ["snappy", "zstd"])
def test_random_rows_read_back_in_every_reader(sluice_bin: Path, tmp_path: Path, spark, case: str,
                                               codec: str) -> None:
    rows, extra = RANDOM_CASES[case]
    path, summary = write(sluice_bin, tmp_path, rows, compression=codec, extra=extra)
    assert summary["rejected"] == 0 and summary["rows"] == len(rows)
    assert_all_readers(spark, path, expected(rows))
    metadata = pq.ParquetFile(path).metadata
    assert_row_group_statistics(metadata, rows)
    if case == "many row groups":
        assert metadata.num_row_groups > 5
        assert summary["parts_before_footer"] > 5, "row groups were not handed out before the footer"
    if case == "dictionary overflows to PLAIN":
        encodings = metadata.row_group(0).column(1).encodings
        assert "RLE_DICTIONARY" in encodings and "PLAIN" in encodings, encodings


def utf8_order(value: str) -> bytes:
    return value.encode("utf-8")


def expected_bounds(values: list, kind: str):
    """What the writer means to write for one column chunk: (min, max) or None, by the type's order."""
    present = [value for value in values if value is not None]
    if kind == "double":
        present = [value for value in present if value != "NaN"]
    if not present:
        return None
    if kind == "string":
        low, high = min(present, key=utf8_order), max(present, key=utf8_order)
        return shortened_lower(low), shortened_upper(high)
    return min(present), max(present)


BOUND_BYTES = 1024


def character_prefix(value: str) -> str:
    """The longest prefix of `value` of at most BOUND_BYTES bytes of UTF-8."""
    encoded = value.encode("utf-8")
    if len(encoded) <= BOUND_BYTES:
        return value
    return encoded[:BOUND_BYTES].decode("utf-8", errors="ignore")


def shortened_lower(value: str) -> str:
    return character_prefix(value)


def shortened_upper(value: str) -> str:
    """The spec's "more compact" upper bound the writer means for a long max: the prefix, its last character
    incremented (skipping the surrogates)."""
    if len(value.encode("utf-8")) <= BOUND_BYTES:
        return value
    characters = list(character_prefix(value))
    while characters:
        last = ord(characters.pop())
        if last < 0x10FFFF:
            following = 0xE000 if last + 1 == 0xD800 else last + 1
            return "".join(characters) + chr(following)
    raise AssertionError("a max of only U+10FFFF: the test's data should not hold one")


def assert_row_group_statistics(metadata, rows: list[dict]) -> None:
    """Every row group's statistics, as pyarrow reads them, against the rows it holds."""
    table = expected(rows)
    start = 0
    for group in range(metadata.num_row_groups):
        count = metadata.row_group(group).num_rows
        chunk = table[start:start + count]
        start += count
        for index, (column, kind) in enumerate(COLUMNS):
            values = [row[index] for row in chunk]
            stats = metadata.row_group(group).column(index).statistics
            where = f"row group {group}, column {column}"
            assert stats is not None and stats.has_null_count, where
            assert stats.null_count == sum(value is None for value in values), where
            bounds = expected_bounds(values, kind)
            if bounds is None:
                assert not stats.has_min_max, where
                continue
            assert stats.has_min_max, where
            assert (normalize(stats.min, kind), normalize(stats.max, kind)) == bounds, where
    assert start == len(rows)


@pytest.mark.spark
@pytest.mark.parametrize("codec", ["snappy", "gzip"])
def test_row_group_statistics_prune_correctly_in_duckdb_and_spark(sluice_bin: Path, tmp_path: Path, spark,
                                                                  codec: str) -> None:
    """Engines skip row groups by their statistics: wrong bounds would drop rows from these counts."""
    rows = random_rows(11, 3000, null_share=0.1)
    path, _ = write(sluice_bin, tmp_path, rows, compression=codec, extra=["--row-group-bytes", "4096"])
    assert pq.ParquetFile(path).metadata.num_row_groups > 5
    ints = sorted(row["i"] for row in rows if "i" in row)
    pivot = ints[len(ints) // 3]
    want = sum(1 for row in rows if row.get("i") is not None and row["i"] > pivot)
    strings = sorted((row["s"] for row in rows if "s" in row), key=utf8_order)
    word = strings[len(strings) // 2]
    want_strings = sum(1 for row in rows if row.get("s") is not None and utf8_order(row["s"]) >= utf8_order(word))
    connection = duckdb.connect()
    try:
        count = "SELECT count(*) FROM read_parquet(?) WHERE "
        assert connection.execute(count + "i > ?", [str(path), pivot]).fetchone()[0] == want
        assert connection.execute(count + "s >= ?", [str(path), word]).fetchone()[0] == want_strings
    finally:
        connection.close()
    frame = spark.read.parquet(str(path))
    assert frame.where(frame.i > pivot).count() == want
    assert frame.where(frame.s >= word).count() == want_strings


def million_rows() -> list[dict]:
    """A million rows, cheap to make: repeating strings (dictionary pages), distinct ids and timestamps (PLAIN after
    the dictionary's trial), a null in every seventh cell of each column."""
    rng = random.Random(12)
    words = ["GET", "POST", "", "ünïcødé", "/a/much/longer/path/" + "x" * 100] + [f"/item/{n}" for n in range(500)]
    rows = []
    for index in range(1_000_000):
        row = {
            "s": words[index % len(words)], "i": rng.randint(-2**31, 2**31 - 1), "b": index * 7919,
            "d": index / 8, "f": index % 3 == 0, "t": 1_700_000_000_000 + index * 37, "dt": 19_000 + index % 40,
        }
        del row[COLUMNS[1 + index % 7][0]]
        rows.append(row)
    return rows


@pytest.mark.spark
def test_a_million_rows_read_back_in_every_reader(sluice_bin: Path, tmp_path: Path, spark) -> None:
    """Compared by aggregates each engine computes (counts, bounds, sums), not row by row."""
    rows = million_rows()
    path, summary = write(sluice_bin, tmp_path, rows)
    assert summary["rows"] == 1_000_000 and summary["rejected"] == 0
    assert pq.ParquetFile(path).metadata.num_row_groups > 1
    want = []
    for column, kind in COLUMNS[1:]:
        values = [row[column] for row in rows if column in row]
        key = utf8_order if kind == "string" else None
        want += [len(values), min(values, key=key), max(values, key=key)]
    want += [sum(row["i"] for row in rows if "i" in row)]

    def aggregates(dialect: str) -> str:
        parts = []
        for column, kind in COLUMNS[1:]:
            expression = {
                "timestamp": f"epoch_ms({column})" if dialect == "duckdb" else f"unix_millis({column})",
                "date": f"date_diff('day', DATE '1970-01-01', {column})" if dialect == "duckdb"
                else f"datediff({column}, DATE '1970-01-01')",
                "boolean": f"CAST({column} AS INTEGER)",
            }.get(kind, column)
            parts += [f"count({column})", f"min({expression})", f"max({expression})"]
        return ", ".join(parts + ["sum(CAST(i AS BIGINT))"])

    def booleans(values: list) -> list:
        # min/max of a boolean, computed as 0/1 by the engines.
        return [int(value) if isinstance(value, bool) else value for value in values]

    connection = duckdb.connect()
    try:
        duck = list(connection.execute(f"SELECT {aggregates('duckdb')} FROM read_parquet(?)", [str(path)]).fetchone())
    finally:
        connection.close()
    assert duck == booleans(want), "DuckDB"
    spark.read.parquet(str(path)).createOrReplaceTempView("million")
    assert list(spark.sql(f"SELECT {aggregates('spark')} FROM million").collect()[0]) == booleans(want), "Spark"
    table = pq.read_table(path)
    assert table.num_rows == 1_000_000
    for position, (column, _) in enumerate(COLUMNS[1:]):
        assert table[column].null_count == 1_000_000 - want[3 * position], column
    assert pc.sum(table["i"]).as_py() == want[-1]


@pytest.mark.spark
def test_long_string_bounds_are_shortened_and_still_bound_the_values(sluice_bin: Path, tmp_path: Path,
                                                                     spark) -> None:
    rows = [{"s": "y" * 3000}, {"s": "€" * 1000}, {"s": "b" * 5000}, {"s": "y" * 2999}]
    path, _ = write(sluice_bin, tmp_path, rows)
    stats = pq.ParquetFile(path).metadata.row_group(0).column(1).statistics
    assert stats.min == "b" * 1024
    assert stats.max == "€" * 340 + "\u20ad"
    assert_all_readers(spark, path, expected(rows))
    # Pruning by the shortened bounds keeps every row it must.
    connection = duckdb.connect()
    try:
        found = connection.execute("SELECT count(*) FROM read_parquet(?) WHERE s >= ?", [str(path), "€" * 1000])
        assert found.fetchone()[0] == 1
    finally:
        connection.close()
    frame = spark.read.parquet(str(path))
    assert frame.where(frame.s >= "€" * 1000).count() == 1
    assert frame.where(frame.s == "b" * 5000).count() == 1

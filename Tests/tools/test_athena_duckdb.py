"""athena_duckdb.to_duckdb keeps Athena's (Trino's) typed semantics where DuckDB's differ.

Each query runs in DuckDB, transpiled with the schema of a small table, over rows written as a Parquet lake folder
(as test_views.py reads the example's tables). The expected values are what Athena engine 3 (Trino) answers.
"""

from __future__ import annotations

import duckdb
import pytest
import sqlglot

from athena_duckdb import AthenaTypeError, to_duckdb
from lake_fixture import write_parquet_lake

COLUMNS = [("status", "int"), ("bytes_read", "bigint"), ("ratio", "double"), ("requested_at", "timestamp")]
PARTITIONS = [("dt", "string")]
SCHEMA = {"lake": {"requests": dict(COLUMNS + PARTITIONS)}}
ROWS = [
    {"dt": "2026-11-01", "status": 404, "bytes_read": 5_000_000_000, "ratio": 404.0,
     "requested_at": "2026-11-01T08:00:00"},
    {"dt": "2026-11-02", "status": -7, "bytes_read": 7, "ratio": -7.0, "requested_at": "2026-11-02T23:59:59.5"},
]  # fmt: skip
DUCKDB_TYPES = {"string": "VARCHAR", "int": "INTEGER", "bigint": "BIGINT", "double": "DOUBLE", "timestamp": "TIMESTAMP"}


@pytest.fixture(scope="module")
def connection(tmp_path_factory):
    lake = tmp_path_factory.mktemp("lake")
    write_parquet_lake(lake, "requests", COLUMNS, PARTITIONS, ROWS)
    db = duckdb.connect()
    db.execute("SET TimeZone = 'UTC'")
    db.execute("CREATE SCHEMA lake")
    select = ", ".join(f"CAST({name} AS {DUCKDB_TYPES[glue]}) AS {name}" for name, glue in COLUMNS + PARTITIONS)
    files = (lake / "tables" / "requests").as_posix() + "/*/*.parquet"
    db.execute(
        f"CREATE VIEW lake.requests AS SELECT {select} "
        f"FROM read_parquet('{files}', hive_partitioning = true, hive_types = {{'dt': 'VARCHAR'}})"
    )
    return db


def run(connection, athena_sql: str) -> list[tuple]:
    (statement,) = to_duckdb(athena_sql, SCHEMA)
    return connection.execute(statement).fetchall()


def column_type(connection, athena_sql: str) -> str:
    (statement,) = to_duckdb(athena_sql, SCHEMA)
    return str(connection.execute(statement).description[0][1])


def test_int_divided_by_int_is_integer_division(connection):
    query = "SELECT status / 100 FROM lake.requests WHERE dt = '2026-11-01'"
    assert run(connection, query) == [(4,)], "404 / 100 is 4 in Athena (both operands are integers)"
    assert column_type(connection, query) == "INTEGER", "Athena's integer / integer is an integer"
    # What the plain transpile, without the table's types, would have answered: DuckDB's float division.
    plain = sqlglot.transpile(query, read="athena", write="duckdb")[0]
    assert connection.execute(plain).fetchall() == [(4.04,)]


def test_integer_division_truncates_toward_zero(connection):
    assert run(connection, "SELECT status / 2 FROM lake.requests WHERE dt = '2026-11-02'") == [(-3,)]  # not -4


def test_bigint_divided_by_int_is_a_bigint(connection):
    query = "SELECT bytes_read / status FROM lake.requests WHERE dt = '2026-11-01'"
    assert run(connection, query) == [(12_376_237,)]
    assert column_type(connection, query) == "BIGINT"


def test_double_operand_keeps_float_division(connection):
    assert run(connection, "SELECT ratio / 100 FROM lake.requests WHERE dt = '2026-11-01'") == [(4.04,)]
    assert run(connection, "SELECT status / ratio FROM lake.requests WHERE dt = '2026-11-02'") == [(1.0,)]
    assert run(connection, "SELECT CAST(status AS double) / 100 FROM lake.requests WHERE dt = '2026-11-01'") == [
        (4.04,)
    ]


def test_integer_division_by_zero_fails_as_in_athena(connection):
    with pytest.raises(duckdb.Error, match="[Dd]ivision by zero"):
        run(connection, "SELECT status / 0 FROM lake.requests")


def test_integer_overflow_fails_as_in_athena(connection):
    with pytest.raises(duckdb.Error, match="[Oo]verflow"):
        run(connection, "SELECT status + 2147483647 FROM lake.requests WHERE dt = '2026-11-01'")


def test_timestamp_as_text_keeps_milliseconds(connection):
    query = "SELECT CAST(requested_at AS varchar) FROM lake.requests ORDER BY dt"
    assert run(connection, query) == [("2026-11-01 08:00:00.000",), ("2026-11-02 23:59:59.500",)]


def test_timestamp_reads_as_utc_wall_clock_and_date_functions(connection):
    query = (
        "SELECT CAST(requested_at AS date), date_trunc('hour', requested_at), CAST(dt AS date) "
        "FROM lake.requests WHERE dt = '2026-11-02'"
    )
    ((day, hour, partition_day),) = run(connection, query)
    assert (day.isoformat(), hour.isoformat(), partition_day.isoformat()) == (
        "2026-11-02", "2026-11-02T23:00:00", "2026-11-02"
    )  # fmt: skip


@pytest.mark.parametrize(
    "query",
    [
        "SELECT status FROM lake.requests WHERE status = '404'",
        "SELECT dt FROM lake.requests WHERE dt > 5",
        "SELECT 'status ' || status FROM lake.requests",
    ],
)
def test_implicit_casts_between_text_and_numbers_are_refused(query):
    with pytest.raises(AthenaTypeError, match="does not cast"):
        to_duckdb(query, SCHEMA)


def test_date_diff_counts_whole_units_elapsed(connection):
    # 2026-11-01 08:00:00 to 2026-11-02 23:59:59.5: one whole day and 39 whole hours (DuckDB's date_diff: 1 and
    # 39 boundaries, the same here); backwards, the same span negated.
    query = (
        "SELECT date_diff('day', a.requested_at, b.requested_at), date_diff('hour', a.requested_at, b.requested_at), "
        "date_diff('day', b.requested_at, a.requested_at) "
        "FROM lake.requests AS a CROSS JOIN lake.requests AS b WHERE a.dt = '2026-11-01' AND b.dt = '2026-11-02'"
    )
    assert run(connection, query) == [(1, 39, -1)]
    # Within one day's span across midnight: no whole day has elapsed, though a day boundary was crossed.
    late = "date_add('hour', 23, CAST(CAST(dt AS date) AS timestamp))"
    query = f"SELECT date_diff('day', {late}, {late} + INTERVAL '2' HOUR) FROM lake.requests WHERE dt = '2026-11-01'"
    assert run(connection, query) == [(0,)]


def test_date_trunc_of_a_date_is_a_date(connection):
    query = "SELECT date_trunc('week', CAST(dt AS date)) FROM lake.requests WHERE dt = '2026-11-01'"
    assert column_type(connection, query) == "DATE"
    assert [value.isoformat() for (value,) in run(connection, query)] == ["2026-10-26"]  # the Monday before
    assert column_type(connection, "SELECT date_trunc('hour', requested_at) FROM lake.requests") == "TIMESTAMP"


def test_unnamed_outputs_are_named_as_trino_names_them(connection):
    (statement,) = to_duckdb("SELECT status / 100, status, CAST(dt AS date) FROM lake.requests", SCHEMA)
    assert [d[0] for d in connection.execute(statement).description] == ["_col0", "status", "_col2"]

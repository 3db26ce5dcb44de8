"""Spark reads the Parquet lake through a Hive external table declared exactly as the generated Glue table.

For each EXTERNAL_TABLE aws_glue_catalog_table of generated/terraform, its SerDe, input and output formats, columns,
partition keys and parameters are read from the Terraform JSON (never retyped here) and turned into

    CREATE EXTERNAL TABLE ... (columns) PARTITIONED BY (keys) ROW FORMAT SERDE '...'
    STORED AS INPUTFORMAT '...' OUTPUTFORMAT '...' LOCATION '<lake folder>/tables/<table>/' TBLPROPERTIES (...)

over a lake folder holding the rows of Tests/tools/fixtures/lake/<database>/<table>.yaml (`rows:`), written as the
processor writes them (lake_fixture.write_parquet_lake). `MSCK REPAIR TABLE` then finds the partitions the way the
crawler does, and `SELECT *` must return every fixture row, value for value, nulls included, timestamps as UTC
milliseconds. The test runs for tables whose lake format is Parquet (ParquetHiveSerDe); a JSON table is read by
the OpenX JsonSerDe, which Spark does not ship.

Spark reads a ParquetHiveSerDe table with its own Parquet reader (spark.sql.hive.convertMetastoreParquet, on by
default), which maps INT64 TIMESTAMP(MILLIS, adjusted to UTC) to its timestamp; Hive 2.3's own SerDe, which Spark
carries, cannot (HIVE-26612). Athena reads through Trino's reader, not Hive's: see LakeStorage.swift.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from lake_fixture import python_value, utc, write_parquet_lake
from sparklib import spark  # noqa: F401  (the session-wide fixture)
from toolslib import REPO_ROOT, Resource, resolve, terraform_resources

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lake"
RESOURCES = terraform_resources()
LAKE_TABLES = [
    r for r in RESOURCES if r.type == "aws_glue_catalog_table" and r.body.get("table_type") == "EXTERNAL_TABLE"
]
PARQUET_TABLES = [
    r for r in LAKE_TABLES if r.body["storage_descriptor"]["ser_de_info"]["serialization_library"] == PARQUET_SERDE
]


def _id(resource: Resource | None) -> str:
    return f"{resource.stack}.{resource.body['name']}" if resource is not None else "no-parquet-table-found"


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _column(column: dict) -> str:
    comment = f" COMMENT {_literal(column['comment'])}" if column.get("comment") else ""
    return f"{_quote(column['name'])} {column['type']}{comment}"


def create_table_ddl(resource: Resource, database: str, location: str) -> str:
    """The Hive DDL that declares the Glue table of `resource`, its objects under `location`."""
    body = resource.body
    descriptor = body["storage_descriptor"]
    serde = descriptor["ser_de_info"]
    ddl = f"CREATE EXTERNAL TABLE {_quote(database)}.{_quote(body['name'])} (\n  "
    ddl += ",\n  ".join(map(_column, descriptor["columns"])) + "\n)\n"
    if body.get("partition_keys"):
        ddl += f"PARTITIONED BY ({', '.join(map(_column, body['partition_keys']))})\n"
    ddl += f"ROW FORMAT SERDE {_literal(serde['serialization_library'])}\n"
    if serde.get("parameters"):
        pairs = ", ".join(f"{_literal(k)} = {_literal(v)}" for k, v in sorted(serde["parameters"].items()))
        ddl += f"WITH SERDEPROPERTIES ({pairs})\n"
    ddl += f"STORED AS INPUTFORMAT {_literal(descriptor['input_format'])}\n"
    ddl += f"OUTPUTFORMAT {_literal(descriptor['output_format'])}\n"
    ddl += f"LOCATION {_literal(location)}\n"
    parameters = {k: v for k, v in body.get("parameters", {}).items() if k != "EXTERNAL"}
    if parameters:
        ddl += f"TBLPROPERTIES ({', '.join(f'{_literal(k)} = {_literal(v)}' for k, v in sorted(parameters.items()))})"
    return ddl


def _select(columns: list[dict]) -> str:
    """Every column, timestamps as epoch milliseconds and dates as ISO text, so no Python time zone is involved."""
    out = []
    for column in columns:
        name = _quote(column["name"])
        if column["type"] == "timestamp":
            out.append(f"unix_millis({name}) AS {name}")
        elif column["type"] == "date":
            out.append(f"CAST({name} AS STRING) AS {name}")
        else:
            out.append(name)
    return ", ".join(out)


def _expected(row: dict, columns: list[dict]) -> dict:
    out = {}
    for column in columns:
        value = python_value(row.get(column["name"]), column["type"])
        if value is not None and column["type"] == "timestamp":
            value = (utc(value) - EPOCH) // timedelta(milliseconds=1)
        elif isinstance(value, date):
            value = value.isoformat()
        out[column["name"]] = value
    return out


def test_the_example_declares_a_parquet_lake_table():
    assert PARQUET_TABLES, (
        "no EXTERNAL_TABLE with the Parquet SerDe in generated/terraform: the example's lake is Parquet by default "
        "(run `sluice generate`)"
    )


@pytest.mark.parametrize("resource", PARQUET_TABLES or [None], ids=_id)
def test_spark_reads_the_lake_through_the_glue_table_declaration(spark, resource, tmp_path):  # noqa: F811
    if resource is None:
        pytest.skip("no Parquet lake table (test_the_example_declares_a_parquet_lake_table fails)")
    database = resolve(resource.body["database_name"], resource.stack, RESOURCES)
    name = resource.body["name"]
    fixture_path = FIXTURES / database / f"{name}.yaml"
    where = fixture_path.relative_to(REPO_ROOT)
    assert fixture_path.is_file(), f"the lake table {database}.{name} has no fixture: write {where} with `rows:`"
    rows = (yaml.safe_load(fixture_path.read_text(encoding="utf-8")) or {}).get("rows") or []
    assert rows, f"{where} has no rows"

    read_back(spark, resource, database, rows, tmp_path / "lake", where)


def read_back(spark, resource: Resource, database: str, rows: list[dict], lake: Path, where) -> None:  # noqa: F811
    """Writes `rows` as a lake folder, declares the table in Spark as `resource` says, and checks every row back."""
    name = resource.body["name"]
    descriptor = resource.body["storage_descriptor"]
    keys = resource.body.get("partition_keys", [])
    columns = descriptor["columns"] + keys
    prefix = f"tables/{name}/"
    assert descriptor["location"].endswith("/" + prefix), f"{resource.address}: the location is not .../{prefix}"
    pairs = [(c["name"], c["type"]) for c in descriptor["columns"]], [(c["name"], c["type"]) for c in keys]
    write_parquet_lake(lake, name, *pairs, rows)

    spark.sql(f"CREATE DATABASE IF NOT EXISTS {_quote(database)}")
    spark.sql(f"DROP TABLE IF EXISTS {_quote(database)}.{_quote(name)}")
    ddl = create_table_ddl(resource, database, (lake / prefix).as_uri() + "/")
    spark.sql(ddl)
    qualified = f"{_quote(database)}.{_quote(name)}"
    try:
        declared = spark.sql(f"DESCRIBE FORMATTED {qualified}").collect()
        info = {row["col_name"].strip().rstrip(":"): (row["data_type"] or "").strip() for row in declared}
        assert info.get("Serde Library") == descriptor["ser_de_info"]["serialization_library"], ddl
        assert info.get("InputFormat") == descriptor["input_format"], ddl
        assert info.get("OutputFormat") == descriptor["output_format"], ddl

        spark.sql(f"MSCK REPAIR TABLE {qualified}")
        if keys:
            partitions = sorted(row[0] for row in spark.sql(f"SHOW PARTITIONS {qualified}").collect())
            expected_partitions = sorted(
                {"/".join(f"{k['name']}={python_value(row[k['name']], k['type'])}" for k in keys) for row in rows}
            )
            assert partitions == expected_partitions, "MSCK REPAIR TABLE found other partitions than the lake holds"

        order = ", ".join(_quote(c["name"]) for c in columns)
        result = spark.sql(f"SELECT {_select(columns)} FROM {qualified} ORDER BY {order}").collect()
        got = [row.asDict() for row in result]
        expected = [_expected(row, columns) for row in rows]
        sort_key = lambda r: tuple((r[c["name"]] is not None, r[c["name"]]) for c in columns)  # noqa: E731
        assert sorted(got, key=sort_key) == sorted(expected, key=sort_key), f"Spark's rows differ from {where}"
        assert list(got[0]) == [c["name"] for c in columns], "Spark's columns differ from the Glue table's, in order"
    finally:
        spark.sql(f"DROP TABLE IF EXISTS {qualified}")


def test_spark_reads_every_glue_type(spark, tmp_path):  # noqa: F811
    """Every Glue column type the manifest allows, through the generated table's SerDe and formats: the example's
    table has no double, boolean or date column."""
    if not PARQUET_TABLES:
        pytest.skip("no Parquet lake table (test_the_example_declares_a_parquet_lake_table fails)")
    body = copy.deepcopy(PARQUET_TABLES[0].body)
    body["name"] = "every_type"
    body["storage_descriptor"]["location"] = "s3://lake/tables/every_type/"
    body["storage_descriptor"]["columns"] = [
        {"name": "s", "type": "string"}, {"name": "i", "type": "int"}, {"name": "b", "type": "bigint"},
        {"name": "d", "type": "double"}, {"name": "ok", "type": "boolean"}, {"name": "at", "type": "timestamp"},
        {"name": "day", "type": "date"},
    ]  # fmt: skip
    body["partition_keys"] = [{"name": "dt", "type": "string"}]
    resource = Resource(PARQUET_TABLES[0].file, "aws_glue_catalog_table", "every_type", body)
    rows = [
        {"dt": "2026-11-01", "s": "", "i": -2147483648, "b": 9223372036854775807, "d": -0.5, "ok": True,
         "at": "1969-12-31T23:59:59.999", "day": "1969-12-31"},
        {"dt": "2026-11-01", "s": "x" * 10_000, "i": 2147483647, "b": -9223372036854775808, "d": 1e300, "ok": False,
         "at": "2026-11-01T08:00:00.001", "day": "2026-11-01"},
        {"dt": "2026-11-02", "s": None, "i": None, "b": None, "d": None, "ok": None, "at": None, "day": None},
    ]  # fmt: skip
    read_back(spark, resource, "sluice_types", rows, tmp_path / "lake", "test_spark_reads_every_glue_type")


def test_the_declaration_follows_the_glue_table(tmp_path):
    """The DDL carries the Glue table's SerDe, formats, columns, keys and parameters, read from Terraform."""
    resource = Resource(
        tmp_path / "x.tf.json", "aws_glue_catalog_table", "t",
        {
            "name": "t", "table_type": "EXTERNAL_TABLE",
            "parameters": {"EXTERNAL": "TRUE", "classification": "parquet", "parquet.compression": "ZSTD"},
            "partition_keys": [{"name": "dt", "type": "string", "comment": "UTC date"}],
            "storage_descriptor": {
                "location": "s3://b/tables/t/", "input_format": "in.Format", "output_format": "out.Format",
                "ser_de_info": {"serialization_library": "the.SerDe", "parameters": {"serialization.format": "1"}},
                "columns": [{"name": "n", "type": "int"}, {"name": "it's", "type": "timestamp"}],
            },
        },
    )  # fmt: skip
    assert create_table_ddl(resource, "db", "file:///lake/tables/t/") == (
        "CREATE EXTERNAL TABLE `db`.`t` (\n  `n` int,\n  `it's` timestamp\n)\n"
        "PARTITIONED BY (`dt` string COMMENT 'UTC date')\n"
        "ROW FORMAT SERDE 'the.SerDe'\n"
        "WITH SERDEPROPERTIES ('serialization.format' = '1')\n"
        "STORED AS INPUTFORMAT 'in.Format'\n"
        "OUTPUTFORMAT 'out.Format'\n"
        "LOCATION 'file:///lake/tables/t/'\n"
        "TBLPROPERTIES ('classification' = 'parquet', 'parquet.compression' = 'ZSTD')"
    )

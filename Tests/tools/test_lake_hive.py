"""Spark reads the Parquet lake through a Hive external table declared exactly as the generated Glue table.

For each Parquet EXTERNAL_TABLE aws_glue_catalog_table of generated/terraform, Spark declares the table as Glue does
(hive_tables.py: SerDe, formats, columns, partition keys and parameters read from the Terraform JSON) over a lake
folder holding the rows of Tests/tools/fixtures/lake/<database>/<table>.yaml (`rows:`), written by Sluice's own
Parquet writer as the processor writes them (lake_fixture.write_parquet_lake). `MSCK REPAIR TABLE` then finds the
partitions the way the crawler does, and `SELECT *` must return every fixture row, value for value, nulls included,
timestamps as UTC milliseconds. The test runs for tables whose lake format is Parquet (ParquetHiveSerDe); a JSON
table is read by the OpenX JsonSerDe, which Spark does not ship.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from hive_tables import create_table_ddl, parquet_tables, read_lake_table
from lake_fixture import epoch_millis, python_value, write_parquet_lake
from sparklib import spark  # noqa: F401  (the session-wide fixture)
from toolslib import REPO_ROOT, Resource, resolve, terraform_resources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lake"
RESOURCES = terraform_resources()
PARQUET_TABLES = parquet_tables(RESOURCES)


def _id(resource: Resource | None) -> str:
    return f"{resource.stack}.{resource.body['name']}" if resource is not None else "no-parquet-table-found"


def _expected(row: dict, columns: list[dict]) -> dict:
    out = {}
    for column in columns:
        value = row.get(column["name"])
        if value is not None and column["type"] == "timestamp":
            value = epoch_millis(value)
        elif value is not None and column["type"] == "date":
            value = python_value(value, "date").isoformat()
        out[column["name"]] = value
    return out


def test_the_example_declares_a_parquet_lake_table():
    assert PARQUET_TABLES, (
        "no EXTERNAL_TABLE with the Parquet SerDe in generated/terraform: the example's lake is Parquet by default "
        "(run `sluice generate`)"
    )


@pytest.mark.spark
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
    pairs = [(c["name"], c["type"]) for c in descriptor["columns"]], [(c["name"], c["type"]) for c in keys]
    write_parquet_lake(lake, name, *pairs, rows)

    partitions, got = read_lake_table(spark, resource, database, lake)
    expected_partitions = sorted(
        {"/".join(f"{k['name']}={python_value(row[k['name']], k['type'])}" for k in keys) for row in rows}
    ) if keys else []  # fmt: skip
    assert partitions == expected_partitions, "MSCK REPAIR TABLE found other partitions than the lake holds"
    expected = [_expected(row, columns) for row in rows]
    sort_key = lambda r: tuple((r[c["name"]] is not None, r[c["name"]]) for c in columns)  # noqa: E731
    assert sorted(got, key=sort_key) == sorted(expected, key=sort_key), f"Spark's rows differ from {where}"


@pytest.mark.spark
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

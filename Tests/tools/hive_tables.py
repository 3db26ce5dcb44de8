"""Spark reads a lake folder through a Hive external table declared exactly as the generated Glue table.

For an EXTERNAL_TABLE aws_glue_catalog_table of generated/terraform, its SerDe, input and output formats, columns,
partition keys and parameters are read from the Terraform JSON (never retyped) and turned into

    CREATE EXTERNAL TABLE ... (columns) PARTITIONED BY (keys) ROW FORMAT SERDE '...'
    STORED AS INPUTFORMAT '...' OUTPUTFORMAT '...' LOCATION '<lake folder>/tables/<table>/' TBLPROPERTIES (...)

`read_lake_table` declares it over a folder, checks that Spark took the SerDe and formats, runs `MSCK REPAIR TABLE`
(which finds the partitions the way the crawler does) and returns the partitions and every row, timestamps as UTC
epoch milliseconds and dates as ISO text (so no Python time zone is involved). Used by test_lake_hive.py (fixture
rows) and test_processor_roundtrip.py (the processor's own output).

Spark reads a ParquetHiveSerDe table with its own Parquet reader (spark.sql.hive.convertMetastoreParquet, on by
default), which maps INT64 TIMESTAMP(MILLIS, adjusted to UTC) to its timestamp; Hive 2.3's own SerDe, which Spark
carries, cannot (HIVE-26612). Athena reads through Trino's reader, not Hive's: see LakeStorage.swift.
"""

from __future__ import annotations

from pathlib import Path

from toolslib import Resource, terraform_resources

PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"


def lake_tables(resources: list[Resource] | None = None) -> list[Resource]:
    """The generated Glue tables of the lake (EXTERNAL_TABLE), every stack's."""
    resources = terraform_resources() if resources is None else resources
    return [r for r in resources if r.type == "aws_glue_catalog_table" and r.body.get("table_type") == "EXTERNAL_TABLE"]


def parquet_tables(resources: list[Resource] | None = None) -> list[Resource]:
    """The lake tables whose SerDe is Parquet's."""
    return [
        r for r in lake_tables(resources)
        if r.body["storage_descriptor"]["ser_de_info"]["serialization_library"] == PARQUET_SERDE
    ]  # fmt: skip


def quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _column(column: dict) -> str:
    comment = f" COMMENT {literal(column['comment'])}" if column.get("comment") else ""
    return f"{quote(column['name'])} {column['type']}{comment}"


def create_table_ddl(resource: Resource, database: str, location: str) -> str:
    """The Hive DDL that declares the Glue table of `resource`, its objects under `location`."""
    body = resource.body
    descriptor = body["storage_descriptor"]
    serde = descriptor["ser_de_info"]
    ddl = f"CREATE EXTERNAL TABLE {quote(database)}.{quote(body['name'])} (\n  "
    ddl += ",\n  ".join(map(_column, descriptor["columns"])) + "\n)\n"
    if body.get("partition_keys"):
        ddl += f"PARTITIONED BY ({', '.join(map(_column, body['partition_keys']))})\n"
    ddl += f"ROW FORMAT SERDE {literal(serde['serialization_library'])}\n"
    if serde.get("parameters"):
        pairs = ", ".join(f"{literal(k)} = {literal(v)}" for k, v in sorted(serde["parameters"].items()))
        ddl += f"WITH SERDEPROPERTIES ({pairs})\n"
    ddl += f"STORED AS INPUTFORMAT {literal(descriptor['input_format'])}\n"
    ddl += f"OUTPUTFORMAT {literal(descriptor['output_format'])}\n"
    ddl += f"LOCATION {literal(location)}\n"
    parameters = {k: v for k, v in body.get("parameters", {}).items() if k != "EXTERNAL"}
    if parameters:
        ddl += f"TBLPROPERTIES ({', '.join(f'{literal(k)} = {literal(v)}' for k, v in sorted(parameters.items()))})"
    return ddl


def select_list(columns: list[dict]) -> list[str]:
    """Every column's select expression, timestamps as epoch milliseconds and dates as ISO text, so that no Python
    time zone is involved."""
    out = []
    for column in columns:
        name = quote(column["name"])
        if column["type"] == "timestamp":
            out.append(f"unix_millis({name}) AS {name}")
        elif column["type"] == "date":
            out.append(f"CAST({name} AS STRING) AS {name}")
        else:
            out.append(name)
    return out


def read_lake_table(spark, resource: Resource, database: str, lake: Path) -> tuple[list[str], list[dict]]:
    """Declares `resource`'s table in Spark over `lake`/tables/<table>/ and returns (partitions as Hive spells them,
    sorted; every row as a dict in the table's column order: columns, then partition keys)."""
    name = resource.body["name"]
    descriptor = resource.body["storage_descriptor"]
    keys = resource.body.get("partition_keys", [])
    columns = descriptor["columns"] + keys
    prefix = f"tables/{name}/"
    assert descriptor["location"].endswith("/" + prefix), f"{resource.address}: the location is not .../{prefix}"

    spark.sql(f"CREATE DATABASE IF NOT EXISTS {quote(database)}")
    spark.sql(f"DROP TABLE IF EXISTS {quote(database)}.{quote(name)}")
    ddl = create_table_ddl(resource, database, (lake / prefix).as_uri() + "/")
    spark.sql(ddl)
    qualified = f"{quote(database)}.{quote(name)}"
    try:
        declared = spark.sql(f"DESCRIBE FORMATTED {qualified}").collect()
        info = {row["col_name"].strip().rstrip(":"): (row["data_type"] or "").strip() for row in declared}
        assert info.get("Serde Library") == descriptor["ser_de_info"]["serialization_library"], ddl
        assert info.get("InputFormat") == descriptor["input_format"], ddl
        assert info.get("OutputFormat") == descriptor["output_format"], ddl

        spark.sql(f"MSCK REPAIR TABLE {qualified}")
        partitions = sorted(row[0] for row in spark.sql(f"SHOW PARTITIONS {qualified}").collect()) if keys else []
        select = f"SELECT {', '.join(select_list(columns))} FROM {qualified}"
        rows = [row.asDict() for row in spark.sql(select).collect()]
        if rows:
            assert list(rows[0]) == [c["name"] for c in columns], "Spark's columns differ from the Glue table's"
        return partitions, rows
    finally:
        spark.sql(f"DROP TABLE IF EXISTS {qualified}")

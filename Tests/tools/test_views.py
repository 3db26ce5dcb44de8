"""The generated Athena views run, and say what their Glue tables declare.

Views are deployed as Glue VIRTUAL_VIEW tables (README.md, "Why views are Glue tables in
Terraform"), so Athena sees their SQL only when they are queried. Here each view of
generated/sql/<database>/<view>.sql runs, transpiled by sqlglot from Athena to DuckDB, over the
rows of its fixture Tests/tools/fixtures/views/<database>/<view>.yaml:

    tables:    {<table>: [{column: value, ...}, ...]}  rows of each base table the view reads
                                                     (columns left out are NULL)
    order_by:  [column, ...]                          orders the view's rows totally (no ties)
    expected:  [{column: value, ...}, ...]            the view's rows in that order

Dates and timestamps are ISO strings in fixtures ('2026-11-01', '2026-11-01T08:00:00', UTC). The rows of each base
table are written as a Parquet lake folder by Sluice's own writer, as the processor lays it out
(lake_fixture.write_parquet_lake), and the table is DuckDB's read_parquet of that folder with hive_partitioning,
each column cast to the type its Terraform EXTERNAL_TABLE resource declares (as Athena reads the objects through the
Glue table: a Parquet timestamp adjusted to UTC is a plain timestamp, the UTC wall clock). The views are created in
the order of their depends_on, their SQL transpiled with the tables' types so that Athena's typed semantics hold
(athena_duckdb.to_duckdb). The result must have the columns of the VIRTUAL_VIEW resource, in order, with DuckDB
types matching its Glue types.
The Presto view JSON in each VIRTUAL_VIEW must hold the SQL file's SELECT and the same columns.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest
import sqlglot
import yaml

from athena_duckdb import AthenaTypeError, to_duckdb
from lake_fixture import write_parquet_lake
from toolslib import GENERATED_SQL, REPO_ROOT, Resource, resolve, terraform_resources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "views"
# <database>/<view>.sql; lookups/ is a level deeper.
VIEW_FILES = sorted(GENERATED_SQL.glob("*/*.sql")) if GENERATED_SQL.is_dir() else []

DUCKDB_TYPES = {
    "string": "VARCHAR", "int": "INTEGER", "bigint": "BIGINT", "double": "DOUBLE",
    "boolean": "BOOLEAN", "timestamp": "TIMESTAMP", "date": "DATE",
}  # fmt: skip
# The DuckDB result types that stand for each Glue type: DuckDB's sum() of integers is a HUGEINT
# where Trino's is a bigint, and DuckDB's CAST(x AS timestamp(3)) is a TIMESTAMP_MS.
COMPATIBLE = {glue: {duck} for glue, duck in DUCKDB_TYPES.items()} | {
    "bigint": {"BIGINT", "HUGEINT"},
    "timestamp": {"TIMESTAMP", "TIMESTAMP_MS"},
}
TRINO_TYPES = {
    "string": "varchar", "int": "integer", "bigint": "bigint", "double": "double",
    "boolean": "boolean", "timestamp": "timestamp(3)", "date": "date",
}  # fmt: skip
PRESTO_VIEW = re.compile(r"/\* Presto View: ([A-Za-z0-9+/]+=*) \*/")


@dataclass(frozen=True)
class Table:
    """A Glue table or view of a generated stack."""

    resource: Resource
    database: str

    def __repr__(self) -> str:  # the resource's body, with its base64, would fill a traceback
        return f"<{self.resource.body.get('table_type')} {self.database}.{self.name}>"

    @property
    def name(self) -> str:
        return self.resource.body["name"]

    @property
    def is_view(self) -> bool:
        return self.resource.body.get("table_type") == "VIRTUAL_VIEW"

    @property
    def columns(self) -> list[tuple[str, str]]:
        """(name, Glue type) of its columns, then of its partition keys."""
        return self.data_columns + self.partition_keys

    @property
    def data_columns(self) -> list[tuple[str, str]]:
        """(name, Glue type) of the columns stored in its objects."""
        return [(c["name"], c["type"]) for c in self.resource.body["storage_descriptor"]["columns"]]

    @property
    def partition_keys(self) -> list[tuple[str, str]]:
        """(name, Glue type) of the partition keys, which are folder names."""
        return [(c["name"], c["type"]) for c in self.resource.body.get("partition_keys", [])]

    @property
    def qualified(self) -> str:
        return f'"{self.database}"."{self.name}"'

    @property
    def sql_file(self) -> Path:
        return GENERATED_SQL / self.database / f"{self.name}.sql"


RESOURCES = terraform_resources()
TABLES = {
    (r.stack, r.address): Table(r, resolve(r.body["database_name"], r.stack, RESOURCES))
    for r in RESOURCES
    if r.type == "aws_glue_catalog_table"
}
VIRTUAL_VIEWS = [table for table in TABLES.values() if table.is_view]
# The types of every table and view, as the transpiler reads them: database -> table -> column -> Glue type.
SCHEMA: dict[str, dict[str, dict[str, str]]] = {}
for _table in TABLES.values():
    SCHEMA.setdefault(_table.database, {})[_table.name] = dict(_table.columns)


def _rel(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()


def _file_id(path: Path | None) -> str:
    return f"{path.parent.name}.{path.stem}" if path is not None else "no-views-found"


def _view_id(view: Table | None) -> str:
    return f"{view.database}.{view.name}" if view is not None else "no-virtual-views-found"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _normalized(value):
    """Dates and timestamps as ISO strings, as fixtures write them; other values as they are."""
    return value.isoformat() if isinstance(value, date) else value


def _find_view(database: str, name: str) -> Table:
    found = [v for v in VIRTUAL_VIEWS if (v.database, v.name) == (database, name)]
    if len(found) != 1:
        pytest.fail(
            f"{_rel(GENERATED_SQL / database / name)}.sql: {len(found)} VIRTUAL_VIEW resources named "
            f"{database}.{name} in generated/terraform; expected one",
            pytrace=False,
        )
    return found[0]


def _in_dependency_order(view: Table) -> list[Table]:
    """The tables and views `view` reads (its depends_on, transitively), each after what it reads; `view` last."""
    order: list[Table] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(table: Table) -> None:
        address = table.resource.address
        if address in done:
            return
        assert address not in visiting, f"depends_on has a cycle through {address}"
        visiting.add(address)
        for dependency in table.resource.body.get("depends_on", []):
            if dependency.startswith("aws_glue_catalog_table."):
                key = (table.resource.stack, dependency)
                assert key in TABLES, f"{address} depends on {dependency}, which stack {key[0]} does not declare"
                visit(TABLES[key])
        done.add(address)
        order.append(table)

    visit(view)
    return order


def _load_fixture(view: Table) -> tuple[Path, dict]:
    path = FIXTURES / view.database / f"{view.name}.yaml"
    if not path.is_file():
        pytest.fail(
            f"the view {view.database}.{view.name} has no fixture: write {_rel(path)} with `tables:` (rows of "
            "each base table it reads), `order_by:` (columns) and `expected:` (its rows in that order)",
            pytrace=False,
        )
    fixture = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = {"tables", "order_by", "expected"} - set(fixture)
    assert not missing, f"{_rel(path)} lacks {sorted(missing)}"
    return path, fixture


def _execute(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list | None = None) -> str | None:
    """Runs one statement; returns DuckDB's error, or None."""
    try:
        connection.execute(sql, parameters)
    except duckdb.Error as error:
        return str(error)
    return None


def _create_table(
    connection: duckdb.DuckDBPyConnection, table: Table, rows: list[dict], where: str, lake: Path
) -> None:
    """The table as DuckDB's read_parquet of a lake folder holding `rows`, typed as its Glue table declares."""
    connection.execute(f"CREATE SCHEMA IF NOT EXISTS {_quote(table.database)}")
    columns = ", ".join(f"{_quote(name)} {DUCKDB_TYPES[glue]}" for name, glue in table.columns)
    if not rows:  # no objects to read: an empty table of the same columns
        connection.execute(f"CREATE TABLE {table.qualified} ({columns})")
        return
    try:
        write_parquet_lake(lake, table.name, table.data_columns, table.partition_keys, rows)
    except (ValueError, TypeError) as error:
        glue_types = dict(table.columns)
        pytest.fail(f"{where}: the rows of {table.name} do not fit {glue_types}: {error}", pytrace=False)
    folders = "*/" * len(table.partition_keys)
    files = (lake / "tables" / table.name).as_posix() + f"/{folders}*.parquet"
    hive_types = ", ".join(f"{_literal(key)}: {_literal(DUCKDB_TYPES[glue])}" for key, glue in table.partition_keys)
    options = f", hive_partitioning = true, hive_types = {{{hive_types}}}" if table.partition_keys else ""
    select = ", ".join(
        f"CAST({_quote(name)} AS {DUCKDB_TYPES[glue]}) AS {_quote(name)}"
        for name, glue in table.columns
    )
    source = f"read_parquet({_literal(files)}{options})"
    connection.execute(f"CREATE VIEW {table.qualified} AS SELECT {select} FROM {source}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create_view(connection: duckdb.DuckDBPyConnection, view: Table) -> None:
    path = view.sql_file
    assert path.is_file(), f"{view.resource.address} has no SQL file {_rel(path)}"
    try:
        statements = to_duckdb(path.read_text(encoding="utf-8"), SCHEMA)
    except (AthenaTypeError, sqlglot.errors.SqlglotError) as error:
        pytest.fail(f"{_rel(path)} would fail in Athena: {error}", pytrace=False)
    assert len(statements) == 1, f"{_rel(path)} holds {len(statements)} statements; expected one CREATE VIEW"
    error = _execute(connection, statements[0])
    if error:
        pytest.fail(f"{_rel(path)}, transpiled to DuckDB, fails: {error}\n{statements[0]}", pytrace=False)


@pytest.mark.parametrize("path", VIEW_FILES or [None], ids=_file_id)
def test_view_returns_expected_rows(path, tmp_path):
    if path is None:
        pytest.fail(f"no view under {_rel(GENERATED_SQL)}: run `sluice generate`", pytrace=False)
    view = _find_view(path.parent.name, path.stem)
    fixture_path, fixture = _load_fixture(view)
    where = _rel(fixture_path)
    order = _in_dependency_order(view)
    base_tables = [t for t in order if not t.is_view]
    assert sorted(fixture["tables"]) == sorted(t.name for t in base_tables), (
        f"{where}: `tables` must give the rows of each base table the view reads: {sorted(t.name for t in base_tables)}"
    )

    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")  # Athena's session zone: timestamps are UTC wall clock
    for table in base_tables:
        _create_table(connection, table, fixture["tables"][table.name] or [], where, tmp_path / "lake")
    for dependency in order:
        if dependency.is_view:
            _create_view(connection, dependency)

    declared = view.columns
    order_by = fixture["order_by"]
    unknown = sorted(set(order_by) - {name for name, _ in declared})
    assert not unknown, f"{where}: order_by names columns the view has not: {unknown}"
    result = connection.execute(f"SELECT * FROM {view.qualified} ORDER BY {', '.join(map(_quote, order_by))}")
    names = [d[0] for d in result.description]
    duck_types = [str(d[1]) for d in result.description]
    rows = [dict(zip(names, map(_normalized, row))) for row in result.fetchall()]

    assert names == [name for name, _ in declared], f"{view.qualified} returns other columns than its Glue table declares"
    mismatched = [
        f"{name}: DuckDB {duck}, declared {glue}"
        for (name, glue), duck in zip(declared, duck_types)
        if duck not in COMPATIBLE.get(glue, ())
    ]
    assert not mismatched, f"{view.qualified} returns types other than declared:\n  " + "\n  ".join(mismatched)
    keys = [tuple(row[c] for c in order_by) for row in rows]
    assert len(set(keys)) == len(keys), f"{where}: order_by {order_by} leaves rows in no stated order (ties)"
    expected = [{name: _normalized(value) for name, value in row.items()} for row in fixture["expected"]]
    assert rows == expected, f"{view.qualified} over the rows of {where}"


@pytest.mark.parametrize("view", VIRTUAL_VIEWS or [None], ids=_view_id)
def test_presto_view_matches_sql_file_and_columns(view):
    if view is None:
        pytest.fail("no VIRTUAL_VIEW aws_glue_catalog_table in generated/terraform", pytrace=False)
    resource = f"{view.resource.address} ({_rel(view.resource.file)})"
    match = PRESTO_VIEW.fullmatch(view.resource.body.get("view_original_text", ""))
    assert match, f"{resource}: view_original_text is not `/* Presto View: <base64> */`"
    presto = json.loads(base64.b64decode(match.group(1), validate=True))

    assert view.sql_file.is_file(), f"{resource} has no SQL file {_rel(view.sql_file)}"
    text = view.sql_file.read_text(encoding="utf-8")
    create = f"CREATE OR REPLACE VIEW {view.qualified} AS\n"
    assert create in text, f"{_rel(view.sql_file)} has no line {create.strip()!r}"
    assert presto.get("originalSql") == text.split(create, 1)[1].rstrip(), (
        f"{resource}: originalSql differs from the SELECT of {_rel(view.sql_file)}"
    )
    assert presto.get("schema") == view.database, f"{resource}: schema"
    assert presto.get("catalog") == "awsdatacatalog", f"{resource}: catalog"
    declared = [(name, TRINO_TYPES.get(glue, f"<Glue type {glue}>")) for name, glue in view.columns]
    encoded = [(c.get("name"), c.get("type")) for c in presto.get("columns", [])]
    assert encoded == declared, f"{resource}: Presto view columns differ from the storage descriptor's (Trino types)"


def test_every_fixture_has_a_view():
    views = {(path.parent.name, path.stem) for path in VIEW_FILES}
    orphans = [_rel(f) for f in sorted(FIXTURES.glob("*/*.yaml")) if (f.parent.name, f.stem) not in views]
    assert not orphans, f"fixtures of views that generated/sql does not hold (remove or rename them): {orphans}"

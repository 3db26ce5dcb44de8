"""Every generated SQL file (generated/sql/**/*.sql) parses as Athena SQL (sqlglot's `athena` dialect).

Athena checks a view's SQL only when the view is queried, and the views are deployed as Glue tables
by Terraform, so nothing else reads this SQL before a merge (see README.md, "Why views are Glue tables
in Terraform"). Views are one CREATE VIEW named after their file; lookups are one SELECT with the `?`
the processor expands to one placeholder per key.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from toolslib import GENERATED_SQL, REPO_ROOT, sql_files

FILES = sql_files()


def _file_id(path: Path | None) -> str:
    return path.relative_to(GENERATED_SQL).as_posix() if path is not None else "no-sql-files-found"


def _parse(path: Path) -> exp.Expression:
    """The file's one statement; a parse error or any other number of statements fails the test."""
    where = path.relative_to(REPO_ROOT)
    try:
        statements = [s for s in sqlglot.parse(path.read_text(encoding="utf-8"), read="athena") if s is not None]
    except sqlglot.ParseError as error:
        problems = "\n".join(
            f"{where}:{e.get('line')}:{e.get('col')}: {e.get('description')} (near {e.get('highlight')!r})"
            for e in error.errors
        )
        pytest.fail(f"{where} is not Athena SQL:\n{problems}", pytrace=False)
    assert len(statements) == 1, f"{where} holds {len(statements)} statements; expected exactly one"
    return statements[0]


@pytest.mark.parametrize("path", FILES or [None], ids=_file_id)
def test_sql_parses_as_athena(path):
    if path is None:
        pytest.fail(f"no *.sql file under {GENERATED_SQL.relative_to(REPO_ROOT)}: run `sluice generate`", pytrace=False)
    statement = _parse(path)
    where = path.relative_to(REPO_ROOT)
    if path.parent.name == "lookups":
        assert isinstance(statement, exp.Select), f"{where}: a lookup is a SELECT, not {statement.key.upper()}"
        assert statement.find(exp.Placeholder), f"{where}: a lookup has the `?` of `IN (?)` for its keys"
    else:
        database, view = path.parent.name, path.stem
        assert isinstance(statement, exp.Create) and statement.kind == "VIEW", (
            f"{where}: a view file is one CREATE VIEW, not {statement.key.upper()}"
        )
        table = statement.this.find(exp.Table)  # the view's name (in a Schema when it lists columns)
        assert (table.db, table.name) == (database, view), (
            f"{where} creates the view {table.sql(dialect='athena')}; expected \"{database}\".\"{view}\""
        )

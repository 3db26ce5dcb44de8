"""Athena (Trino) SQL to DuckDB SQL with Athena's typed semantics, for running the generated views locally.

sqlglot transpiles the syntax, but some of Athena's semantics depend on the operands' types, which sqlglot can only
follow once it knows them. So the statement is parsed as Athena SQL, its columns qualified and its expressions typed
against the schema of the tables it reads (Glue types, as the manifest declares them), and only then written for
DuckDB, with these typed rewrites (each tested in test_athena_duckdb.py):

- `a / b` with both operands integers is integer division in Trino, truncated toward zero, of the wider operand type
  (`status / 100` is 4 for 404, an integer), and fails on division by zero. DuckDB's `/` is always float division;
  its `//` on integers is exactly Trino's (truncates toward zero, keeps the type, fails on zero and on overflow).
  sqlglot's own rewrite (`CAST(TRUNC(a / b) AS BIGINT)`) widens int to bigint and turns x / 0 into a cast error of
  infinity, so integer division is written as `//` here. Division with a double operand stays float division.
- `CAST(timestamp AS varchar)` in Athena writes the timestamp(3) with its milliseconds (`2026-11-01 08:00:00.000`);
  DuckDB's cast drops a zero fraction (`2026-11-01 08:00:00`). Written as DuckDB's strftime with `%g` (milliseconds).
- Trino casts no value implicitly between text and numbers: `status = '404'` or `'a' || 1` fails in Athena, while
  DuckDB would cast and answer. Such a comparison is refused here with the same complaint Athena would make.

- `date_diff(unit, a, b)` in Trino counts the whole units elapsed (23:00 to 01:00 the next day is 0 days); DuckDB's
  `date_diff` counts the unit boundaries crossed (1). Written as DuckDB's `date_sub`, which counts whole units.
- `date_trunc(unit, d)` of a date is a date in Trino, a timestamp in DuckDB: cast back to a date.
- An output column with no alias is named `_col<position>` by Trino (a bare column keeps its name); sqlglot's
  qualify would name it after an inner column. The alias is written as Trino names it.

Integer overflow needs nothing: both fail on it (`2147483647 + 1` on two ints is an error in both). Aggregates differ
only in width (DuckDB's sum of integers is a HUGEINT where Trino's is a bigint), which the view test accepts.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.optimizer.annotate_types import annotate_types
from sqlglot.optimizer.qualify import qualify

INTEGERS = exp.DataType.INTEGER_TYPES
NUMBERS = exp.DataType.NUMERIC_TYPES
TEXT = exp.DataType.TEXT_TYPES
# DuckDB's strftime: %g is the milliseconds, zero-padded to three digits, as Trino prints timestamp(3).
ATHENA_TIMESTAMP_TEXT = "%Y-%m-%d %H:%M:%S.%g"
COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)

Schema = dict[str, dict[str, dict[str, str]]]  # database -> table -> column -> Glue type


class AthenaTypeError(ValueError):
    """The statement would fail in Athena for its operand types (DuckDB would have run it)."""


def to_duckdb(sql: str, schema: Schema) -> list[str]:
    """The statements of `sql` (Athena SQL) as DuckDB SQL with Athena's typed semantics; see the module doc."""
    out = []
    for statement in sqlglot.parse(sql, read="athena"):
        if statement is None:
            continue
        _name_outputs_as_trino(statement)
        typed = annotate_types(qualify(statement, schema=schema, dialect="athena"), schema=schema, dialect="athena")
        _refuse_implicit_casts(typed)
        for difference in list(typed.find_all(exp.DateDiff)):
            unit = difference.args.get("unit")
            if unit is not None:
                start, end = difference.expression.copy(), difference.this.copy()
                unit_text = exp.Literal.string(unit.name.lower())
                # Anonymous: sqlglot would read `date_sub` as its own DateSub (date minus interval).
                difference.replace(exp.Anonymous(this="date_sub", expressions=[unit_text, start, end]))
        for truncation in list(typed.find_all(exp.TimestampTrunc, exp.DateTrunc)):
            if truncation.this.is_type(exp.DType.DATE) and not isinstance(truncation.parent, exp.Cast):
                truncation.replace(exp.cast(truncation.copy(), to=exp.DType.DATE))
        for division in list(typed.find_all(exp.Div)):
            if division.args.get("typed") and division.left.is_type(*INTEGERS) and division.right.is_type(*INTEGERS):
                division.replace(exp.IntDiv(this=division.left.copy(), expression=division.right.copy()))
        for cast in list(typed.find_all(exp.Cast)):
            if cast.to.is_type(*TEXT) and cast.this.is_type(exp.DType.TIMESTAMP):
                cast.replace(exp.func("strftime", cast.this.copy(), exp.Literal.string(ATHENA_TIMESTAMP_TEXT)))
        out.append(typed.sql(dialect="duckdb", pretty=True))
    return out


def _name_outputs_as_trino(statement: exp.Expression) -> None:
    for select in statement.find_all(exp.Select):
        for position, projection in enumerate(select.expressions):
            if not isinstance(projection, (exp.Alias, exp.Column, exp.Star)):
                projection.replace(exp.alias_(projection.copy(), f"_col{position}", quoted=True))


def _refuse_implicit_casts(statement: exp.Expression) -> None:
    for node in statement.find_all(*COMPARISONS, exp.DPipe):
        left, right = node.left, node.right
        text = left.is_type(*TEXT), right.is_type(*TEXT)
        number = left.is_type(*NUMBERS), right.is_type(*NUMBERS)
        if isinstance(node, exp.DPipe):  # concatenation takes text only
            mixed = any(number)
        else:
            mixed = (text[0] and number[1]) or (number[0] and text[1])
        if mixed:
            raise AthenaTypeError(
                f"{node.sql(dialect='athena')}: Athena does not cast between {left.type.sql('athena')} and "
                f"{right.type.sql('athena')} implicitly; write a CAST"
            )

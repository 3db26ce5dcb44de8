"""lake_fixture.write_parquet_lake writes the engine tests' Parquet lake with Sluice's own writer, in the processor's
layout, and refuses fixture values that do not fit their column before anything is written."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from lake_fixture import write_parquet_lake

COLUMNS = [("at", "timestamp"), ("n", "int"), ("s", "string"), ("x", "double"), ("ok", "boolean"), ("day", "date")]
KEYS = [("dt", "string")]


def test_the_fixture_files_are_sluices_own(sluice_bin: Path, tmp_path: Path) -> None:
    rows = [
        {"dt": "2026-11-02", "at": "2026-11-02T00:00:00.5", "n": 7, "s": "é", "x": 1, "ok": True, "day": "1969-12-31"},
        {"dt": "2026-11-01", "at": "2026-11-01T10:00:00+02:00", "n": None, "x": float("nan")},
        {"dt": "2026-11-02"},
    ]  # fmt: skip
    written = write_parquet_lake(tmp_path, "t", COLUMNS, KEYS, rows, compression="zstd")
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "tables/t/dt=2026-11-02/fixture.parquet", "tables/t/dt=2026-11-01/fixture.parquet"]
    metadata = pq.ParquetFile(written[0]).metadata
    assert metadata.created_by.startswith("sluice version "), metadata.created_by
    assert metadata.row_group(0).column(0).compression == "ZSTD"
    second = pq.read_table(written[0]).to_pylist()
    assert [row["n"] for row in second] == [7, None] and second[1]["s"] is None
    assert second[0]["at"].isoformat() == "2026-11-02T00:00:00.500000+00:00"
    assert second[0]["day"].isoformat() == "1969-12-31" and second[0]["x"] == 1.0
    (first,) = pq.read_table(written[1]).to_pylist()
    assert first["at"].isoformat() == "2026-11-01T08:00:00+00:00"  # an offset is converted to UTC


@pytest.mark.parametrize(
    "row, error, words",
    [
        ({"n": 2**31}, ValueError, "row 1 of t, column n (int): 2147483648 is out of the range of int"),
        ({"n": "7"}, TypeError, "row 1 of t, column n (int): '7' is not an integer"),
        ({"ok": 1}, TypeError, "column ok (boolean): 1 is not a boolean"),
        ({"s": 5}, TypeError, "column s (string): 5 is not a string"),
        ({"at": "2026-11-01T00:00:00.0001"}, ValueError, "finer than milliseconds"),
        ({"nope": 1}, ValueError, "row 1 of t has columns the table has not: ['nope']"),
    ],
)
def test_a_value_that_does_not_fit_its_column_is_named(tmp_path: Path, row: dict, error: type, words: str) -> None:
    with pytest.raises(error) as raised:
        write_parquet_lake(tmp_path, "t", COLUMNS, KEYS, [{"dt": "2026-11-01", **row}])
    assert words in str(raised.value)
    assert not (tmp_path / "tables").exists()

"""The acceptance round trip of issue 10: the processor's Parquet lake holds exactly what its JSON lake holds.

For one input object the example's processor runs with `--output-format json` and with `--output-format parquet`
and each codec (snappy, zstd, gzip). The Parquet objects are then read back by pyarrow, DuckDB and Spark's Java
Parquet readers (its vectorized reader and parquet-java's record reader, on the shared session of sparklib.py) and
must equal the JSON objects row for row, value for value, nulls included, with timestamps compared as UTC epoch
milliseconds (JSON holds Athena's `yyyy-MM-dd HH:mm:ss.SSS` text, UTC). Around the rows:

- the partition folders and object stems are the same (`<stem>.json.gz` beside `<stem>.parquet`), and the summary
  counts the same lines, rows and quarantined lines;
- the quarantine stays gzipped NDJSON and is byte for byte the same in both runs;
- every column chunk is written with the codec asked for, and pyarrow reports the statistics the writer meant:
  null count, min and max of each row group's values computed here from the JSON rows (strings by their UTF-8
  bytes, bounds of strings over 1 KiB shortened by StatisticsAccumulator's rule);
- Spark reads each Parquet lake folder through a Hive external table declared as the generated Glue table
  (hive_tables.py), finds the partitions with MSCK REPAIR TABLE, and returns the JSON rows with their `dt`.

The inputs: `sluice sample` objects of both delivery shapes (extracted: gzipped lines; raw: gzipped CloudWatch Logs
documents, made by sampling a copy of the pipeline whose delivery mode is raw), several days each, a busy minute's
object (one partition of several row groups, some column chunks falling back from dictionary to PLAIN pages, the row
groups handed out as the file is written), and a small hand-written object in both shapes with edge values: nulls in
optional columns (an empty user, a lookup's null column, HAProxy's -1 status), empty text, non-ASCII text, quotes
and backslashes in paths and lookup values, a path over 1 KiB, a bigint over 32 bits, the epoch and the last
millisecond of a year, a malformed line and an unknown account (quarantined), a CloudWatch control message, and a
document with a lone surrogate escape; a line whose path holds bytes that are not UTF-8, and a document holding
them.

`sluice process` has no --input-format: a CloudWatch-documents object is processed by the processor executable it
runs (built beside sluice), with the processor's own `--input-format cloudwatch-documents`.
"""

from __future__ import annotations

import datetime
import functools
import gzip
import json
import re
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hive_tables import parquet_tables, read_lake_table, select_list
from sparklib import spark  # noqa: F401  (the session-wide fixture)
from toolslib import REPO_ROOT, resolve, terraform_resources

PIPELINE = "integrations-usage"
CODECS = ["snappy", "zstd", "gzip"]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
ATHENA_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}")
MAXIMUM_STRING_BOUND_BYTES = 1024  # StatisticsAccumulator.maximumStringBoundBytes
ARROW_TYPES = {
    "string": pa.string(), "int": pa.int32(), "bigint": pa.int64(), "double": pa.float64(), "boolean": pa.bool_(),
    "timestamp": pa.timestamp("ms", tz="UTC"), "date": pa.date32(),
}  # fmt: skip

RESOURCES = terraform_resources()
# The example's lake table, as generated (its name is the manifest's processor.output.table).
TABLE = next((t for t in parquet_tables(RESOURCES) if t.body["name"] == "integration_requests"), None)
COLUMNS = [(c["name"], c["type"]) for c in TABLE.body["storage_descriptor"]["columns"]] if TABLE else []
KEYS = [(c["name"], c["type"]) for c in TABLE.body.get("partition_keys", [])] if TABLE else []


# --- Inputs --------------------------------------------------------------------------------------------------


def haproxy(account: str, path: str, *, user: str = "u-000042", status: str = "200", bytes_read: str = "1873",
            at: str = "14/Mar/2024:09:26:53.589", server: str = "int-3", state: str = "----") -> str:  # fmt: skip
    return (
        f"192.0.2.10:48620 [{at}] api~ integrations/{server} 3/0/1/42/46 {status} {bytes_read} - - {state} "
        f'12/10/3/1/0 0/0 {{{account}.api.example.com|{user}}} "GET {path} HTTP/1.1"'
    )


EDGE_LINES = [
    haproxy("acct-000001", "/integrations/int-0001/events?limit=20"),
    haproxy("acct-000002", '/integrations/int-0002/x"y\\z', user=""),
    haproxy("acct-000003", "/integrations/int-0003/café/ü☃😀"),
    haproxy("acct-000001", "/integrations/int-0001/" + "é" * 700, at="31/Dec/2023:23:59:59.999"),
    haproxy("acct-000001", "/integrations/int-0002/a\\\\b", at="01/Jan/1970:00:00:00.000", bytes_read="5000000000"),
    haproxy("acct-000001", "/integrations/int-0002/#22q#22", server="<NOSRV>", status="-1", state="CD--"),
    "not an haproxy line",
    haproxy("acct-999999", "/integrations/int-0001/x"),
]
# A line that parses but holds bytes that are not UTF-8 (in its path): both outputs must hold the same valid text.
NOT_UTF8_LINE = haproxy("acct-000003", "/integrations/int-0003/XX").encode().replace(b"XX", b"\xff\xfe\xc3(")
EDGE_DIRECTORY = {
    "directory.accounts": [
        {"account_id": "acct-000001", "account_name": 'Café "Z" \\ Ltd', "account_plan": "team"},
        {"account_id": "acct-000002", "account_name": "Beta", "account_plan": None},
        {"account_id": "acct-000003", "account_name": "日本語 ☃", "account_plan": ""},
    ],
    "directory.integrations": [
        {"integration_id": "int-0001", "integration_name": "Slack", "integration_vendor": None},
        {"integration_id": "int-0002", "integration_name": 'Ji"ra', "integration_vendor": "Atl\\assian"},
        {"integration_id": "int-0003", "integration_name": "Ünï", "integration_vendor": "ß"},
    ],
}


def cloudwatch_document(messages: list[str], *, ascii_only: bool) -> bytes:
    events = [{"id": str(number), "timestamp": 0, "message": text} for number, text in enumerate(messages)]
    document = {
        "messageType": "DATA_MESSAGE", "owner": "111111111111", "logGroup": "/haproxy/integrations-api",
        "logStream": "i-0123", "subscriptionFilters": ["acme-integrations-usage"], "logEvents": events,
    }  # fmt: skip
    return json.dumps(document, ensure_ascii=ascii_only).encode()


CONTROL_MESSAGE = json.dumps({
    "messageType": "CONTROL_MESSAGE", "owner": "CloudwatchLogs", "logGroup": "", "logStream": "",
    "subscriptionFilters": [], "logEvents": [
        {"id": "", "timestamp": 0, "message": "CWL CONTROL MESSAGE: Checking health of destination Firehose."}],
}).encode()  # fmt: skip


@dataclass(frozen=True)
class Input:
    """An input object, its lookups, and the object format the processor is told to read."""

    object: Path
    lookups: Path
    cloudwatch: bool


def sample(sluice_bin: Path, folder: Path, *, raw: bool, lines: int = 6000, rate: str = "0.02") -> Input:
    """A `sluice sample` object of the example's traffic (by default over about three days); raw: CloudWatch
    documents."""
    root = REPO_ROOT
    if raw:  # the sample takes its shape from the manifest's delivery mode
        root = folder / "workspace"
        shutil.copytree(REPO_ROOT / "pipelines", root / "pipelines")
        manifest = root / "pipelines" / f"{PIPELINE}.yaml"
        text = manifest.read_text(encoding="utf-8")
        assert "\n  mode: extracted\n" in text, f"{manifest.name}: the delivery mode is not `extracted` any more"
        manifest.write_text(text.replace("\n  mode: extracted\n", "\n  mode: raw\n"), encoding="utf-8")
    name = "sample-cloudwatch" if raw else "sample-lines"
    result = subprocess.run(
        [str(sluice_bin), "sample", "--root", str(root), "--pipeline", PIPELINE, "--lines", str(lines), "--seed", "10",
         "--requests-per-second", rate, "--output", str(folder / f"{name}.gz"),
         "--directory-output", str(folder / f"{name}.directory.json")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["object_format"] == ("cloudwatch-documents" if raw else "lines"), summary
    return Input(folder / f"{name}.gz", folder / f"{name}.directory.json", raw)


def edge(folder: Path, *, cloudwatch: bool) -> Input:
    lookups = folder / "edge.directory.json"
    lookups.write_text(json.dumps(EDGE_DIRECTORY, ensure_ascii=False), encoding="utf-8")
    if not cloudwatch:
        path = folder / "edge-lines.gz"
        path.write_bytes(gzip.compress(("\n".join(EDGE_LINES) + "\n").encode() + NOT_UTF8_LINE + b"\n", mtime=0))
        return Input(path, lookups, False)
    path = folder / "edge-cloudwatch.gz"
    members = [
        CONTROL_MESSAGE,
        cloudwatch_document(EDGE_LINES[:4], ascii_only=True),  # \u escapes, emoji as surrogate pairs
        cloudwatch_document(EDGE_LINES[4:], ascii_only=False),
        cloudwatch_document(["\udc80 a lone surrogate", EDGE_LINES[0]], ascii_only=True),
        # Raw bytes that are not UTF-8 inside a document's JSON text.
        cloudwatch_document(["XX"], ascii_only=True).replace(b"XX", NOT_UTF8_LINE),
    ]
    path.write_bytes(b"".join(gzip.compress(member, mtime=0) for member in members))
    return Input(path, lookups, True)


INPUTS = ["sample-lines", "sample-cloudwatch", "edge-lines", "edge-cloudwatch", "sample-row-groups"]
# A busy stream's object: 70,000 requests in about a minute, one partition of several row groups (4 MiB each),
# where the columns of distinct values (timestamps, byte counts) leave their dictionaries for PLAIN pages.
ROW_GROUPS_INPUT = "sample-row-groups"
# Every input in every codec, but the large one in the default codec only (its rows make Spark's reads slow; the
# codecs over several row groups and pages are test_parquet_readers.py's).
CASES = [(name, codec) for name in INPUTS for codec in CODECS if name != ROW_GROUPS_INPUT or codec == "snappy"]


class Runs:
    """Each input made once, and each (input, format, codec) processed once, in one folder per test session."""

    def __init__(self, sluice_bin: Path, folder: Path):
        self.sluice_bin = sluice_bin
        self.folder = folder

    @functools.cache
    def input(self, name: str) -> Input:
        folder = self.folder / name
        folder.mkdir()
        if name == ROW_GROUPS_INPUT:
            return sample(self.sluice_bin, folder, raw=False, lines=70_000, rate="1000")
        if name.startswith("sample-"):
            return sample(self.sluice_bin, folder, raw=name.endswith("cloudwatch"))
        return edge(folder, cloudwatch=name.endswith("cloudwatch"))

    @functools.cache
    def output(self, name: str, format: str, codec: str | None) -> tuple[Path, dict]:
        """The lake folder and the summary of processing input `name` as `format` (codec None: the default)."""
        source = self.input(name)
        out = self.folder / name / f"out-{format}-{codec or 'default'}"
        options = ["--input", str(source.object), "--output", str(out), "--lookups", str(source.lookups)]
        options += ["--output-format", format] if format != "default" else []
        options += ["--compression", codec] if codec else []
        if source.cloudwatch:
            command = [str(self.sluice_bin.parent / "IntegrationEnricher"), *options,
                       "--input-format", "cloudwatch-documents"]  # fmt: skip
        else:
            command = [str(self.sluice_bin), "process", "--root", str(REPO_ROOT), "--pipeline", PIPELINE, *options]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{' '.join(command)}\n{result.stderr}"
        return out, json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def runs(sluice_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    if TABLE is None:
        pytest.fail(f"generated/terraform declares no Parquet lake table for {PIPELINE}: run `sluice generate`")
    return Runs(sluice_bin, tmp_path_factory.mktemp("roundtrip"))


# --- Reading the outputs -------------------------------------------------------------------------------------


def millis(moment: datetime.datetime) -> int:
    return (moment - EPOCH) // datetime.timedelta(milliseconds=1)


def json_value(value, glue: str, where: str):
    """A JSON lake value as the comparable value: timestamps from Athena's text to UTC epoch milliseconds."""
    if value is None or glue != "timestamp":
        return value
    assert isinstance(value, str) and ATHENA_TIMESTAMP.fullmatch(value), f"{where}: {value!r} is not Athena's text"
    moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc)
    return millis(moment)


def json_objects(out: Path) -> dict[str, list[tuple]]:
    """Every JSON lake object under out/tables, keyed `<table>/<partition>/<stem>`, its rows as tuples of COLUMNS."""
    objects = {}
    for path in sorted((out / "tables").rglob("*")):
        if path.is_dir():
            continue
        assert path.name.endswith(".json.gz"), f"{path}: a JSON lake object ends .json.gz"
        rows = []
        for number, text in enumerate(gzip.decompress(path.read_bytes()).decode("utf-8").splitlines(), 1):
            row = json.loads(text)
            assert list(row) == [name for name, _ in COLUMNS], f"{path}:{number}: not the table's columns, in order"
            rows.append(tuple(json_value(row[name], glue, f"{path}:{number}") for name, glue in COLUMNS))
        objects[path.relative_to(out / "tables").as_posix().removesuffix(".json.gz")] = rows
    return objects


def parquet_files(out: Path) -> dict[str, Path]:
    files = {}
    for path in sorted((out / "tables").rglob("*")):
        if path.is_file():
            assert path.suffix == ".parquet", f"{path}: a Parquet lake object ends .parquet"
            files[path.relative_to(out / "tables").as_posix().removesuffix(".parquet")] = path
    return files


def comparable(value, glue: str):
    """A value read from Parquet as json_value gives it."""
    if value is None:
        return None
    if glue == "timestamp":
        return millis(value) if isinstance(value, datetime.datetime) else int(value)
    return value


def read_pyarrow(path: Path) -> list[tuple]:
    table = pq.read_table(path)
    assert table.schema == pa.schema([pa.field(n, ARROW_TYPES[g]) for n, g in COLUMNS]), f"{path}: {table.schema}"
    return [tuple(comparable(row[n], g) for n, g in COLUMNS) for row in table.to_pylist()]


def read_duckdb(path: Path) -> list[tuple]:
    select = ", ".join(f'epoch_ms("{n}")' if g == "timestamp" else f'"{n}"' for n, g in COLUMNS)
    with duckdb.connect() as connection:
        connection.execute("SET threads = 1")  # one scan thread: the file's row order
        return connection.execute(f"SELECT {select} FROM read_parquet(?)", [str(path)]).fetchall()


def read_spark(session, files: dict[str, Path], vectorized: bool) -> dict[str, list[tuple]]:
    """Every file read in one Spark scan, rows grouped by file in their order (a plain scan keeps it)."""
    from pyspark.sql.functions import input_file_name

    session.conf.set("spark.sql.parquet.enableVectorizedReader", "true" if vectorized else "false")
    try:
        frame = session.read.parquet(*(str(path) for path in files.values()))
        columns = [{"name": n, "type": g} for n, g in COLUMNS]
        rows = frame.selectExpr(*select_list(columns)).withColumn("_file", input_file_name()).collect()
    finally:
        session.conf.unset("spark.sql.parquet.enableVectorizedReader")
    by_path = {str(path): key for key, path in files.items()}
    grouped: dict[str, list[tuple]] = {key: [] for key in files}
    for row in rows:
        grouped[by_path[urllib.parse.unquote(urllib.parse.urlparse(row["_file"]).path)]].append(
            tuple(row[n] for n, _ in COLUMNS))
    return grouped


# --- Statistics ----------------------------------------------------------------------------------------------


def _boundary(data: bytes) -> int:
    cut = MAXIMUM_STRING_BOUND_BYTES
    while cut > 0 and data[cut] & 0xC0 == 0x80:
        cut -= 1
    return cut


def string_lower_bound(data: bytes) -> bytes:
    return data if len(data) <= MAXIMUM_STRING_BOUND_BYTES else data[: _boundary(data)]


def string_upper_bound(data: bytes) -> bytes | None:
    if len(data) <= MAXIMUM_STRING_BOUND_BYTES:
        return data
    characters = list(data[: _boundary(data)].decode("utf-8"))
    while characters:
        following = ord(characters.pop()) + 1
        following = 0xE000 if following == 0xD800 else following
        if following <= 0x10FFFF:
            return ("".join(characters) + chr(following)).encode("utf-8")
    return None


def expected_statistics(values: list, glue: str) -> tuple[int, object, object]:
    """(null count, min, max) the writer means for a column chunk of `values`; min and max None when it writes none."""
    present = [v for v in values if v is not None]
    nulls = len(values) - len(present)
    if not present:
        return nulls, None, None
    if glue == "string":
        encoded = [v.encode("utf-8") for v in present]
        high = string_upper_bound(max(encoded))
        return (nulls, string_lower_bound(min(encoded)), high) if high is not None else (nulls, None, None)
    return nulls, min(present), max(present)


# --- The tests -----------------------------------------------------------------------------------------------


def pairs(runs: Runs, name: str, codec: str) -> tuple[Path, dict, Path, dict]:
    json_out, json_summary = runs.output(name, "json", None)
    parquet_out, parquet_summary = runs.output(name, "parquet", codec)
    return json_out, json_summary, parquet_out, parquet_summary


def test_the_inputs_span_partitions_row_groups_encodings_and_quarantine(runs: Runs) -> None:
    """Guards the inputs: a round trip over one partition, one row group, dictionary pages only and no quarantine
    would prove little."""
    for name in INPUTS:
        json_out, summary = runs.output(name, "json", None)
        partitions = {key.split("/")[1] for key in json_objects(json_out)}
        assert len(partitions) >= (1 if name == ROW_GROUPS_INPUT else 3), (name, partitions)
        assert summary["rows"] > 0 and summary["quarantined"] >= 2, (name, summary)
    parquet_out, _ = runs.output(ROW_GROUPS_INPUT, "parquet", "snappy")
    metadata = [pq.ParquetFile(path).metadata for path in parquet_files(parquet_out).values()]
    assert max(m.num_row_groups for m in metadata) >= 2, "no file of several row groups"
    plain_only = {
        m.row_group(g).column(c).path_in_schema for m in metadata for g in range(m.num_row_groups)
        for c in range(m.num_columns) if "RLE_DICTIONARY" not in m.row_group(g).column(c).encodings
    }  # fmt: skip
    assert plain_only, "no column chunk fell back to PLAIN pages"


@pytest.mark.parametrize("name, codec", CASES)
def test_the_same_partitions_objects_counts_and_quarantine(runs: Runs, name: str, codec: str) -> None:
    json_out, json_summary, parquet_out, parquet_summary = pairs(runs, name, codec)
    assert sorted(json_objects(json_out)) == sorted(parquet_files(parquet_out)), "other partitions or stems"
    same = ("lines", "rows", "quarantined", "bytes_in", "damaged", "damage")
    assert {k: parquet_summary[k] for k in same} == {k: json_summary[k] for k in same}
    assert json_summary["lines"] == json_summary["rows"] + json_summary["quarantined"], json_summary
    json_quarantine = sorted(p.relative_to(json_out) for p in (json_out / "quarantine").rglob("*") if p.is_file())
    parquet_quarantine = sorted(
        p.relative_to(parquet_out) for p in (parquet_out / "quarantine").rglob("*") if p.is_file())
    assert json_quarantine == parquet_quarantine and json_quarantine, json_quarantine
    for relative in json_quarantine:
        assert relative.name.endswith(".json.gz"), relative
        data = (parquet_out / relative).read_bytes()
        assert data == (json_out / relative).read_bytes(), f"{relative} differs between the JSON and Parquet runs"
        records = [json.loads(text) for text in gzip.decompress(data).splitlines()]
        assert len(records) == json_summary["quarantined"], records


@pytest.mark.parametrize("name, codec", CASES)
def test_pyarrow_and_duckdb_read_the_json_rows_and_the_statistics_meant(runs: Runs, name: str, codec: str) -> None:
    json_out, _, parquet_out, _ = pairs(runs, name, codec)
    expected = json_objects(json_out)
    for key, path in parquet_files(parquet_out).items():
        want = expected[key]
        for reader, got in (("pyarrow", read_pyarrow(path)), ("DuckDB", read_duckdb(path))):
            assert len(got) == len(want), f"{key}: {reader} read {len(got)} rows of {len(want)}"
            for number, (got_row, want_row) in enumerate(zip(got, want), 1):
                assert got_row == want_row, f"{key}, row {number}, {reader}: {got_row} != the JSON's {want_row}"

        metadata = pq.ParquetFile(path).metadata
        assert metadata.created_by.startswith("sluice version "), metadata.created_by
        first = 0
        for group in range(metadata.num_row_groups):
            row_group = metadata.row_group(group)
            rows = want[first : first + row_group.num_rows]
            first += row_group.num_rows
            for index, (column, glue) in enumerate(COLUMNS):
                chunk = row_group.column(index)
                where = f"{key}, row group {group}, {column}"
                assert chunk.path_in_schema == column and chunk.compression == codec.upper(), where
                nulls, low, high = expected_statistics([row[index] for row in rows], glue)
                statistics = chunk.statistics
                assert statistics is not None and statistics.null_count == nulls, where
                assert statistics.has_min_max == (low is not None), where
                if low is not None:
                    assert (statistics.min_raw, statistics.max_raw) == (low, high), where
        assert first == len(want), f"{key}: the row groups hold {first} rows of {len(want)}"


@pytest.mark.spark
@pytest.mark.parametrize("name, codec", CASES)
def test_spark_reads_the_json_rows_per_file_and_through_the_glue_table(
    spark, runs: Runs, name: str, codec: str  # noqa: F811
) -> None:
    json_out, _, parquet_out, _ = pairs(runs, name, codec)
    expected = json_objects(json_out)
    files = parquet_files(parquet_out)
    for reader, vectorized in (("Spark (vectorized)", True), ("Spark (parquet-java records)", False)):
        for key, got in read_spark(spark, files, vectorized).items():
            assert got == expected[key], f"{key}: {reader} read other rows than the JSON object holds"

    database = resolve(TABLE.body["database_name"], TABLE.stack, RESOURCES)
    partitions, rows = read_lake_table(spark, TABLE, database, parquet_out)
    assert partitions == sorted({key.split("/")[1] for key in expected}), "MSCK REPAIR found other partitions"
    names = [n for n, _ in COLUMNS + KEYS]
    got = sorted((tuple(row[n] for n in names) for row in rows), key=repr)
    want = []
    for key, object_rows in expected.items():
        partition = dict(part.split("=", 1) for part in key.split("/")[1:-1])
        want += [row + tuple(partition[k] for k, _ in KEYS) for row in object_rows]
    assert got == sorted(want, key=repr), "the Hive table over the Parquet lake returns other rows than the JSON lake"


def test_the_default_output_is_the_manifests_parquet_with_snappy(runs: Runs) -> None:
    """No --output-format: the manifest's lake format (parquet, SNAPPY by default), the same bytes as asked for."""
    default_out, _ = runs.output("edge-lines", "default", None)
    asked_out, _ = runs.output("edge-lines", "parquet", "snappy")
    files = parquet_files(default_out)
    assert files and sorted(files) == sorted(parquet_files(asked_out))
    for key, path in files.items():
        assert path.read_bytes() == (asked_out / "tables" / f"{key}.parquet").read_bytes(), key

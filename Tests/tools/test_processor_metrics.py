"""The processor's metrics record against AWS's Embedded Metric Format specification.

`sluice process` runs the example's processor on a sample object (and on the same object with junk after it, which
the processor reads with damage); the metrics record it writes, the first line of stderr, must:
- validate with check-jsonschema against Tests/tools/fixtures/emf/emf-schema.json, a schema written from the
  specification (its `$comment` names the page and the rules);
- pass the checks the schema cannot express (emflib.semantic_problems): every metric and dimension a directive
  names is a root member, metric values are numbers, dimension values strings CloudWatch accepts, the timestamp
  in milliseconds;
- carry what the catalog says (namespace Sluice, dimensions Pipeline and Table, each metric once with its unit) and
  the same counts as the run's summary on stdout.
Mutated records (a missing member, a bad unit, a timestamp in seconds...) fail, so neither check passes everything.
And the generated function lets the record through: Lambda's log-level filtering counts a JSON line without a
`level` as INFO, so an application log level above INFO would drop every record.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

import emflib
from toolslib import describe, run, terraform_resources

TOOL_TIMEOUT = 120  # seconds, per check-jsonschema run
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"  # installed next to pytest (.venv-tools)
DAMAGED_EXIT = 3
# The catalog, as SluiceFormats.ProcessorMetric declares it (Sources/SluiceFormats/ProcessorMetric.swift).
CATALOG = {
    "Lines": "Count", "Rows": "Count", "Quarantined": "Count", "BytesIn": "Bytes", "BytesOut": "Bytes",
    "LookupQueries": "Count", "DamagedObjects": "Count", "Objects": "Count", "Duration": "Milliseconds",
}  # fmt: skip
# The run summary's field behind each metric that has one.
SUMMARY_FIELDS = {
    "Lines": "lines", "Rows": "rows", "Quarantined": "quarantined", "BytesIn": "bytes_in", "BytesOut": "bytes_out",
}  # fmt: skip


@pytest.fixture(scope="module")
def runs(sluice_bin: Path, repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, emflib.ProcessRun]:
    return emflib.clean_and_damaged(sluice_bin, repo_root, tmp_path_factory.mktemp("emf"))


def check_jsonschema(*instances: Path, cwd: Path):
    if not CHECK_JSONSCHEMA.is_file():
        pytest.fail(f"{CHECK_JSONSCHEMA} is missing: run scripts/tools.sh", pytrace=False)
    return run([str(CHECK_JSONSCHEMA), "--schemafile", str(emflib.SCHEMA), *map(str, instances)], cwd=cwd,
               timeout=TOOL_TIMEOUT)  # fmt: skip


def test_the_runs_end_as_expected(runs):
    assert runs["clean"].result.returncode == 0, describe(runs["clean"].result)
    assert runs["damaged"].result.returncode == DAMAGED_EXIT, describe(runs["damaged"].result)
    # The record comes first on stderr, the damage message after it.
    assert runs["damaged"].result.stderr.splitlines()[1].startswith("error: "), runs["damaged"].result.stderr


def test_the_records_validate_against_the_schema(runs, tmp_path: Path):
    files = []
    for name, processed in runs.items():
        path = tmp_path / f"{name}.json"
        path.write_text(processed.line, encoding="utf-8")
        files.append(path)
    result = check_jsonschema(*files, cwd=tmp_path)
    assert result.returncode == 0, describe(result)


@pytest.mark.parametrize("name", ["clean", "damaged"])
def test_the_records_pass_the_checks_the_schema_cannot_express(runs, name: str):
    assert emflib.semantic_problems(runs[name].record, now_ms=emflib.now_ms()) == []


@pytest.mark.parametrize("name", ["clean", "damaged"])
def test_the_record_carries_the_catalog_and_the_run(runs, name: str):
    processed = runs[name]
    record = processed.record
    directives = record["_aws"]["CloudWatchMetrics"]
    assert len(directives) == 1
    directive = directives[0]
    assert directive["Namespace"] == "Sluice"
    assert directive["Dimensions"] == [["Pipeline", "Table"]]
    assert {metric["Name"]: metric["Unit"] for metric in directive["Metrics"]} == CATALOG
    assert len(directive["Metrics"]) == len(CATALOG)
    assert record["Pipeline"] == emflib.PIPELINE and record["Table"] == "integration_requests"
    summary = json.loads(processed.result.stdout)
    for metric, field in SUMMARY_FIELDS.items():
        assert record[metric] == summary[field], (metric, record, summary)
    assert record["Objects"] == 1 and record["DamagedObjects"] == (1 if name == "damaged" else 0)
    assert record["LookupQueries"] >= 1, "the example enriches rows through lookups: a cold run queries"
    assert isinstance(record["Duration"], int) and record["Duration"] >= 0
    assert record["Object"].endswith(".gz") and record["Status"] == ("damaged" if name == "damaged" else "processed")
    assert "RequestId" not in record, "a local run has no request id"
    assert len(processed.line.encode()) < 1024, "the record stays small"


# Mutations of the clean record that the schema refuses (each breaks one MUST it states).
SCHEMA_MUTATIONS = {
    "a unit that is not CloudWatch's": lambda r: r["_aws"]["CloudWatchMetrics"][0]["Metrics"][0].update(Unit="Rows"),
    "a fractional timestamp": lambda r: r["_aws"].update(Timestamp=r["_aws"]["Timestamp"] / 1000),
    "no timestamp": lambda r: r["_aws"].pop("Timestamp"),
    "no namespace": lambda r: r["_aws"]["CloudWatchMetrics"][0].pop("Namespace"),
    "a dimension set of 31": lambda r: r["_aws"]["CloudWatchMetrics"][0].update(
        Dimensions=[[f"D{index}" for index in range(31)]]
    ),
    "101 metrics": lambda r: r["_aws"]["CloudWatchMetrics"][0].update(Metrics=[{"Name": "Rows"}] * 101),
    "a storage resolution of 30": lambda r: r["_aws"]["CloudWatchMetrics"][0]["Metrics"][0].update(
        StorageResolution=30
    ),
    "a member the specification does not define": lambda r: r["_aws"]["CloudWatchMetrics"][0].update(Region="x"),
    "dimensions as strings": lambda r: r["_aws"]["CloudWatchMetrics"][0].update(Dimensions=["Pipeline", "Table"]),
}


@pytest.mark.parametrize("mutation", SCHEMA_MUTATIONS)
def test_the_schema_refuses_a_mutated_record(runs, tmp_path: Path, mutation: str):
    record = copy.deepcopy(runs["clean"].record)
    SCHEMA_MUTATIONS[mutation](record)
    path = tmp_path / "mutated.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = check_jsonschema(path, cwd=tmp_path)
    assert result.returncode == 1, describe(result)


# Mutations the schema lets through and the semantic check refuses, with what it must say.
SEMANTIC_MUTATIONS = {
    "a missing metric member": (lambda r: r.pop("Rows"), "metric 'Rows' is not a member of the root"),
    "a missing dimension member": (lambda r: r.pop("Table"), "dimension 'Table' is not a member of the root"),
    "a metric as a string": (lambda r: r.update(Rows="40"), "metric 'Rows' is '40', not a number"),
    "a metric as a boolean": (lambda r: r.update(DamagedObjects=True), "metric 'DamagedObjects' is True"),
    "a dimension as a number": (lambda r: r.update(Pipeline=7), "dimension 'Pipeline' is int, not a string"),
    "a non-ASCII dimension value": (lambda r: r.update(Table="tablé"), "dimension 'Table' 'tablé' is not printable"),
    "a timestamp in seconds": (
        lambda r: r["_aws"].update(Timestamp=r["_aws"]["Timestamp"] // 1000),
        "is not milliseconds near now",
    ),
    "a metric named twice": (
        lambda r: r["_aws"]["CloudWatchMetrics"][0]["Metrics"].append({"Name": "Rows", "Unit": "Count"}),
        "metric 'Rows' is named more than once",
    ),
}


@pytest.mark.parametrize("mutation", SEMANTIC_MUTATIONS)
def test_the_semantic_check_refuses_a_mutated_record(runs, mutation: str):
    record = copy.deepcopy(runs["clean"].record)
    change, expected = SEMANTIC_MUTATIONS[mutation]
    change(record)
    found = emflib.semantic_problems(record, now_ms=emflib.now_ms())
    assert any(expected in problem for problem in found), found


def test_a_mutation_the_semantic_check_refuses_passes_the_schema(runs, tmp_path: Path):
    """The two checks are complementary: a record missing a metric's member is valid JSON Schema-wise."""
    record = copy.deepcopy(runs["clean"].record)
    record.pop("Rows")
    path = tmp_path / "missing.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert check_jsonschema(path, cwd=tmp_path).returncode == 0
    assert emflib.semantic_problems(record)


# Application log levels at which Lambda keeps a JSON line without `level` (Lambda counts it INFO).
LEVELS_KEEPING_INFO = {"TRACE", "DEBUG", "INFO"}


def test_the_generated_function_keeps_the_records():
    functions = [resource for resource in terraform_resources() if resource.type == "aws_lambda_function"]
    assert functions, "no generated aws_lambda_function"
    for function in functions:
        config = function.body.get("logging_config") or {}
        config = config[0] if isinstance(config, list) else config
        level = config.get("application_log_level", "INFO")
        assert level in LEVELS_KEEPING_INFO, f"{function.address}: application_log_level {level} drops the metrics"

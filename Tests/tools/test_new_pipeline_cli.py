"""`sluice new pipeline` on a copy of the example's pipelines/: what it writes, what it detects from a sample (lines,
or a Firehose object of lines or of CloudWatch Logs documents), and what it refuses, leaving nothing written."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

SAMPLE = REPO_ROOT / "Tests" / "tools" / "fixtures" / "new-pipeline" / "haproxy.log"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO_ROOT / "pipelines", project / "pipelines")
    return project


def new(sluice_bin: Path, root: Path, *args: str):
    return run([str(sluice_bin), "new", "pipeline", *args, "--root", str(root)], cwd=root, timeout=120)


def written(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_a_manifest_from_a_sample_of_lines_validates_and_generates(sluice_bin: Path, root: Path):
    result = new(sluice_bin, root, "edge", "--from-log", str(SAMPLE), "--views", "--dataset")
    assert result.returncode == 0, describe(result)
    assert "detected haproxy-http: 60 of 60 sample lines parsed (a file of log lines)" in result.stdout
    manifest = (root / "pipelines" / "edge.yaml").read_text()
    assert "\nsource:\n  account: production\n  log_group: /edge\n  format: haproxy-http\n" in manifest
    assert "\nreplication:\n  account: analytics\n" in manifest
    assert (root / "pipelines" / "views" / "edge_daily.sql").is_file()
    generated = run([str(sluice_bin), "generate", "--root", str(root)], cwd=root, timeout=300)
    assert generated.returncode == 0, describe(generated)
    assert (root / "Sources" / "Processors" / "Edge" / "main.swift").is_file()


def firehose_documents(lines: list[str]) -> bytes:
    """A raw-delivery object: one gzip member per CloudWatch Logs document."""
    document = {
        "messageType": "DATA_MESSAGE", "owner": "111111111111", "logGroup": "/edge", "logStream": "i-1",
        "subscriptionFilters": ["edge"],
        "logEvents": [{"id": str(index), "timestamp": 1772409600000 + index, "message": line}
                      for index, line in enumerate(lines)],
    }  # fmt: skip
    return gzip.compress(json.dumps(document).encode())


@pytest.mark.parametrize("shape", ["lines", "documents"])
def test_a_firehose_object_is_read_by_the_processors_reader(sluice_bin: Path, root: Path, tmp_path: Path, shape):
    lines = SAMPLE.read_text().splitlines()[:10]
    source = tmp_path / "object.gz"
    if shape == "lines":
        source.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    else:
        source.write_bytes(firehose_documents(lines))
    result = new(sluice_bin, root, "edge", "--from-log", str(source))
    assert result.returncode == 0, describe(result)
    kind = "log lines" if shape == "lines" else "CloudWatch Logs documents"
    assert f"detected haproxy-http: 10 of 10 sample lines parsed (a Firehose object of {kind})" in result.stdout


def test_alert_email_makes_the_alarms_notify_someone_and_a_bad_address_writes_nothing(sluice_bin: Path, root: Path):
    result = new(sluice_bin, root, "edge", "--format", "haproxy-http")
    assert result.returncode == 0, describe(result)
    assert "note: its alarms notify no one" in result.stdout, describe(result)
    assert "\n# alerts:\n#   email: [you@example.com]\n" in (root / "pipelines" / "edge.yaml").read_text()
    (root / "pipelines" / "edge.yaml").unlink()

    result = new(sluice_bin, root, "edge", "--format", "haproxy-http", "--alert-email", "#oncall@example.com")
    assert result.returncode == 0, describe(result)
    assert "notify no one" not in result.stdout, describe(result)
    validated = run([str(sluice_bin), "validate", "--root", str(root)], cwd=root, timeout=120)
    assert validated.returncode == 0, describe(validated)
    assert "'edge' declares no 'alerts'" not in validated.stderr + validated.stdout, describe(validated)
    (root / "pipelines" / "edge.yaml").unlink()

    before = written(root)
    result = new(sluice_bin, root, "edge", "--format", "haproxy-http", "--alert-email", "on call@example.com")
    assert result.returncode == 1
    assert "'on call@example.com' is not an email address" in result.stderr, describe(result)
    assert written(root) == before


def test_it_never_overwrites(sluice_bin: Path, root: Path):
    manifest = root / "pipelines" / "edge.yaml"
    manifest.write_text("# mine\n")
    result = new(sluice_bin, root, "edge", "--format", "haproxy-http")
    assert result.returncode == 1
    assert "pipelines/edge.yaml exists; sluice never overwrites it" in result.stderr, describe(result)
    assert manifest.read_text() == "# mine\n"


@pytest.mark.parametrize(
    "name, message",
    [
        ("Edge_Logs", "a pipeline name 'Edge_Logs' must start with a lowercase letter"),
        ("sluice-model", "'sluice-model' would name the processor's Swift target SluiceModel"),
        ("integrations-usage", "pipelines/integrations-usage.yaml exists; sluice never overwrites it"),
    ],
)
def test_a_name_that_cannot_be_used_is_refused_clearly(sluice_bin: Path, root: Path, name: str, message: str):
    before = written(root)
    result = new(sluice_bin, root, name, "--format", "haproxy-http")
    assert result.returncode == 1
    assert f"error: {message}" in result.stderr, describe(result)
    assert written(root) == before


def test_a_manifest_the_project_refuses_is_removed_again(sluice_bin: Path, root: Path):
    before = written(root)
    # Its processor takes the example's processor's name.
    result = new(sluice_bin, root, "integration-enricher", "--format", "haproxy-http")
    assert result.returncode == 1
    assert "collides with processor 'integration-enricher'" in result.stderr, describe(result)
    assert "nothing was written" in result.stderr
    assert written(root) == before


def test_a_hostile_log_group_is_refused_by_its_rule_not_by_broken_yaml(sluice_bin: Path, root: Path):
    result = new(sluice_bin, root, "edge", "--format", "haproxy-http", "--log-group", '/a"b: c #d\n- e')
    assert result.returncode == 1
    assert "log group" in result.stderr and "YAML" not in result.stderr, describe(result)
    assert not (root / "pipelines" / "edge.yaml").exists()


def test_a_sample_no_format_parses_is_refused_with_each_formats_error(sluice_bin: Path, root: Path, tmp_path: Path):
    sample = tmp_path / "other.log"
    sample.write_text("this is not a log line\nnor this\n")
    result = new(sluice_bin, root, "edge", "--from-log", str(sample))
    assert result.returncode == 1
    assert "no line of" in result.stderr and "parses as any known format" in result.stderr, describe(result)
    for name in ("haproxy-http", "haproxy-clf"):
        assert f"\n  {name}: " in result.stderr
    assert not (root / "pipelines" / "edge.yaml").exists()


def test_hostile_sample_values_in_comments_leave_the_manifest_valid(sluice_bin: Path, root: Path, tmp_path: Path):
    line = SAMPLE.read_text().splitlines()[0]
    start = line.index('"GET ') + 5
    end = line.index(" HTTP/1.1")
    hostile = "/a: b #c\u2028- {d}\u0085'e\\x"
    sample = tmp_path / "hostile.log"
    sample.write_text(line[:start] + hostile + line[end:] + "\n", encoding="utf-8")
    result = new(sluice_bin, root, "edge", "--from-log", str(sample))
    assert result.returncode == 0, describe(result)
    manifest = (root / "pipelines" / "edge.yaml").read_text(encoding="utf-8")
    assert '# e.g. "/a: b #c\\u2028- {d}\\u0085\'e\\\\x"' in manifest, manifest
    validated = run([str(sluice_bin), "validate", "--root", str(root)], cwd=root, timeout=120)
    assert validated.returncode == 0, describe(validated)


def test_a_name_too_long_for_the_derived_aws_names_is_refused_saying_so(sluice_bin: Path, root: Path):
    before = written(root)
    result = new(sluice_bin, root, "a-pipeline-name-far-too-long-xyz", "--format", "haproxy-http")
    assert result.returncode == 1
    assert "the Lambda function name 'acme-a-pipeline-name-far-too-long-xyz-a-pipeline" in result.stderr
    assert "a shorter NAME keeps the names derived from it within AWS's limits" in result.stderr, describe(result)
    assert written(root) == before


def test_json_without_a_sample_is_refused_clearly_not_by_a_manifest_that_cannot_validate(sluice_bin: Path, root: Path):
    # Review: it wrote a manifest with no timestamp column and no event_time, then failed its validation.
    before = written(root)
    result = new(sluice_bin, root, "edge", "--format", "json")
    assert result.returncode == 1
    assert "the json format proposes columns from a sample only: give --from-log FILE" in result.stderr, describe(
        result)
    assert "would not validate" not in result.stderr
    assert written(root) == before


def test_an_api_gateway_json_sample_with_only_an_epoch_time_gives_a_manifest_that_generates(
    sluice_bin: Path, root: Path, tmp_path: Path
):
    # Review: API Gateway's access logs hold their time as text `requestTime` (not RFC 3339) and epoch milliseconds
    # `requestTimeEpoch`: no timestamp column was proposed, so the manifest could not validate and nothing was written.
    sample = tmp_path / "api.log"
    sample.write_text(
        '{"requestId":"Q1","ip":"203.0.113.9","requestTime":"02/Jan/2024:03:04:05 +0000",'
        '"requestTimeEpoch":1704164645678,"httpMethod":"GET","status":"200"}\n'
    )
    result = new(sluice_bin, root, "api", "--from-log", str(sample))
    assert result.returncode == 0, describe(result)
    manifest = (root / "pipelines" / "api.yaml").read_text()
    assert "event_time: request_time_epoch\n" in manifest, manifest
    assert "- { name: request_time_epoch, type: timestamp, from: \"requestTimeEpoch\" }" in manifest
    generated = run([str(sluice_bin), "generate", "--root", str(root)], cwd=root, timeout=300)
    assert generated.returncode == 0, describe(generated)


def test_hostile_json_keys_and_values_read_back_as_logged(sluice_bin: Path, root: Path, tmp_path: Path):
    import yaml

    record = {
        "time": "2024-01-02T03:04:05+14:00", "&anchor": "!tag", "*alias": "yes", "-dash": "? q", "%pct": "@at",
        "`tick": "null", "key: colon #x": "v: w # c\nd", "ls\u2028key": "a\u2028b\u0085c", 'q"k\\': "x",
        "a.b": 1, "A.b": 2, "deep": {"x": {"y": {"z": {"w": "v"}}}}, "big": 123456789012345678901234567890,
        **{f"k{index}": index for index in range(200)},
    }  # fmt: skip
    sample = tmp_path / "hostile.log"
    sample.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = new(sluice_bin, root, "edge", "--from-log", str(sample))
    assert result.returncode == 0, describe(result)
    manifest = yaml.safe_load((root / "pipelines" / "edge.yaml").read_text(encoding="utf-8"))
    columns = {column["name"]: column for column in manifest["processor"]["output"]["columns"]}
    expected = {
        "anchor": "&anchor", "alias": "*alias", "dash": "-dash", "pct": "%pct", "tick": "`tick",
        "key_colon_x": '["key: colon #x"]', "ls_key": "ls\u2028key", "q_k": '["q\\"k\\\\"]', "a_b": '["a.b"]',
        "a_b_2": '["A.b"]', "deep_x_y_z_w": "deep.x.y.z.w",
    }  # fmt: skip
    assert {name: columns[name].get("from") for name in expected} == expected
    # Past 64 bits: text, its digits kept; only the 99 most frequent leaves are proposed, then the flag.
    assert columns["big"]["type"] == "string"
    assert len(columns) == 100 and columns["truncated"]["from"] == "$truncated"
    assert manifest["processor"]["output"]["event_time"] == "time"
    generated = run([str(sluice_bin), "generate", "--root", str(root)], cwd=root, timeout=300)
    assert generated.returncode == 0, describe(generated)


def test_a_json_sample_holding_no_time_is_refused_saying_so(sluice_bin: Path, root: Path, tmp_path: Path):
    # Review: the refusal was the validation error of a manifest already removed again.
    before = written(root)
    sample = tmp_path / "no-time.log"
    sample.write_text('{"level":"info","bytes":512,"when":"yesterday"}\n')
    result = new(sluice_bin, root, "edge", "--from-log", str(sample))
    assert result.returncode == 1
    assert "reads as a time: json records carry no time of their own" in result.stderr, describe(result)
    assert "would not validate" not in result.stderr
    assert written(root) == before


def test_a_sample_is_read_from_its_head_so_a_pipe_or_an_endless_log_works(sluice_bin: Path, root: Path):
    # Review: the whole file was read (a log of gigabytes: seconds, and memory twice its size), and a pipe
    # (`--from-log <(zcat access.log.gz)`) was refused: "cannot read /dev/fd/63".
    line = '{"time":"2024-01-02T03:04:05Z","status":200}'
    script = '"$0" new pipeline edge --from-log <(yes "$1") --root "$2"'
    result = run(["bash", "-c", script, str(sluice_bin), line, str(root)], cwd=root, timeout=120)
    assert result.returncode == 0, describe(result)
    assert "detected json: 1000 of 1000 sample lines parsed (a file of log lines)" in result.stdout


def test_a_firehose_object_of_control_messages_only_is_refused_saying_so(sluice_bin: Path, root: Path, tmp_path: Path):
    # Review: its documents were read as JSON log lines, and the refusal was about their having no time.
    control = {
        "messageType": "CONTROL_MESSAGE", "owner": "CloudwatchLogs", "logGroup": "", "logStream": "",
        "subscriptionFilters": [],
        "logEvents": [{"id": "", "timestamp": 1772409600000, "message": "CWL CONTROL MESSAGE: Checking health"}],
    }  # fmt: skip
    source = tmp_path / "object.gz"
    source.write_bytes(gzip.compress(json.dumps(control, separators=(",", ":")).encode()))
    result = new(sluice_bin, root, "edge", "--from-log", str(source))
    assert result.returncode == 1
    assert "holding no log event (only control messages)" in result.stderr, describe(result)
    empty = tmp_path / "empty.gz"
    empty.write_bytes(gzip.compress(b""))
    result = new(sluice_bin, root, "edge", "--from-log", str(empty))
    assert result.returncode == 1 and "holds no log lines" in result.stderr, describe(result)

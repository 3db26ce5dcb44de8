"""`sluice sample`: a deterministic synthetic Firehose object of a pipeline's HAProxy traffic."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

PIPELINE = "integrations-usage"
LINES = 20_000


def sample(
    sluice_bin: Path, root: Path, output: Path, *extra: str, pipeline: str = PIPELINE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(sluice_bin), "sample", "--root", str(root), "--pipeline", pipeline, "--output", str(output), *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )


def parse(sluice_bin: Path, format: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(sluice_bin), "logs", "parse", "--format", format], input=data, capture_output=True, timeout=300
    )


def summary_of(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    return json.loads(line)


@pytest.fixture(scope="module")
def extracted(sluice_bin: Path, repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The example pipeline's sample (extracted delivery, httplog): the object and its summary."""
    output = tmp_path_factory.mktemp("sample") / "object.gz"
    return output, summary_of(sample(sluice_bin, repo_root, output, "--lines", str(LINES), "--seed", "42"))


def test_the_same_seed_writes_the_same_file(sluice_bin, repo_root, tmp_path, extracted):
    first, summary = extracted
    again = tmp_path / "again.gz"
    assert summary_of(sample(sluice_bin, repo_root, again, "--lines", str(LINES), "--seed", "42")) == {
        **summary,
        "output": str(again),
    }
    assert again.read_bytes() == first.read_bytes()
    other = tmp_path / "other.gz"
    summary_of(sample(sluice_bin, repo_root, other, "--lines", str(LINES), "--seed", "43"))
    assert other.read_bytes() != first.read_bytes()
    # Nothing but the outputs: the temporary file was renamed.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.gz", "other.gz"]


def test_the_object_holds_the_lines_and_only_the_malformed_ones_fail(sluice_bin, extracted):
    output, summary = extracted
    assert summary["lines"] == LINES and summary["object_format"] == "lines"
    assert summary["bytes"] == output.stat().st_size
    data = gzip.decompress(output.read_bytes())
    assert len(data) == summary["uncompressed_bytes"]
    assert data.endswith(b"\n") and data.count(b"\n") == LINES

    result = parse(sluice_bin, "haproxy-http", data)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == LINES
    failures = [row for row in rows if "error" in row]
    # About one line in 2,000 is malformed, on purpose, and nothing else fails.
    assert len(failures) == summary["malformed"]
    assert 0 < len(failures) <= LINES * 3 / 2000
    assert result.returncode == 1
    assert f"{len(failures)} of {LINES} lines did not parse".encode() in result.stderr
    records = [row for row in rows if "error" not in row]
    # Long GETs cut at HAProxy's 1024 bytes keep their rows, flagged.
    assert sum(1 for row in records if row["truncated"]) == summary["truncated"]
    integrations = [row for row in records if "/integrations/int-" in (row["path"] or "")]
    assert len(integrations) > 0.85 * len(records)


def test_raw_delivery_writes_cloudwatch_documents_and_a_directory(sluice_bin, repo_root, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(repo_root / "pipelines", root / "pipelines")
    manifest = root / "pipelines" / f"{PIPELINE}.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("mode: extracted", "mode: raw").replace("format: haproxy-http", "format: haproxy-clf")
    manifest.write_text(text, encoding="utf-8")
    output = tmp_path / "raw.gz"
    directory = tmp_path / "directory.json"
    summary = summary_of(sample(sluice_bin, root, output, "--lines", "5000", "--directory-output", str(directory)))
    assert summary["object_format"] == "cloudwatch-documents" and summary["log_format"] == "haproxy-clf"

    # Python's gzip reads every member; the documents follow each other with no delimiter.
    data = gzip.decompress(output.read_bytes()).decode("utf-8")
    decoder = json.JSONDecoder()
    documents, position = [], 0
    while position < len(data):
        document, position = decoder.raw_decode(data, position)
        documents.append(document)
    data_messages = [d for d in documents if d["messageType"] == "DATA_MESSAGE"]
    assert len(data_messages) == summary["documents"] > 1
    assert len(documents) - len(data_messages) == summary["control_messages"]
    first = data_messages[0]
    assert first["owner"] == "111111111111" and first["logGroup"] == "/haproxy/integrations-api"
    assert first["subscriptionFilters"] == ["acme-integrations-usage"]
    messages = [event["message"] for d in data_messages for event in d["logEvents"]]
    assert len(messages) == 5000
    timestamps = [event["timestamp"] for d in data_messages for event in d["logEvents"]]
    assert timestamps == sorted(timestamps) and timestamps[0] == summary["first_timestamp_ms"]

    result = parse(sluice_bin, "haproxy-clf", ("\n".join(messages) + "\n").encode())
    failures = [json.loads(line) for line in result.stdout.splitlines() if b'"error"' in line]
    assert len(failures) == summary["malformed"]

    tables = json.loads(directory.read_text(encoding="utf-8"))
    assert sorted(tables) == ["directory.accounts", "directory.integrations"]
    assert tables["directory.accounts"][0] == {
        "account_id": "acct-000001",
        "account_name": tables["directory.accounts"][0]["account_name"],
        "account_plan": tables["directory.accounts"][0]["account_plan"],
    }
    assert len(tables["directory.accounts"]) == 200 and len(tables["directory.integrations"]) == 40


def test_an_unknown_pipeline_names_the_known_ones_and_writes_nothing(sluice_bin, repo_root, tmp_path):
    result = sample(sluice_bin, repo_root, tmp_path / "x.gz", "--lines", "10", pipeline="integrations-usag")
    assert result.returncode == 1
    assert "no pipeline named 'integrations-usag'" in result.stderr
    assert "did you mean 'integrations-usage'?" in result.stderr
    assert "the pipelines are: integrations-usage" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_arguments_are_clear_errors(sluice_bin, repo_root, tmp_path):
    result = sample(sluice_bin, repo_root, tmp_path / "x.gz", "--lines", "0")
    assert result.returncode != 0 and "--lines must be at least 1" in result.stderr
    result = sample(sluice_bin, repo_root, tmp_path / "missing" / "x.gz", "--lines", "10")
    assert result.returncode == 1 and "No such file or directory" in result.stderr
    assert list(tmp_path.iterdir()) == []
    # Renaming over anything but a regular file would replace it: a link, a folder, a device.
    target = tmp_path / "target.gz"
    target.write_bytes(b"kept")
    (tmp_path / "link.gz").symlink_to(target)
    result = sample(sluice_bin, repo_root, tmp_path / "link.gz", "--lines", "10")
    assert result.returncode == 1 and "is not a regular file" in result.stderr
    assert (tmp_path / "link.gz").is_symlink() and target.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.gz", "target.gz"]

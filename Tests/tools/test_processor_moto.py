"""The integration-enricher processor, driven as Lambda drives it, against a moto server on 127.0.0.1.

`sluice dev invoke` starts a Lambda Runtime API of our own on 127.0.0.1, runs the processor's executable
against it and hands it an S3 Object Created event. The processor reads the object from moto's S3, runs its
lookups as Athena queries (moto runs no SQL: the answers are queued beforehand through moto's
`/moto-api/static/athena/query-results`, first in, first out), and writes rows and quarantine to the lake
bucket: rows as the pipeline declares its lake (Parquet, read back here with pyarrow), the quarantine as gzipped
NDJSON. Everything happens in the analytics account (222222222222), reached through moto's STS.

moto gaps this test works around, each with its reason:
- Athena runs no SQL, so the lookup answers are queued; the test then checks that the processor asked for
  exactly the keys the object holds by the rows it wrote, not by the query text.
- The buckets are created here by the test, not by `sluice dev up`: the generated lake bucket policy denies
  requests without TLS, and moto enforces a Deny with its Condition ignored, which would block every object
  call (aws-facts: moto gaps). Nothing generated is changed for moto.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from toolslib import REPO_ROOT, describe, queue_athena_results, run

pytestmark = pytest.mark.moto

botocore_session = pytest.importorskip("botocore.session")

ACCOUNT = "222222222222"
REGION = "eu-west-1"
LANDING = "acme-integrations-usage-landing-222222222222"
LAKE = "acme-integrations-usage-lake-222222222222"
WORKGROUP = "acme-integrations-usage"
KEY = "raw/integrations-usage/2024/03/14/09/acme-integrations-usage-1-2024-03-14-09-26-53-a1b2 c3.gz"
STEM = "acme-integrations-usage-1-2024-03-14-09-26-53-a1b2 c3"


def line(account: str, integration: str, *, user: str = "u-000042", status: int = 200, day: str = "14") -> str:
    return (
        f"192.0.2.10:48620 [{day}/Mar/2024:09:26:53.589] api~ integrations/int-3 3/0/1/42/46 {status} 1873 - - ---- "
        f'12/10/3/1/0 0/0 {{{account}.api.example.com|{user}}} "GET /integrations/{integration}/events?limit=20 HTTP/1.1"'
    )


GOOD = [
    line("acct-000001", "int-0001"),
    line("acct-000002", "int-0002", user="", status=404),
    line("acct-000001", "int-0002", day="15"),
]
UNKNOWN_ACCOUNT = line("acct-999999", "int-0001")
NO_INTEGRATION = GOOD[0].replace("/integrations/int-0001/events", "/health")
MALFORMED = "this is not an haproxy line"
# What the lookups answer, in the order the processor runs them: accounts, then integrations (a header row first,
# as Athena answers).
DIRECTORY = (
    [["account_id", "account_name", "account_plan"], ["acct-000001", "Acme", "team"], ["acct-000002", "Beta", None]],
    [["integration_id", "integration_name", "integration_vendor"], ["int-0001", "Slack", "Salesforce"],
     ["int-0002", "Jira", "Atlassian"]],
)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def moto_endpoint():
    moto = REPO_ROOT / ".venv-moto" / "bin" / "moto_server"
    if not moto.exists():
        pytest.fail(f"{moto.relative_to(REPO_ROOT)} does not exist: run scripts/tools.sh", pytrace=False)
    port = free_port()
    server = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("moto_server did not start", pytrace=False)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def client(endpoint: str, service: str, credentials: dict | None = None):
    credentials = credentials or {"AccessKeyId": "testing", "SecretAccessKey": "testing", "SessionToken": None}
    return botocore_session.get_session().create_client(
        service, region_name=REGION, endpoint_url=endpoint,
        aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )  # fmt: skip


@pytest.fixture(scope="module")
def analytics(moto_endpoint):
    """S3 and Athena clients acting as the analytics account, with the buckets and workgroup in place."""
    sts = client(moto_endpoint, "sts")
    role = sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/test", RoleSessionName="test")["Credentials"]
    s3 = client(moto_endpoint, "s3", role)
    for bucket in (LANDING, LAKE):
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    athena = client(moto_endpoint, "athena", role)
    athena.create_work_group(Name=WORKGROUP, Configuration={"ResultConfiguration": {"OutputLocation": "s3://x/"}})
    return {"s3": s3, "athena": athena}




def invoke(sluice_bin: Path, endpoint: str, key: str, *extra: str, env: dict | None = None):
    """`sluice dev invoke` of the example's processor on `key`, against `endpoint`."""
    return run(
        [str(sluice_bin), "dev", "invoke", "--pipeline", "integrations-usage", "--key", key,
         "--endpoint", endpoint, "--root", str(REPO_ROOT), "--timeout", "60", *extra],
        cwd=REPO_ROOT, env=env, timeout=120,
    )  # fmt: skip


def gunzip_lines(data: bytes) -> list[dict]:
    return [json.loads(text) for text in gzip.decompress(data).decode().splitlines()]


def parquet_rows(data: bytes) -> list[dict]:
    """The rows of a Parquet lake object, read by pyarrow: timestamps as aware UTC datetimes, nulls as None. The
    object is written with the pipeline's codec, SNAPPY (the default for Parquet)."""
    metadata = pq.ParquetFile(pa.BufferReader(data)).metadata
    codecs = {metadata.row_group(g).column(c).compression
              for g in range(metadata.num_row_groups) for c in range(metadata.num_columns)}  # fmt: skip
    assert codecs == {"SNAPPY"}, codecs
    table = pq.read_table(pa.BufferReader(data))
    assert table.schema.field("requested_at").type == pa.timestamp("ms", tz="UTC"), table.schema
    return table.to_pylist()


def test_processor_reads_from_s3_looks_up_in_athena_and_writes_rows_and_quarantine(
    sluice_bin: Path, moto_endpoint: str, analytics: dict
):
    executable = sluice_bin.parent / "IntegrationEnricher"
    assert executable.is_file(), f"{executable} is not built: run `swift build`"
    lines = [GOOD[0], MALFORMED, GOOD[1], UNKNOWN_ACCOUNT, NO_INTEGRATION, GOOD[2]]
    body = ("\n".join(lines) + "\n").encode() + b"\xff\xfe not utf-8 \xc3\x28\n"
    analytics["s3"].put_object(Bucket=LANDING, Key=KEY, Body=gzip.compress(body))
    queue_athena_results(moto_endpoint, ACCOUNT, REGION, *DIRECTORY)

    env = dict(os.environ, LOG_LEVEL="debug")
    result = invoke(sluice_bin, moto_endpoint, KEY, env=env)
    assert result.returncode == 0, describe(result)
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["lines"] == 7 and summary["rows"] == 3 and summary["quarantined"] == 4, summary
    # The processor's structured log carries the same counts.
    logged = [json.loads(text) for text in result.stderr.splitlines() if text.startswith("{")]
    processed = [entry for entry in logged if entry.get("message") == "processed"]
    assert processed and processed[0]["rows"] == 3 and processed[0]["pipeline"] == "integrations-usage", result.stderr
    # So does the metrics record Lambda mode writes on the processor's stdout (README: "Processor metrics"), which
    # `dev invoke` passes on; whichever of its streams it lands in, there is one, and it is one line of EMF.
    records = [json.loads(text) for text in (result.stdout + result.stderr).splitlines() if '"_aws"' in text]
    assert len(records) == 1, describe(result)
    assert records[0]["Rows"] == 3 and records[0]["Quarantined"] == 4 and records[0]["Object"] == KEY, records
    assert records[0]["RequestId"] and records[0]["Pipeline"] == "integrations-usage", records

    s3 = analytics["s3"]
    keys = sorted(item["Key"] for item in s3.list_objects_v2(Bucket=LAKE)["Contents"])
    # The pipeline declares a Parquet lake (processor.output.format defaults to parquet, SNAPPY); the quarantine
    # stays gzipped NDJSON.
    assert keys == [
        f"quarantine/integration_requests/{STEM}.json.gz",
        f"tables/integration_requests/dt=2024-03-14/{STEM}.parquet",
        f"tables/integration_requests/dt=2024-03-15/{STEM}.parquet",
    ]
    day14 = parquet_rows(s3.get_object(Bucket=LAKE, Key=keys[1])["Body"].read())
    assert [row["account_name"] for row in day14] == ["Acme", "Beta"]
    assert day14[0]["integration_vendor"] == "Salesforce" and day14[1]["integration_name"] == "Jira"
    assert day14[0]["requested_at"] == datetime(2024, 3, 14, 9, 26, 53, 589_000, tzinfo=timezone.utc)
    assert day14[0]["user_id"] == "u-000042"
    assert day14[1]["user_id"] is None and day14[1]["account_plan"] is None and day14[1]["status"] == 404
    day15 = parquet_rows(s3.get_object(Bucket=LAKE, Key=keys[2])["Body"].read())
    assert [(row["account_id"], row["integration_id"]) for row in day15] == [("acct-000001", "int-0002")]

    quarantine = gunzip_lines(s3.get_object(Bucket=LAKE, Key=keys[0])["Body"].read())
    reasons = {entry["line"]: entry["reason"] for entry in quarantine}
    assert set(reasons) == {2, 4, 5, 7}, quarantine
    assert reasons[2].startswith("not an HAProxy haproxy-http line")
    assert reasons[4] == "no directory.accounts row with account_id = acct-999999"
    assert reasons[5] == (
        'column integration_id is required, and path "/health" does not match its template '
        '"/integrations/{integration_id}/**"'
    )
    by_line = {entry["line"]: entry for entry in quarantine}
    assert "bytes_base64" in by_line[7] and all(entry["input"] == KEY for entry in quarantine)


def test_a_retried_event_overwrites_instead_of_duplicating(sluice_bin: Path, moto_endpoint: str, analytics: dict):
    s3 = analytics["s3"]
    before = {item["Key"]: item["ETag"] for item in s3.list_objects_v2(Bucket=LAKE)["Contents"]}
    assert before, "runs after the first test"
    queue_athena_results(moto_endpoint, ACCOUNT, REGION, *DIRECTORY)
    result = invoke(sluice_bin, moto_endpoint, KEY)
    assert result.returncode == 0, describe(result)
    after = {item["Key"]: item["ETag"] for item in s3.list_objects_v2(Bucket=LAKE)["Contents"]}
    assert after == before


def test_an_event_for_another_bucket_fails_the_invocation(sluice_bin: Path, moto_endpoint: str, analytics: dict):
    result = invoke(sluice_bin, moto_endpoint, KEY, "--bucket", LAKE)
    assert result.returncode == 1, describe(result)
    assert f"outside this processor's input s3://{LANDING}/raw/integrations-usage/" in result.stderr, describe(result)


def test_an_object_that_is_not_there_fails_after_no_retries_of_a_404(
    sluice_bin: Path, moto_endpoint: str, analytics: dict
):
    result = invoke(sluice_bin, moto_endpoint, "raw/integrations-usage/2024/03/14/09/missing.gz")
    assert result.returncode == 1, describe(result)
    assert "S3.GetObject failed with HTTP 404 NoSuchKey" in result.stderr, describe(result)
    assert "retrying" not in result.stderr, describe(result)


# Each odd object, and whether good lines in it make the processor query (moto hands out queued answers in order,
# so only those that query get answers queued).
@pytest.mark.parametrize(
    "name, body, queries",
    [
        ("empty", b"", False),
        ("truncated", gzip.compress(("\n".join(GOOD) + "\n").encode())[:-30], True),
        ("not-gzip", b"plain text, not gzip\n", False),
        ("non-utf8", gzip.compress(b"\xff\xfe\xfd\n" + GOOD[0].encode() + b"\n"), True),
    ],
)
def test_any_object_gives_a_balanced_summary(
    sluice_bin: Path, moto_endpoint: str, analytics: dict, name: str, body: bytes, queries: bool
):
    key = f"raw/integrations-usage/2024/03/14/09/odd-{name}.gz"
    analytics["s3"].put_object(Bucket=LANDING, Key=key, Body=body)
    if queries:
        queue_athena_results(moto_endpoint, ACCOUNT, REGION, *DIRECTORY)
    result = invoke(sluice_bin, moto_endpoint, key)
    # A damaged object is processed, not failed (a retry would read the same bytes): the answer says so and
    # `dev invoke` exits 3, as `sluice process` does.
    damaged = name in ("truncated", "not-gzip")
    assert result.returncode == (3 if damaged else 0), describe(result)
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["lines"] == summary["rows"] + summary["quarantined"], summary
    assert summary["bytes_in"] == len(body) == summary["member_bytes"] + summary["unreadable_bytes"], summary
    assert summary["damaged"] is damaged, summary
    if name == "empty":
        assert summary["lines"] == 0
    elif name == "truncated":
        assert [d["reason"] for d in summary["damage"]] == ["truncated"], summary
        assert summary["damage"][0]["length"] == len(body) and summary["lines"] >= 1, summary
    elif name == "not-gzip":
        assert summary["damage"] == [{"offset": 0, "length": len(body), "reason": "not_gzip"}], summary
        assert summary["unreadable_bytes"] == len(body) and summary["lines"] == 0, summary
    else:
        assert summary["quarantined"] >= 1, summary

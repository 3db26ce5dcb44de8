"""`sluice status`, `sluice replay --local` and `sluice redrive --local` against the project's `sluice dev up`
moto server: one server and one apply for the module, the steps in the order written here.

The processor runs as `sluice dev invoke` runs it (its executable beside sluice, through our own Lambda Runtime
API), reading the landing bucket and writing the lake in moto's S3 as the analytics account.

moto gaps this module tolerates, each with its reason:
- Objects are not replicated from the raw bucket, so the test puts its objects straight into the landing bucket.
- Lambda Invoke of an image function needs Docker, which these machines lack: replay and redrive run with --local
  (the same processor code, the same event); the Lambda path is the LambdaClient's, tested against a
  fault-injecting server.
- The generated landing and lake bucket policies deny requests without TLS, and moto enforces a Deny with its
  Condition ignored, which would block every object call (aws-facts: moto gaps): the test deletes those two
  policies after the apply. Nothing generated is changed for moto.
- moto evaluates no alarm and delivers no metrics from logs: the alarm is set with SetAlarmState and the
  processor's metrics are put with PutMetricData, in the names the processor's metric records use. When the
  stacks hold no alarm of the pipeline yet, one is created with the pipeline's alarm prefix.
- Athena runs no SQL: lookup answers are queued in advance (`/moto-api/static/athena/query-results`). A processor
  caches its lookups, so each processor process queries once per lookup; every queued pair is the same tables,
  so how many processes run does not change a row.
- Lambda Invoke on moto needs Docker; its simple backend (`/moto-api/config`, lambda `use_docker` false) answers
  every Invoke with the payload it was given, running nothing. The last test uses it for the Lambda path of
  replay and redrive: the requests and how their answers are handled (202 for Event, a message deleted after a
  200), not the processing, which the --local tests cover.
- EventBridge and Lambda never dead-letter anything on moto: the messages are sent with SQS SendMessage in the
  formats AWS uses (EventBridge's: the event, with ERROR_CODE, ERROR_MESSAGE, RULE_ARN and TARGET_ARN
  attributes; Lambda's: the invocation payload, with RequestID, ErrorCode and ErrorMessage attributes).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from toolslib import describe, dev_up_project, queue_athena_results

pytestmark = [pytest.mark.moto, pytest.mark.terraform]

botocore_session = pytest.importorskip("botocore.session")

PIPELINE = "integrations-usage"
ACCOUNT = "222222222222"
REGION = "eu-west-1"
BASE = "acme-integrations-usage"
LANDING = f"{BASE}-landing-{ACCOUNT}"
LAKE = f"{BASE}-lake-{ACCOUNT}"
EVENTS_DLQ = f"{BASE}-events-dlq"
PROCESSOR_DLQ = f"{BASE}-processor-dlq"
ALARM = f"{BASE}-lambda-errors"
PREFIX = "raw/integrations-usage/2024/03/14/09/"
TIMEOUT = 600

LINES = [
    "192.0.2.10:48620 [14/Mar/2024:09:26:53.589] api~ integrations/int-3 3/0/1/42/46 200 1873 - - ---- "
    '12/10/3/1/0 0/0 {acct-000001.api.example.com|u-000042} "GET /integrations/int-0001/events HTTP/1.1"',
    "192.0.2.11:48621 [14/Mar/2024:09:27:01.002] api~ integrations/int-3 3/0/1/42/46 404 73 - - ---- "
    '12/10/3/1/0 0/0 {acct-000002.api.example.com|} "GET /integrations/int-0002/events HTTP/1.1"',
    "this is not an haproxy line",
]
DIRECTORY = (
    [["account_id", "account_name", "account_plan"], ["acct-000001", "Acme", "team"], ["acct-000002", "Beta", None]],
    [["integration_id", "integration_name", "integration_vendor"], ["int-0001", "Slack", "Salesforce"],
     ["int-0002", "Jira", "Atlassian"]],
)  # fmt: skip


@pytest.fixture(scope="module")
def project(sluice_bin: Path, terraform_env: dict[str, str], tmp_path_factory) -> dict:
    """The example, generated in a temporary root and applied by `sluice dev up`; clients acting as the analytics
    account."""
    executable = sluice_bin.parent / "IntegrationEnricher"
    assert executable.is_file(), f"{executable} is not built: run `swift build`"
    root = tmp_path_factory.mktemp("operations-project")
    with dev_up_project(root, sluice_bin, terraform_env, TIMEOUT) as dev:
        assert dev.up.returncode == 0, describe(dev.up)
        endpoint = f"http://127.0.0.1:{dev.server['port']}"
        clients = analytics_clients(endpoint)
        for bucket in (LANDING, LAKE):
            clients["s3"].delete_bucket_policy(Bucket=bucket)
        # Ten processes' worth of lookup answers: more than the module starts.
        queue_athena_results(endpoint, ACCOUNT, REGION, *(DIRECTORY * 10))
        yield {"root": dev.root, "sluice": dev.sluice, "endpoint": endpoint, "env": dev.env, "bin": sluice_bin, **clients}


def analytics_clients(endpoint: str) -> dict:
    session = botocore_session.get_session()
    keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    sts = session.create_client("sts", region_name=REGION, endpoint_url=endpoint, **keys)
    role = f"arn:aws:iam::{ACCOUNT}:role/sluice-deploy"
    credentials = sts.assume_role(RoleArn=role, RoleSessionName="test")["Credentials"]
    as_analytics = {
        "aws_access_key_id": credentials["AccessKeyId"], "aws_secret_access_key": credentials["SecretAccessKey"],
        "aws_session_token": credentials["SessionToken"],
    }  # fmt: skip
    return {
        name: session.create_client(name, region_name=REGION, endpoint_url=endpoint, **as_analytics)
        for name in ("s3", "sqs", "cloudwatch")
    }




def put_object(project: dict, name: str) -> str:
    key = f"{PREFIX}{name}.gz"
    project["s3"].put_object(Bucket=LANDING, Key=key, Body=gzip.compress(("\n".join(LINES) + "\n").encode()))
    return key


def lake(project: dict) -> dict[str, bytes]:
    """Every lake object's bytes, by key."""
    s3 = project["s3"]
    listed = s3.list_objects_v2(Bucket=LAKE).get("Contents", [])
    return {item["Key"]: s3.get_object(Bucket=LAKE, Key=item["Key"])["Body"].read() for item in listed}


def stem(key: str) -> str:
    return key.rsplit("/", 1)[1].removesuffix(".gz")


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def queue_url(project: dict, name: str) -> str:
    return project["sqs"].get_queue_url(QueueName=name)["QueueUrl"]


def status(project: dict):
    return project["sluice"]("status", "--dev", "--pipeline", PIPELINE, timeout=120)


def test_status_is_clear_after_the_apply(project):
    result = status(project)
    assert result.returncode == 0, describe(result)
    assert result.stdout.startswith(f"target: local AWS endpoint {project['endpoint']} (the `sluice dev up`")
    assert f"  {EVENTS_DLQ}  " in result.stdout and f"  {PROCESSOR_DLQ}  " in result.stdout, describe(result)
    assert "0 messages" in result.stdout and "1 message" not in result.stdout, describe(result)
    assert "last object processed: none in the last 24 hours" in result.stdout, describe(result)


def test_status_reports_a_dead_letter_and_an_alarm_with_exit_2(project):
    cloudwatch = project["cloudwatch"]
    existing = [alarm["AlarmName"] for alarm in cloudwatch.describe_alarms(AlarmNamePrefix=f"{BASE}-")["MetricAlarms"]]
    alarm = ALARM if ALARM in existing else (existing[0] if existing else ALARM)
    if not existing:
        cloudwatch.put_metric_alarm(
            AlarmName=ALARM, Namespace="AWS/Lambda", MetricName="Errors", Statistic="Sum", Period=60,
            EvaluationPeriods=1, Threshold=0, ComparisonOperator="GreaterThanThreshold",
            Dimensions=[{"Name": "FunctionName", "Value": f"{BASE}-integration-enricher"}],
        )  # fmt: skip
    cloudwatch.set_alarm_state(AlarmName=alarm, StateValue="ALARM", StateReason="test: errors seen")
    project["sqs"].send_message(QueueUrl=queue_url(project, EVENTS_DLQ), MessageBody="parked by the status test")
    # A minute ago, as a processor would have put them: CloudWatch sums whole periods before the query's end.
    now = datetime.now(timezone.utc) - timedelta(minutes=1)
    dimensions = [{"Name": "Pipeline", "Value": PIPELINE}, {"Name": "Table", "Value": "integration_requests"}]
    cloudwatch.put_metric_data(Namespace="Sluice", MetricData=[
        {"MetricName": name, "Dimensions": dimensions, "Value": value, "Unit": "Count", "Timestamp": now}
        for name, value in (("Rows", 40), ("Quarantined", 2), ("Objects", 1))
    ])  # fmt: skip
    try:
        result = status(project)
        assert result.returncode == 2, describe(result)
        assert f"ALARM             {alarm}" in result.stdout and "test: errors seen" in result.stdout, describe(result)
        assert re.search(rf"{EVENTS_DLQ} +1 message: `sluice redrive --pipeline {PIPELINE}`", result.stdout), describe(
            result
        )
        assert "table integration_requests: 40 rows, 2 quarantined (4.76%), 1 objects" in result.stdout
        assert "its key: see the function's log, /aws/lambda/acme-integrations-usage-integration-enricher" in (
            result.stdout
        ), describe(result)
    finally:
        cloudwatch.set_alarm_state(AlarmName=alarm, StateValue="OK", StateReason="test: cleared")


def test_dev_invoke_prints_only_the_answer_on_stdout(project):
    key = put_object(project, "first")
    invoked = project["sluice"]("dev", "invoke", "--pipeline", PIPELINE, "--key", key, timeout=120)
    assert invoked.returncode == 0, describe(invoked)
    # The processor's logs and metrics record went to stderr: stdout is the answer alone.
    answer = json.loads(invoked.stdout)
    assert answer["rows"] == 2 and answer["quarantined"] == 1, describe(invoked)
    assert '"message":"processed"' in invoked.stderr.replace(" ", ""), describe(invoked)


def test_replay_reprocesses_the_window_byte_for_byte_and_resumes(project):
    sluice = project["sluice"]
    s3 = project["s3"]
    outside = put_object(project, "outside-window")
    modified = s3.head_object(Bucket=LANDING, Key=outside)["LastModified"]
    since = modified.replace(microsecond=0) + timedelta(seconds=1)
    while datetime.now(timezone.utc) < since + timedelta(milliseconds=100):
        time.sleep(0.1)
    inside = [put_object(project, name) for name in ("inside-a", "inside-b", "inside-c")]
    until = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=2)
    window = ["--pipeline", PIPELINE, "--since", iso(since), "--until", iso(until)]
    while datetime.now(timezone.utc) < until:
        time.sleep(0.1)

    dry = sluice("replay", "--dev", "--local", "--dry-run", *window)
    assert dry.returncode == 0, describe(dry)
    assert [line.removeprefix(f"would replay s3://{LANDING}/") for line in dry.stdout.splitlines()
            if line.startswith("would replay")] == inside, describe(dry)  # fmt: skip
    assert "dry run: nothing was invoked" in dry.stdout
    assert not any(stem(key) in name for key in inside for name in lake(project)), "a dry run wrote to the lake"

    # The first processing, one `sluice dev invoke` an object.
    for key in inside:
        invoked = sluice("dev", "invoke", "--pipeline", PIPELINE, "--key", key, timeout=120)
        assert invoked.returncode == 0, describe(invoked)
    first = lake(project)
    assert all(any(stem(key) in name for name in first) for key in inside), sorted(first)
    first_times = {item["Key"]: item["LastModified"] for item in s3.list_objects_v2(Bucket=LAKE)["Contents"]}
    time.sleep(1.1)  # LastModified has whole seconds: a rewrite shows as a later one

    replayed = sluice("replay", "--dev", "--local", *window)
    assert replayed.returncode == 0, describe(replayed)
    assert "replayed 3, failed 0, skipped 0" in replayed.stdout, describe(replayed)
    assert [line.split(": ", 1)[1] for line in replayed.stderr.splitlines() if line.startswith("replayed ")] == inside
    assert lake(project) == first, "a replay must give the same lake objects, byte for byte"
    rewritten = {item["Key"]: item["LastModified"] for item in s3.list_objects_v2(Bucket=LAKE)["Contents"]}
    for name, before in first_times.items():
        if any(stem(key) in name for key in inside):
            assert rewritten[name] > before, f"{name} was not written again"
        else:
            assert rewritten[name] == before, f"{name}, outside the window, was touched"
    assert not any(stem(outside) in name for name in rewritten), "the object outside the window was processed"

    again = sluice("replay", "--dev", "--local", *window)
    assert again.returncode == 0 and "resuming: 3 were replayed by an earlier run" in again.stdout, describe(again)
    assert "nothing to replay" in again.stdout, describe(again)

    # A run cut short (killed after its first object) and its re-run, on a window of its own.
    later = until + timedelta(seconds=1)
    resumed_window = ["--pipeline", PIPELINE, "--since", iso(since), "--until", iso(later)]
    command = [str(project["bin"]), "replay", "--dev", "--local", "--rate", "1", *resumed_window, "--root",
               str(project["root"])]  # fmt: skip
    child = subprocess.Popen(command, cwd=project["root"], env=project["env"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    try:
        seen = []
        for line in child.stderr:
            seen.append(line)
            if line.startswith("replayed 1/3: "):
                break
        assert seen and seen[-1].startswith("replayed 1/3: "), "".join(seen)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        child.stderr.close()
    rerun = sluice("replay", "--dev", "--local", *resumed_window)
    assert rerun.returncode == 0, describe(rerun)
    assert "resuming: 1 were replayed by an earlier run of this window" in rerun.stdout, describe(rerun)
    assert [line.split(": ", 1)[1] for line in rerun.stderr.splitlines() if line.startswith("replayed ")] == inside[1:]
    assert lake(project) == first


def test_replay_refuses_a_bad_window(project):
    result = project["sluice"]("replay", "--dev", "--pipeline", PIPELINE, "--since", "yesterday", timeout=60)
    assert result.returncode != 0 and "'yesterday' is not a time" in result.stderr, describe(result)
    result = project["sluice"]("replay", "--dev", "--pipeline", PIPELINE, "--since", "1h", "--until", "2h", timeout=60)
    assert result.returncode != 0 and "must be after --since" in result.stderr, describe(result)
    result = project["sluice"]("replay", "--dev", "--pipeline", PIPELINE, "--since", "1h", "--rate", "0", timeout=60)
    assert result.returncode != 0 and "--rate must be 1...100" in result.stderr, describe(result)


def test_redrive_processes_both_queues_and_leaves_what_is_not_an_event(project):
    sqs = project["sqs"]
    events_url, processor_url = queue_url(project, EVENTS_DLQ), queue_url(project, PROCESSOR_DLQ)
    # The status test's message is still parked: empty the queues first, so this test sees only its own.
    for url in (events_url, processor_url):
        sqs.purge_queue(QueueUrl=url)
    from_events = put_object(project, "dead-lettered-by-events")
    from_lambda = put_object(project, "dead-lettered-by-lambda")

    def event(key: str) -> str:
        return json.dumps({
            "version": "0", "id": "6b1a2c3d-0000-0000-0000-000000000000", "detail-type": "Object Created",
            "source": "aws.s3", "account": ACCOUNT, "time": "2024-03-14T09:30:00Z", "region": REGION,
            "resources": [f"arn:aws:s3:::{LANDING}"],
            "detail": {"version": "0", "bucket": {"name": LANDING},
                       "object": {"key": key.replace(" ", "+"), "size": 100, "etag": "0", "sequencer": "0"},
                       "request-id": "R", "requester": ACCOUNT, "reason": "PutObject"},
        })  # fmt: skip

    def attributes(values: dict[str, str]) -> dict:
        # Lambda's ErrorCode is a Number attribute (an HTTP status); every other one a String.
        return {name: {"DataType": "Number" if name == "ErrorCode" else "String", "StringValue": value}
                for name, value in values.items()}  # fmt: skip

    sqs.send_message(QueueUrl=events_url, MessageBody=event(from_events), MessageAttributes=attributes({
        "ERROR_CODE": "SDK_CLIENT_ERROR", "ERROR_MESSAGE": "Rate exceeded",
        "RULE_ARN": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{BASE}-objects",
        "TARGET_ARN": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{BASE}-integration-enricher",
    }))  # fmt: skip
    sqs.send_message(QueueUrl=processor_url, MessageBody=event(from_lambda), MessageAttributes=attributes({
        "RequestID": "e0000000-0000-0000-0000-000000000000", "ErrorCode": "200", "ErrorMessage": "Task timed out",
    }))  # fmt: skip
    sqs.send_message(QueueUrl=events_url, MessageBody="not an event at all")

    dry = project["sluice"]("redrive", "--dev", "--local", "--dry-run", "--pipeline", PIPELINE)
    assert dry.returncode == 0, describe(dry)
    assert f"would redrive {from_events} (from {EVENTS_DLQ})" in dry.stdout, describe(dry)
    assert f"would redrive {from_lambda} (from {PROCESSOR_DLQ})" in dry.stdout, describe(dry)
    assert not any(stem(from_events) in name for name in lake(project)), "a dry run processed an object"

    result = project["sluice"]("redrive", "--dev", "--local", "--pipeline", PIPELINE)
    assert result.returncode == 1, describe(result)
    assert f"processed {from_events} (from {EVENTS_DLQ})" in result.stdout, describe(result)
    assert f"processed {from_lambda} (from {PROCESSOR_DLQ})" in result.stdout, describe(result)
    assert f"a message of {EVENTS_DLQ} is not an object event, left in place" in result.stderr, describe(result)
    assert "redrive: 2 processed and deleted, 0 failed, 1 not events (left in place)" in result.stdout
    names = lake(project)
    assert any(stem(from_events) in name for name in names) and any(stem(from_lambda) in name for name in names)
    left = sqs.receive_message(QueueUrl=events_url, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
    assert [message["Body"] for message in left] == ["not an event at all"]
    # Visible again, as redrive left it (this receive hid it).
    sqs.change_message_visibility(QueueUrl=events_url, ReceiptHandle=left[0]["ReceiptHandle"], VisibilityTimeout=0)
    assert "Messages" not in sqs.receive_message(QueueUrl=processor_url, WaitTimeSeconds=1)


def moto_config(endpoint: str, config: dict) -> None:
    request = urllib.request.Request(
        f"{endpoint}/moto-api/config", data=json.dumps(config).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201, response.read()


def test_replay_and_redrive_through_lambda(project):
    """Last: without --local, through moto's simple Lambda backend (see the gaps above)."""
    sqs = project["sqs"]
    processor_url = queue_url(project, PROCESSOR_DLQ)
    key = put_object(project, "through-lambda")
    body = json.dumps({
        "version": "0", "id": "1", "detail-type": "Object Created", "source": "aws.s3", "account": ACCOUNT,
        "time": "2024-03-14T09:30:00Z", "region": REGION, "resources": [],
        "detail": {"bucket": {"name": LANDING}, "object": {"key": key}},
    })  # fmt: skip
    sqs.send_message(QueueUrl=processor_url, MessageBody=body)
    moto_config(project["endpoint"], {"lambda": {"use_docker": False}})
    try:
        function = f"{BASE}-integration-enricher"
        replayed = project["sluice"]("replay", "--dev", "--rate", "100", "--pipeline", PIPELINE, "--since", "1h")
        assert replayed.returncode == 0, describe(replayed)
        assert f"through the Lambda function {function}" in replayed.stdout, describe(replayed)
        assert re.search(r"^replayed ([1-9][0-9]*), failed 0, skipped 0$", replayed.stdout, re.MULTILINE), describe(
            replayed
        )
        assert f": {key}\n" in replayed.stderr, describe(replayed)

        redriven = project["sluice"]("redrive", "--dev", "--pipeline", PIPELINE)
        assert f"through the Lambda function {function}" in redriven.stdout, describe(redriven)
        assert f"processed {key} (from {PROCESSOR_DLQ})" in redriven.stdout, describe(redriven)
        assert "Messages" not in sqs.receive_message(QueueUrl=processor_url, WaitTimeSeconds=1)
        # The junk message of the redrive test is still left in place, so the exit status is 1.
        assert redriven.returncode == 1 and "1 not events (left in place)" in redriven.stdout, describe(redriven)
    finally:
        moto_config(project["endpoint"], {"lambda": {"use_docker": True}})

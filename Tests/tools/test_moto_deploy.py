"""`sluice dev up`, `plan` and `apply` with real terraform against a moto server on 127.0.0.1 holding two
accounts (each provider assumes a role in its account; moto keeps them apart by the role's account id).

QuickSight stacks are skipped by name: moto cannot serve QuickSight (its Describe answers fail to decode in
the provider). The generated Terraform is never changed for moto: `--local` copies each stack aside with an
override file (endpoints, local state), and the plans say so.

Slow (several minutes: the AWS provider waits about a minute on each S3 lifecycle configuration), so every
step shares one server and one applied example, in the order written here.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, dev_up_project, process_is_alive

pytestmark = [pytest.mark.moto, pytest.mark.terraform]

DEPLOY_TIMEOUT = 1200
IMAGE_VARIABLE = "integrations_usage_image_uri"
IMAGE = (
    "222222222222.dkr.ecr.eu-west-1.amazonaws.com/acme-integrations-usage/integration-enricher@sha256:" + "0" * 64
)

# What a second plan still changes against moto right after an apply, by address and attribute: each is moto
# reading back less than it was given, not a change the generated code makes. The test fails if one goes
# away (moto fixed: drop it here) or another appears.
MOTO_READ_BACK_GAPS = {
    # moto does not return the EventBridge flag of a bucket's notification configuration.
    "aws_s3_bucket_notification.integrations_usage_landing": {"eventbridge"},
    # moto returns an empty image_config for an image function, and neither its dead-letter target nor its
    # logging configuration.
    "aws_lambda_function.integrations_usage_processor": {"image_config", "dead_letter_config", "logging_config"},
    # moto drops a replication rule's filter prefix.
    "aws_s3_bucket_replication_configuration.integrations_usage_raw": {"rule"},
}


def changed_attributes(plan: dict) -> dict[str, set[str]]:
    """address -> top-level attributes an update changes (creates and deletes count as their own kind)."""
    changes: dict[str, set[str]] = {}
    for resource in plan.get("resource_changes", []):
        actions = resource["change"]["actions"]
        if actions == ["no-op"] or actions == ["read"]:
            continue
        if actions != ["update"]:
            changes[resource["address"]] = {"/".join(actions)}
            continue
        before = resource["change"]["before"] or {}
        after = resource["change"]["after"] or {}
        unknown = resource["change"].get("after_unknown") or {}
        changes[resource["address"]] = {
            key for key in set(before) | set(after) if before.get(key) != after.get(key) or unknown.get(key) is True
        }
    return changes


@pytest.fixture(scope="module")
def project(sluice_bin: Path, terraform_env: dict[str, str], tmp_path_factory) -> dict:
    """The example, generated in a temporary root and applied by `sluice dev up` to a fresh moto server."""
    root = tmp_path_factory.mktemp("moto-project")
    with dev_up_project(root, sluice_bin, terraform_env, DEPLOY_TIMEOUT) as dev:
        yield {"root": dev.root, "sluice": dev.sluice, "up": dev.up, "server": dev.server}


def local_plan(project: dict, *extra: str, plans: str = "plans") -> tuple:
    """`plan --local` with no --var: it supplies the same placeholder image `dev up` does, and says so."""
    server = project["server"]
    result = project["sluice"]("plan", "--local", f"http://127.0.0.1:{server['port']}", "--plans-dir", plans, *extra)
    if result.returncode in (0, 1) and "target:" in result.stdout:
        assert f"local setting: {IMAGE_VARIABLE} = {IMAGE} (placeholder image" in result.stdout, describe(result)
    return result, project["root"] / plans


def test_dev_up_applies_every_stack_but_quicksight(project):
    up = project["up"]
    assert up.returncode == 0, describe(up)
    assert project["server"] is not None, "sluice dev up wrote no .sluice/dev/server.json"
    assert "target: local AWS endpoint http://127.0.0.1:" in up.stdout, "the plan must say it targets moto"
    assert "Stack analytics-images: 3 to create, 0 to update, 0 to replace, 0 to delete" in up.stdout, describe(up)
    assert "Stack analytics: 54 to create, 0 to update, 0 to replace, 0 to delete" in up.stdout, describe(up)
    assert up.stdout.index("Stack analytics-images:") < up.stdout.index("Stack analytics:"), "repositories first"
    assert "Stack production: 28 to create, 0 to update, 0 to replace, 0 to delete" in up.stdout, describe(up)
    assert "analytics-quicksight" not in up.stdout
    # Progress, not terraform's own output: one timed line per stack and phase, brief summaries, under 100 lines.
    lines = up.stdout.splitlines() + up.stderr.splitlines()
    assert len(lines) < 100, f"dev up printed {len(lines)} lines:\n" + describe(up)
    for stack in ("analytics", "production"):
        for phase in ("init", "plan", "apply"):
            assert re.search(rf"^{stack}: {phase} \d+\.\ds$", up.stderr, re.MULTILINE), describe(up)
    assert "Still creating" not in up.stdout + up.stderr
    assert f"terraform CLI config: {project['root'] / '.tmp' / 'terraformrc'} (the project's" in up.stderr
    log = re.search(r"^terraform output: (\S+)", up.stderr, re.MULTILINE)
    assert log, describe(up)
    log_text = (project["root"] / log.group(1)).read_text()
    assert "Apply complete!" in log_text and "[analytics]" in log_text and "[production]" in log_text
    assert "stop it with `sluice dev down`" in up.stdout, describe(up)
    states = project["root"] / ".sluice" / "local" / "state"
    assert sorted(path.name for path in states.iterdir()) == [
        "analytics-images.tfstate", "analytics.tfstate", "production.tfstate",
    ]
    analytics = json.loads((states / "analytics.tfstate").read_text())
    types = {resource["type"] for resource in analytics["resources"]}
    assert {"aws_lambda_function", "aws_glue_crawler", "aws_athena_workgroup", "aws_s3_bucket"} <= types
    # Alerts on: each account's alarms, its encrypted topic with the email subscription, and the dashboard.
    alerting = {"aws_cloudwatch_metric_alarm", "aws_sns_topic", "aws_sns_topic_policy", "aws_sns_topic_subscription", "aws_kms_key"}
    assert alerting | {"aws_cloudwatch_dashboard"} <= types
    production = json.loads((states / "production.tfstate").read_text())
    assert alerting <= {resource["type"] for resource in production["resources"]}
    alarms = {
        instance["attributes"]["alarm_name"]
        for state in (analytics, production) for resource in state["resources"]
        if resource["type"] == "aws_cloudwatch_metric_alarm" for instance in resource["instances"]
    }  # fmt: skip
    assert len(alarms) == 12 and all(name.startswith("acme-integrations-usage-") for name in alarms), alarms


def test_second_plan_changes_nothing_but_moto_read_back_gaps(project):
    result, plans = local_plan(project, plans="plans-second")
    assert result.returncode == 0, describe(result)
    assert result.stdout.startswith("target: local AWS endpoint http://127.0.0.1:"), describe(result)
    changes: dict[str, set[str]] = {}
    for stack in ("analytics-images", "analytics", "production"):
        changes.update(changed_attributes(json.loads((plans / f"{stack}.json").read_text())))
    assert changes == MOTO_READ_BACK_GAPS


def test_a_manifest_change_gives_the_expected_summary(project):
    # The generated files before the change are the base the schema guard compares with, as in a pull request.
    shutil.copytree(project["root"] / "generated", project["root"] / "base" / "generated")
    manifest = project["root"] / "pipelines" / "integrations-usage.yaml"
    text = manifest.read_text()
    renamed = '- { name: user_id, type: string, from: "request_headers[1]" }'
    assert "memory_mb: 1024" in text and "buffering_size_mb: 64" in text and renamed in text
    text = text.replace("memory_mb: 1024", "memory_mb: 2048").replace("buffering_size_mb: 64", "buffering_size_mb: 32")
    manifest.write_text(text.replace(renamed, renamed.replace("user_id", "user_key")))
    assert project["sluice"]("generate").returncode == 0
    # The plan path of the schema guard with real terraform: the rename, allowed, is in the analytics summaries
    # only (its refusal and apply's are proved against the recording double in SchemaPlanCommandTests).
    allowance = "integration_requests.user_id"
    result, plans = local_plan(project, "--base", "base", "--allow-schema-change", allowance, plans="plans-change")
    assert result.returncode == 0, describe(result)
    summary = (plans / "analytics.txt").read_text()
    assert "ALLOWED renamed integrations.integration_requests.user_id -> user_key (string)" in summary, summary
    assert "| allowed renamed | `integrations.integration_requests.user_id`" in (plans / "analytics.md").read_text()
    assert "Schema" not in (plans / "production.txt").read_text()
    assert "~ aws_lambda_function.integrations_usage_processor (update)" in summary, summary
    assert "memory_size: 1024 -> 2048" in summary, summary
    production = (plans / "production.txt").read_text()
    assert re.search(r"~ aws_kinesis_firehose_delivery_stream\.integrations_usage_delivery \(update\)", production), production
    assert "buffering_size: 64 -> 32" in production, production
    assert "0 to create" in production and "0 to replace, 0 to delete" in production, production
    applied = project["sluice"](
        "apply", "--local", f"http://127.0.0.1:{project['server']['port']}", "--plans-dir", "plans-change"
    )
    assert applied.returncode == 0, describe(applied)


def test_replacing_the_lake_bucket_is_refused_unless_allowed(project):
    manifest = project["root"] / "pipelines" / "integrations-usage.yaml"
    text = manifest.read_text()
    manifest.write_text(text.replace("    table: integration_requests\n", "    table: integration_requests\n    bucket: acme-lake-renamed-222222222222\n"))
    assert project["sluice"]("generate").returncode == 0
    lake = "aws_s3_bucket.integrations_usage_lake"

    refused, plans = local_plan(project, plans="plans-refused")
    assert refused.returncode == 1, describe(refused)
    assert lake in refused.stderr and "--allow-destroy" in refused.stderr, describe(refused)
    assert f"REFUSED" in (plans / "analytics.txt").read_text()
    applied = project["sluice"]("apply", "--local", f"http://127.0.0.1:{project['server']['port']}", "--plans-dir", "plans-refused")
    assert applied.returncode == 1 and lake in applied.stderr, "a refused plan must never be applied:\n" + describe(applied)

    allowed, plans = local_plan(project, "--allow-destroy", lake, plans="plans-allowed")
    assert allowed.returncode == 0, describe(allowed)
    assert f"replace {lake} [holds data]" in (plans / "analytics.txt").read_text()
    applied = project["sluice"]("apply", "--local", f"http://127.0.0.1:{project['server']['port']}", "--plans-dir", "plans-allowed")
    assert applied.returncode == 0, describe(applied)
    state = json.loads((project["root"] / ".sluice" / "local" / "state" / "analytics.tfstate").read_text())
    buckets = {
        instance["attributes"]["bucket"]
        for resource in state["resources"] if resource["type"] == "aws_s3_bucket"
        for instance in resource["instances"]
    }  # fmt: skip
    assert "acme-lake-renamed-222222222222" in buckets and "acme-integrations-usage-lake-222222222222" not in buckets


SECOND_PIPELINE = REPO_ROOT / "Tests" / "tools" / "fixtures" / "minimal-project" / "pipelines" / "web-requests.yaml"
SECOND_IMAGE_VARIABLE = "web_requests_image_uri"
SECOND_REPOSITORY = "acme-web-requests/web-parser"


def deploy_order(workflow: Path) -> list[str]:
    """The generated deploy workflow's jobs in the order their `needs:` chain runs them: each apply job as its
    STACK, the image builds as "images"."""
    import yaml

    jobs = yaml.safe_load(workflow.read_text())["jobs"]
    needs = {
        job_id: [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", [])
        for job_id, job in jobs.items()
    }
    assert all(len(before) <= 1 for before in needs.values()), f"the deploy jobs are not one chain: {needs}"
    order, done = [], set()
    while len(order) < len(jobs):
        ready = [job_id for job_id in jobs if job_id not in done and set(needs[job_id]) <= done]
        assert len(ready) == 1, f"the deploy jobs are not one chain: {needs}"
        done.add(ready[0])
        order.append(ready[0])
    named = []
    for job_id in order:
        if job_id == "images":
            named.append("images")
            continue
        steps = jobs[job_id]["steps"]
        named.append(next(step["env"]["STACK"] for step in steps if "STACK" in step.get("env", {})))
    return named


def push_placeholder_image(endpoint: str, account: str, region: str, repository: str) -> str:
    """What the images job does, against moto: push to the repository (as the account's deploy role) and return
    the digest ECR holds. Fails when the repository does not exist yet."""
    import botocore.session

    session = botocore.session.get_session()
    keys = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    sts = session.create_client("sts", region_name=region, endpoint_url=endpoint, **keys)
    credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/sluice-deploy", RoleSessionName="images")[
        "Credentials"
    ]
    ecr = session.create_client(
        "ecr", region_name=region, endpoint_url=endpoint, aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"], aws_session_token=credentials["SessionToken"],
    )  # fmt: skip
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {
            "mediaType": "application/vnd.docker.container.image.v1+json", "size": 2, "digest": "sha256:" + "1" * 64,
        },  # fmt: skip
        "layers": [],
    }
    pushed = ecr.put_image(repositoryName=repository, imageManifest=json.dumps(manifest), imageTag="first-deploy")
    return pushed["image"]["imageId"]["imageDigest"]


def test_a_second_pipeline_deploys_in_the_workflow_order(project):
    """A pipeline added to the applied project deploys with the order the generated workflow runs, with no
    targeted apply: its repository's stack first, then the image push, then the stacks deploying the digest."""
    root, server = project["root"], project["server"]
    endpoint = f"http://127.0.0.1:{server['port']}"
    # The minimal fixture's pipeline, in the example's production account: it processes there (no replication),
    # so its repository is in a stack the project did not have, production-images.
    text = SECOND_PIPELINE.read_text().replace("  account: main\n", "  account: production\n")
    (root / "pipelines" / "web-requests.yaml").write_text(text)
    generated = project["sluice"]("generate")
    assert generated.returncode == 0, describe(generated)

    order = deploy_order(root / ".github" / "workflows" / "sluice-deploy.yml")
    assert order == [
        "production-images", "analytics-images", "images", "analytics", "production", "analytics-quicksight",
    ], order  # fmt: skip
    images = {IMAGE_VARIABLE: IMAGE}
    for step in order:
        if step == "images":
            digest = push_placeholder_image(endpoint, "111111111111", "eu-west-1", SECOND_REPOSITORY)
            images[SECOND_IMAGE_VARIABLE] = f"111111111111.dkr.ecr.eu-west-1.amazonaws.com/{SECOND_REPOSITORY}@{digest}"
            continue
        if step.endswith("-quicksight"):
            continue  # moto cannot serve QuickSight: `dev up` skips these stacks too
        plans = f"plans-second-pipeline-{step}"
        variables = [argument for name, value in images.items() for argument in ("--var", f"{name}={value}")]
        planned = project["sluice"]("plan", "--local", endpoint, "--stack", step, "--plans-dir", plans, *variables)
        assert planned.returncode == 0, f"{step}:\n{describe(planned)}"
        changes = changed_attributes(json.loads((root / plans / f"{step}.json").read_text()))
        # Creates, deletes and replaces: what a stack must not do for a pipeline that is not its own.
        kinds = {
            address: attributes for address, attributes in changes.items()
            if attributes & {"create", "delete", "create/delete", "delete/create"}
        }  # fmt: skip
        if step == "production-images":
            assert set(kinds) == {
                "aws_ecr_repository.web_requests_processor", "aws_ecr_lifecycle_policy.web_requests_processor",
                "aws_ecr_repository_policy.web_requests_processor",
            }, changes  # fmt: skip
        elif step == "production":
            assert kinds and all(address.split(".")[1].startswith("web_requests_") for address in kinds), kinds
            assert all(attributes == {"create"} for attributes in kinds.values()), kinds
        else:
            assert not kinds, f"{step}: the second pipeline must not create or delete here: {kinds}"
        applied = project["sluice"]("apply", "--local", endpoint, "--stack", step, "--plans-dir", plans)
        assert applied.returncode == 0, f"{step}:\n{describe(applied)}"
    state = json.loads((root / ".sluice" / "local" / "state" / "production.tfstate").read_text())
    functions = [
        instance["attributes"]
        for resource in state["resources"] if resource["type"] == "aws_lambda_function"
        for instance in resource["instances"]
    ]  # fmt: skip
    assert [function["image_uri"] for function in functions] == [images[SECOND_IMAGE_VARIABLE]]


def test_dev_down_stops_the_server_it_started(project):
    """Last: the server `dev up` started is stopped, and the local state forgotten."""
    server = project["server"]
    down = project["sluice"]("dev", "down")
    assert down.returncode == 0, describe(down)
    assert f"stopped the moto server at http://127.0.0.1:{server['port']} (pid {server['pid']})" in down.stderr
    assert not process_is_alive(server["pid"])
    assert not (project["root"] / ".sluice" / "local").exists()
    assert not (project["root"] / ".sluice" / "dev" / "server.json").exists()

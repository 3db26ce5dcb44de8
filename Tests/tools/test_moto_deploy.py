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
import os
import re
import shutil
import signal
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

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
    moto = REPO_ROOT / ".venv-moto" / "bin" / "moto_server"
    if not moto.exists():
        pytest.fail(f"{moto.relative_to(REPO_ROOT)} does not exist: run scripts/tools.sh", pytrace=False)
    root = tmp_path_factory.mktemp("moto-project")
    shutil.copytree(REPO_ROOT / "pipelines", root / "pipelines")
    # The project's own CLI configuration (as scripts/tools.sh writes it) must win over an ambient one naming a
    # file that does not exist, with which terraform would go to the public registry.
    (root / ".tmp").mkdir()
    shutil.copy(terraform_env["TF_CLI_CONFIG_FILE"], root / ".tmp" / "terraformrc")
    env = dict(terraform_env, SLUICE_MOTO_SERVER=str(moto), TF_CLI_CONFIG_FILE=str(root / "missing-terraformrc"))

    def sluice(*args: str):
        return run([str(sluice_bin), *args, "--root", str(root)], cwd=root, env=env, timeout=DEPLOY_TIMEOUT)

    generated = sluice("generate")
    assert generated.returncode == 0, describe(generated)
    server_file = root / ".sluice" / "dev" / "server.json"
    server = None
    try:
        up = sluice("dev", "up")
        server = json.loads(server_file.read_text()) if server_file.exists() else None
        yield {"root": root, "sluice": sluice, "up": up, "server": server}
    finally:
        sluice("dev", "down")
        if server is not None:
            # Whatever `dev down` did, the server this fixture started is stopped before the test ends.
            try:
                os.kill(server["pid"], signal.SIGTERM)
            except ProcessLookupError:
                pass


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
    assert "Stack analytics: 45 to create, 0 to update, 0 to replace, 0 to delete" in up.stdout, describe(up)
    assert "Stack production: 19 to create, 0 to update, 0 to replace, 0 to delete" in up.stdout, describe(up)
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
    assert sorted(path.name for path in states.iterdir()) == ["analytics.tfstate", "production.tfstate"]
    analytics = json.loads((states / "analytics.tfstate").read_text())
    types = {resource["type"] for resource in analytics["resources"]}
    assert {"aws_lambda_function", "aws_glue_crawler", "aws_athena_workgroup", "aws_s3_bucket"} <= types


def test_second_plan_changes_nothing_but_moto_read_back_gaps(project):
    result, plans = local_plan(project, plans="plans-second")
    assert result.returncode == 0, describe(result)
    assert result.stdout.startswith("target: local AWS endpoint http://127.0.0.1:"), describe(result)
    changes: dict[str, set[str]] = {}
    for stack in ("analytics", "production"):
        changes.update(changed_attributes(json.loads((plans / f"{stack}.json").read_text())))
    assert changes == MOTO_READ_BACK_GAPS


def test_a_manifest_change_gives_the_expected_summary(project):
    manifest = project["root"] / "pipelines" / "integrations-usage.yaml"
    text = manifest.read_text()
    assert "memory_mb: 1024" in text and "buffering_size_mb: 64" in text
    manifest.write_text(text.replace("memory_mb: 1024", "memory_mb: 2048").replace("buffering_size_mb: 64", "buffering_size_mb: 32"))
    assert project["sluice"]("generate").returncode == 0
    result, plans = local_plan(project, plans="plans-change")
    assert result.returncode == 0, describe(result)
    summary = (plans / "analytics.txt").read_text()
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


def test_dev_down_stops_the_server_it_started(project):
    """Last: the server `dev up` started is stopped, and the local state forgotten."""
    server = project["server"]
    down = project["sluice"]("dev", "down")
    assert down.returncode == 0, describe(down)
    assert f"stopped the moto server at http://127.0.0.1:{server['port']} (pid {server['pid']})" in down.stderr
    assert not process_is_alive(server["pid"])
    assert not (project["root"] / ".sluice" / "local").exists()
    assert not (project["root"] / ".sluice" / "dev" / "server.json").exists()


def process_is_alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting for an init that does not reap."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")

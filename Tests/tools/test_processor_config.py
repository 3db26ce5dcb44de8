"""The processor's compiled configuration agrees with the generated Terraform.

`IntegrationEnricher --print-config` prints what `sluice generate` compiled into the binary; every name in it
must be the one the Terraform deploys: buckets, prefixes, the table and its columns, the event rule, the
workgroup and catalog, the lookup SQL. `disagreements()` lists each difference; the last test shows it finds
a changed name, so a drift cannot pass unnoticed.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import pytest

from toolslib import GENERATED_SQL, GENERATED_TERRAFORM, REPO_ROOT

STACK = GENERATED_TERRAFORM / "analytics" / "integrations-usage.tf.json"
PIPELINE = "integrations_usage"


def resolve(value, resources: dict):
    """Replaces `${<type>.<name>.<attribute>}` with the literal attribute where the stack states it (names,
    buckets); ARNs, which only AWS knows, become `arn:<bucket or name>`."""

    def literal(match: re.Match) -> str:
        kind, name, attribute = match.group(1), match.group(2), match.group(3)
        body = resources.get(kind, {}).get(name, {})
        if attribute == "arn":
            return "arn:" + str(body.get("bucket") or body.get("name"))
        return str(body.get(attribute, match.group(0)))

    if isinstance(value, str):
        return re.sub(r"\$\{(\w+)\.(\w+)\.(\w+)\}", literal, value)
    if isinstance(value, list):
        return [resolve(item, resources) for item in value]
    if isinstance(value, dict):
        return {key: resolve(item, resources) for key, item in value.items()}
    return value


def disagreements(config: dict, stack: dict) -> list[str]:
    resources = stack["resource"]
    found: list[str] = []

    def expect(what: str, compiled, deployed) -> None:
        if compiled != deployed:
            found.append(f"{what}: processor has {compiled!r}, Terraform has {deployed!r}")

    buckets = {body["bucket"] for body in resources["aws_s3_bucket"].values()}
    for role, bucket in (("input bucket", config["input"]["bucket"]), ("output bucket", config["output"]["bucket"])):
        if bucket not in buckets:
            found.append(f"{role} {bucket!r} is not a bucket of the stack ({sorted(buckets)})")

    rule = resources["aws_cloudwatch_event_rule"][f"{PIPELINE}_objects"]
    expect("event rule", config["eventRule"], rule["name"])
    pattern = json.loads(rule["event_pattern"])
    expect("rule bucket", [config["input"]["bucket"]], pattern["detail"]["bucket"]["name"])
    expect("rule prefix", [{"prefix": config["input"]["prefix"]}], pattern["detail"]["object"]["key"])

    output = config["output"]
    table = resolve(resources["aws_glue_catalog_table"][f"{PIPELINE}_output"], resources)
    expect("table", output["table"], table["name"])
    expect("database", output["database"], table["database_name"])
    expect("table location", f"s3://{output['bucket']}/{output['tablePrefix']}", table["storage_descriptor"]["location"])
    strip = lambda columns: [{"name": c["name"], "type": c["type"]} for c in columns]  # noqa: E731
    expect("columns", strip(output["columns"]), strip(table["storage_descriptor"]["columns"]))
    expect("partition keys", strip(output["partitionKeys"]), strip(table["partition_keys"]))

    policy = resolve(stack["data"]["aws_iam_policy_document"][f"{PIPELINE}_processor_permissions"], resources)
    statements = {statement["sid"]: statement["resources"] for statement in policy["statement"]}
    expect("readable input", [f"arn:{config['input']['bucket']}/{config['input']['prefix']}*"], statements["ReadLanding"])
    expect(
        "writable output",
        [f"arn:{output['bucket']}/{output['tablePrefix']}*", f"arn:{output['bucket']}/{output['quarantinePrefix']}*"],
        statements["WriteLake"],
    )
    for prefix in (output["tablePrefix"], output["quarantinePrefix"]):
        if config["input"]["bucket"] == output["bucket"] and prefix.startswith(config["input"]["prefix"]):
            found.append(f"the processor would write under {prefix}, where its own rule triggers it")

    enrichment = config.get("enrichment")
    if enrichment:
        expect("workgroup", enrichment["workGroup"], resources["aws_athena_workgroup"][f"{PIPELINE}_query"]["name"])
        expect("catalog", enrichment["catalog"], resources["aws_athena_data_catalog"][f"{PIPELINE}_lookups"]["name"])
        for lookup in enrichment["lookups"]:
            sql_file = GENERATED_SQL / output["database"] / "lookups" / f"{lookup['name']}.sql"
            text = "\n".join(line for line in sql_file.read_text().splitlines() if not line.startswith("--"))
            expect(f"lookup {lookup['name']} SQL", lookup["sql"], text.strip())
    return found


@pytest.fixture(scope="module")
def compiled(sluice_bin: Path) -> dict:
    executable = sluice_bin.parent / "IntegrationEnricher"
    assert executable.is_file(), f"{executable} is not built: run `swift build`"
    result = subprocess.run([str(executable), "--print-config"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compiled_configuration_matches_the_terraform(compiled: dict):
    assert disagreements(compiled, json.loads(STACK.read_text())) == []


def test_the_comparison_finds_a_drift(compiled: dict):
    stack = json.loads(STACK.read_text())
    drifted = copy.deepcopy(compiled)
    drifted["output"]["tablePrefix"] = "tables/other/"
    drifted["input"]["prefix"] = "raw/elsewhere/"
    found = disagreements(drifted, stack)
    assert any(line.startswith("table location") for line in found), found
    assert any(line.startswith("rule prefix") for line in found), found
    assert any(line.startswith("writable output") for line in found), found
    renamed = copy.deepcopy(stack)
    renamed["resource"]["aws_s3_bucket"][f"{PIPELINE}_lake"]["bucket"] = "another-lake"
    assert any("is not a bucket of the stack" in line for line in disagreements(compiled, renamed))


def test_the_processor_source_is_what_generate_writes():
    """The compiled config comes from generated source; `sluice check` (tested elsewhere) keeps it current, and
    the user's transform lives beside it without the generated marker, so generate never touches it."""
    folder = REPO_ROOT / "Sources" / "Processors" / "IntegrationEnricher"
    assert "Generated by sluice" in (folder / "ProcessorConfig.generated.swift").read_text()[:300]
    assert "Generated by sluice" not in (folder / "Transform.swift").read_text()[:300]

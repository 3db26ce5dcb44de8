"""The processor's compiled configuration agrees with the generated Terraform.

`IntegrationEnricher --print-config` prints what `sluice generate` compiled into the binary; every name in it
must be the one the Terraform deploys: buckets, prefixes, the table and its columns, the event rule, the
workgroup and catalog, the lookup SQL; and the log format, input format, lake format and codec the manifest
declares, and the lake format against the Glue table's SerDe (what Athena reads the objects with). `disagreements()` lists each difference; the last test shows it finds
a changed name, so a drift cannot pass unnoticed.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from toolslib import GENERATED_SQL, GENERATED_TERRAFORM, REPO_ROOT

STACK = GENERATED_TERRAFORM / "analytics" / "integrations-usage.tf.json"
MANIFEST = REPO_ROOT / "pipelines" / "integrations-usage.yaml"
PIPELINE = "integrations_usage"

# The manifest's documented defaults (README, "processor.output"): the format, then the format's codec.
DEFAULT_FORMAT = "parquet"
DEFAULT_COMPRESSION = {"parquet": "snappy", "json": "gzip"}
# What the Glue table's SerDe says of the objects' format.
SERDE_FORMATS = {
    "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe": "parquet",
    "org.openx.data.jsonserde.JsonSerDe": "json",
}


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


def manifest_disagreements(config: dict, manifest: dict) -> list[str]:
    """The compiled log format, input format, lake format and codec against what the manifest declares (or
    defaults to): the names `--print-config` prints are the manifest's own."""
    found: list[str] = []

    def expect(what: str, compiled, declared) -> None:
        if compiled != declared:
            found.append(f"{what}: processor has {compiled!r}, the manifest says {declared!r}")

    expect("log format", config["logFormat"], manifest["source"].get("format", "haproxy-http"))
    mode = manifest.get("delivery", {}).get("mode", "extracted")
    expect("input format", config["input"]["format"], "lines" if mode == "extracted" else "cloudwatch-documents")
    declared = manifest["processor"]["output"]
    lake_format = declared.get("format", DEFAULT_FORMAT)
    expect("output format", config["output"]["format"], lake_format)
    codec = declared.get("compression", DEFAULT_COMPRESSION[lake_format])
    expect("compression", config["output"]["compression"], codec)
    return found


def glue_disagreements(config: dict, stack: dict) -> list[str]:
    """The compiled lake format against the Glue table's SerDe: Athena must read what the processor writes."""
    table = stack["resource"]["aws_glue_catalog_table"][f"{PIPELINE}_output"]
    library = table["storage_descriptor"]["ser_de_info"]["serialization_library"]
    glue_format = SERDE_FORMATS.get(library, library)
    if config["output"]["format"] != glue_format:
        return [f"output format: processor writes {config['output']['format']!r}, the Glue table reads {glue_format!r}"]
    return []


@pytest.fixture(scope="module")
def compiled(sluice_bin: Path) -> dict:
    executable = sluice_bin.parent / "IntegrationEnricher"
    assert executable.is_file(), f"{executable} is not built: run `swift build`"
    result = subprocess.run([str(executable), "--print-config"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compiled_configuration_matches_the_terraform(compiled: dict):
    assert disagreements(compiled, json.loads(STACK.read_text())) == []


def test_compiled_formats_match_the_manifest(compiled: dict):
    assert manifest_disagreements(compiled, yaml.safe_load(MANIFEST.read_text())) == []


def test_the_format_comparison_finds_a_drift(compiled: dict):
    manifest = yaml.safe_load(MANIFEST.read_text())
    drifted = copy.deepcopy(compiled)
    drifted["output"]["format"] = "json" if compiled["output"]["format"] == "parquet" else "parquet"
    drifted["output"]["compression"] = "zstd"
    drifted["logFormat"] = "haproxy-clf" if compiled["logFormat"] == "haproxy-http" else "haproxy-http"
    found = manifest_disagreements(drifted, manifest)
    assert [line.split(":")[0] for line in found] == ["log format", "output format", "compression"], found
    declared_json = copy.deepcopy(manifest)
    declared_json["processor"]["output"]["format"] = "json"
    found = manifest_disagreements(compiled, declared_json)
    assert any(line.startswith("output format") for line in found), found
    stack = json.loads(STACK.read_text())
    serde = stack["resource"]["aws_glue_catalog_table"][f"{PIPELINE}_output"]["storage_descriptor"]["ser_de_info"]
    for library, glue_format in SERDE_FORMATS.items():
        serde["serialization_library"] = library
        as_glue = copy.deepcopy(compiled)
        as_glue["output"]["format"] = glue_format
        assert glue_disagreements(as_glue, stack) == []
        as_glue["output"]["format"] = "json" if glue_format == "parquet" else "parquet"
        assert glue_disagreements(as_glue, stack), library


def test_compiled_format_matches_the_glue_table(compiled: dict):
    assert glue_disagreements(compiled, json.loads(STACK.read_text())) == []


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
    """The compiled config comes from generated source; `sluice check` (tested elsewhere) keeps it current. The
    example declares its columns (`transform: none`): its main runs the declarations alone, and it has no
    Transform.swift (a pipeline with `transform: swift` has one beside them, without the generated marker)."""
    folder = REPO_ROOT / "Sources" / "Processors" / "IntegrationEnricher"
    assert "Generated by sluice" in (folder / "ProcessorConfig.generated.swift").read_text()[:300]
    assert "await ProcessorMain.main(config: .generated)\n" in (folder / "main.swift").read_text()
    assert not (folder / "Transform.swift").exists()

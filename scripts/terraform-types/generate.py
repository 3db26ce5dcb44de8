#!/usr/bin/env python3
"""Writes Sluice's typed Terraform resources from the hashicorp/aws provider's own schema.

    python3 scripts/terraform-types/generate.py                 # asks terraform, writes the subset and the Swift
    python3 scripts/terraform-types/generate.py --from-subset   # reads the committed subset, writes the Swift

With terraform (after `bash scripts/tools.sh`, offline, from the mirrored provider) it runs
`terraform providers schema -json` in a temporary root module, keeps the schema of the types listed in
resources.toml (only the block paths Sluice writes) as schema-subset.json, and writes one Swift file per type and
the table of resource kinds into Sources/SluiceCloud/Generated. `--from-subset` skips terraform, so the drift check
of the Swift runs without it; the terraform-tier test checks the subset against the real provider.

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
LIST = HERE / "resources.toml"
SUBSET = HERE / "schema-subset.json"
SWIFT_OUT = ROOT / "Sources/SluiceCloud/Generated"

# Words written in capitals inside Swift names (Swift's API guidelines: acronyms keep one case).
ACRONYMS = {
    "acl": "ACL", "api": "API", "arn": "ARN", "arns": "ARNs", "cmk": "CMK", "db": "DB", "dlq": "DLQ", "ecr": "ECR",
    "http": "HTTP", "iam": "IAM", "id": "ID", "ids": "IDs", "ip": "IP", "json": "JSON", "kms": "KMS", "s3": "S3",
    "sns": "SNS", "sql": "SQL", "sqs": "SQS", "sse": "SSE", "ssl": "SSL", "tls": "TLS", "uri": "URI", "url": "URL",
    "vpc": "VPC",
}
# Words with an inner capital in AWS's own spelling.
SPELLINGS = {"cloudwatch": "CloudWatch", "quicksight": "QuickSight"}
SWIFT_KEYWORDS = {
    "associatedtype", "as", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do", "else",
    "enum", "extension", "fallthrough", "false", "for", "func", "guard", "if", "import", "in", "init", "inout",
    "internal", "is", "let", "nil", "operator", "private", "protocol", "public", "repeat", "rethrows", "return",
    "self", "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try", "var", "where",
    "while",
}
# Type names a nested block must not take.
RESERVED_TYPES = {"Type", "Protocol", "Self", "Any", "Handle"}


class GenerateError(Exception):
    pass


def upper_word(word: str) -> str:
    return ACRONYMS.get(word) or SPELLINGS.get(word) or word[:1].upper() + word[1:]


def type_name(words: list[str]) -> str:
    return "".join(upper_word(word) for word in words if word)


def property_name(terraform_name: str) -> str:
    words = [word for word in terraform_name.split("_") if word]
    name = words[0].lower() + "".join(upper_word(word) for word in words[1:])
    if name[0].isdigit():
        name = "_" + name
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def bare(name: str) -> str:
    return name.strip("`")


def swift_type_of(name: str, data: bool) -> str:
    words = name.split("_")[1:]  # without the `aws` prefix
    return ("Data" if data else "") + type_name(words)


# --- The schema -----------------------------------------------------------------------------------------------------


def load_list(path: pathlib.Path = LIST) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def provider_schema(listing: dict) -> dict:
    """The provider's schema, from terraform, in a temporary root module (offline: the CLI config names the mirror)."""
    terraform = shutil.which("terraform")
    if terraform is None:
        raise GenerateError("terraform is not on PATH (run scripts/tools.sh, or use --from-subset)")
    environment = dict(os.environ)
    config = ROOT / ".tmp/terraformrc"
    if config.is_file():
        environment["TF_CLI_CONFIG_FILE"] = str(config)
    environment.update(CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1", TF_INPUT="0")
    provider = listing["provider"]
    with tempfile.TemporaryDirectory(prefix="sluice-schema-") as folder:
        module = {"terraform": {"required_providers": {"aws": {"source": provider["source"],
                                                                "version": provider["version"]}}}}
        pathlib.Path(folder, "main.tf.json").write_text(json.dumps(module))
        for arguments in (["init", "-input=false", "-backend=false"], ["providers", "schema", "-json"]):
            result = subprocess.run([terraform, *arguments], cwd=folder, env=environment, capture_output=True,
                                    text=True, check=False)
            if result.returncode != 0:
                raise GenerateError(f"terraform {' '.join(arguments)} failed:\n{result.stderr.strip()}")
        schemas = json.loads(result.stdout)["provider_schemas"]
    address = f"registry.terraform.io/{provider['source']}"
    if address not in schemas:
        raise GenerateError(f"the schema has no provider {address}")
    return schemas[address]


def trim_block(block: dict, paths: set[str], dynamic: set[str], prefix: str, where: str) -> dict:
    """The block's attributes (type and flags only) and the nested blocks on Sluice's paths."""
    attributes = {}
    for name, attribute in block.get("attributes", {}).items():
        attributes[name] = {key: attribute[key] for key in ("type", "required", "optional", "computed")
                            if key in attribute}
    nested = {}
    for name, block_type in block.get("block_types", {}).items():
        path = prefix + name
        if path not in paths and path not in dynamic:
            if block_type.get("min_items", 0) > 0:
                raise GenerateError(f"{where}: required block '{path}' is not listed in blocks or dynamic")
            continue
        entry = {key: block_type[key] for key in ("nesting_mode", "min_items", "max_items") if key in block_type}
        if path in dynamic:
            entry["dynamic"] = True
        else:
            entry["block"] = trim_block(block_type["block"], paths, dynamic, path + ".", where)
        nested[name] = entry
    return {"attributes": attributes, "block_types": nested}


def subset(listing: dict, schema: dict) -> dict:
    types = {}
    for name, entry in listing["types"].items():
        if entry.get("generate", True) is False:
            continue
        kind = "data_source_schemas" if entry.get("data") else "resource_schemas"
        if name not in schema.get(kind, {}):
            raise GenerateError(f"{LIST.name}: {name}: no such {'data source' if entry.get('data') else 'resource'}")
        paths = set(entry.get("blocks", []))
        dynamic = set(entry.get("dynamic", []))
        block = trim_block(schema[kind][name]["block"], paths, dynamic, "", f"{LIST.name}: {name}")
        found = block_paths(block)
        missing = sorted((paths | dynamic | set(entry.get("single", []))) - found)
        if missing:
            raise GenerateError(f"{LIST.name}: {name}: no such block path: {', '.join(missing)}")
        types[name] = {"data": bool(entry.get("data")), "block": block}
    return {"provider": listing["provider"]["source"], "version": listing["provider"]["version"], "types": types}


def block_paths(block: dict, prefix: str = "") -> set[str]:
    found = set()
    for child, block_type in block["block_types"].items():
        found.add(prefix + child)
        if "block" in block_type:
            found |= block_paths(block_type["block"], prefix + child + ".")
    return found


def check_subset(listing: dict, subset_data: dict) -> None:
    """The committed subset holds exactly the listed types and block paths (else the list changed since)."""
    stale = "run generate.py without --from-subset to refresh schema-subset.json"
    listed = {name for name, entry in listing["types"].items() if entry.get("generate", True) is not False}
    if listed != set(subset_data["types"]):
        difference = sorted(listed.symmetric_difference(subset_data["types"]))
        raise GenerateError(f"{LIST.name} and the subset differ in types ({', '.join(difference)}): {stale}")
    for name in sorted(listed):
        entry = listing["types"][name]
        paths = set(entry.get("blocks", [])) | set(entry.get("dynamic", []))
        if paths != block_paths(subset_data["types"][name]["block"]):
            raise GenerateError(f"{LIST.name}: {name}: the block paths differ from the subset's: {stale}")


# --- Swift ------------------------------------------------------------------------------------------------------


def argument_type(cty) -> str:
    """The Swift type of an argument of this Terraform type: typed where Sluice writes it, free-form otherwise."""
    if cty == "string":
        return "TerraformTemplate"
    if cty == "number":
        return "Int"
    if cty == "bool":
        return "Bool"
    if isinstance(cty, list) and len(cty) == 2 and cty[0] in ("list", "set") and cty[1] in ("string", "number", "bool"):
        return f"[{argument_type(cty[1])}]"
    if isinstance(cty, list) and cty == ["map", "string"]:
        return "[String: TerraformTemplate]"
    return "TerraformValue"


class Member:
    def __init__(self, terraform_name: str, swift_type: str, required: bool):
        self.terraform_name = terraform_name
        self.swift_name = property_name(terraform_name)
        self.swift_type = swift_type
        self.required = required


def block_members(block: dict, single: set[str], prefix: str) -> tuple[list[Member], list[tuple[str, dict, str]]]:
    """The block's arguments (attributes one sets, and nested blocks) and its nested block types to declare."""
    members = []
    nested = []
    for name, attribute in block["attributes"].items():
        if attribute.get("computed") and not attribute.get("optional") and not attribute.get("required"):
            continue
        members.append(Member(name, argument_type(attribute["type"]), bool(attribute.get("required"))))
    for name, block_type in block["block_types"].items():
        path = prefix + name
        required = block_type.get("min_items", 0) > 0
        one = block_type.get("max_items") == 1 or path in single
        if block_type.get("dynamic"):
            element = "TerraformValue"
            members.append(Member(name, element, required))
            continue
        element = type_name(name.split("_"))
        if element in RESERVED_TYPES:
            element += "Block"
        nested.append((element, block_type["block"], path))
        members.append(Member(name, element if one else f"[{element}]", required))
    members.sort(key=lambda member: (not member.required, member.terraform_name))
    return members, nested


def emit_block(lines: list[str], indent: str, declaration: str, doc: str, block: dict, single: set[str],
               prefix: str, extra: list[str]) -> None:
    members, nested = block_members(block, single, prefix)
    lines.append(f"{indent}/// {doc}")
    lines.append(f"{indent}{declaration} {{")
    inner = indent + "    "
    lines.extend(inner + line if line else "" for line in extra)
    for member in members:
        optional = "" if member.required else "?"
        lines.append(f"{inner}/// `{member.terraform_name}`")
        lines.append(f"{inner}package var {member.swift_name}: {member.swift_type}{optional}")
    lines.append("")
    parameters = [f"{bare(member.swift_name)}: {member.swift_type}" + ("" if member.required else "? = nil")
                  for member in members]
    if parameters:
        lines.append(f"{inner}package init(")
        lines.extend(f"{inner}    {parameter}," for parameter in parameters[:-1])
        lines.append(f"{inner}    {parameters[-1]}")
        lines.append(f"{inner}) {{")
        lines.extend(f"{inner}    self.{member.swift_name} = {member.swift_name}" for member in members)
        lines.append(f"{inner}}}")
    else:
        lines.append(f"{inner}package init() {{}}")
    lines.append("")
    lines.append(f"{inner}package var terraformArguments: [String: TerraformValue] {{")
    if members:
        lines.append(f"{inner}    var arguments: [String: TerraformValue] = [:]")
        for member in members:
            access = "" if member.required else "?"
            lines.append(f"{inner}    arguments[\"{member.terraform_name}\"] = "
                         f"{member.swift_name}{access}.terraformValue")
        lines.append(f"{inner}    return arguments")
    else:
        lines.append(f"{inner}    [:]")
    lines.append(f"{inner}}}")
    for element, child, path in nested:
        lines.append("")
        emit_block(lines, inner, f"package struct {element}: TerraformBlock, Sendable", f"Block `{path}`.", child,
                   single, path + ".", [])
    lines.append(f"{indent}}}")


HEADER = """\
// Generated by scripts/terraform-types/generate.py from the {provider} {version} provider schema: do not edit.
// To change it, edit scripts/terraform-types/resources.toml and run the generator.
// swift-format-ignore-file
"""


def type_file(name: str, entry: dict, listing_entry: dict, subset_data: dict) -> tuple[str, str]:
    data = entry["data"]
    swift_name = swift_type_of(name, data)
    block = entry["block"]
    lines = [HEADER.format(provider=subset_data["provider"], version=subset_data["version"])]
    kind = "data source" if data else "resource"
    extra = [
        f"package static let terraformType = \"{name}\"",
        f"package static let isData = {'true' if data else 'false'}",
        "",
    ]
    emit_block(lines, "", f"package struct {swift_name}: TerraformResourceType, Sendable",
               f"The `{name}` {kind}: its arguments, typed.", block, set(listing_entry.get("single", [])), "",
               extra)
    # The handle: every attribute a reference may read, computed ones included.
    lines += [
        "",
        f"extension {swift_name} {{",
        f"    /// A reference to an `{name}` {kind}: each attribute an expression that records the reference.",
        "    package struct Handle: TerraformHandle {",
        "        package let address: Address",
        "",
        "        package init(address: Address) { self.address = address }",
        "",
    ]
    for attribute in block["attributes"]:
        swift = property_name(attribute)
        if bare(swift) == "address":
            swift = "addressAttribute"
        lines.append(f"        /// `{attribute}`")
        lines.append(f"        package var {swift}: TerraformExpression {{ address.ref(\"{attribute}\") }}")
    lines.append("    }")
    lines.append("}")
    return f"{swift_name}.generated.swift", "\n".join(lines) + "\n"


def swift_string(text: str) -> str:
    return json.dumps(text)


def kinds_file(listing: dict, subset_data: dict) -> str:
    lines = [HEADER.format(provider=subset_data["provider"], version=subset_data["version"])]
    lines.append("extension ResourceKind {")
    lines.append("    /// Every kind Sluice emits or guards, in the order of resources.toml; taggable where the schema "
                 "has `tags`.")
    lines.append("    package static let all: [ResourceKind] = [")
    for name, entry in listing["types"].items():
        schema_entry = subset_data["types"].get(name)
        taggable = schema_entry is not None and "tags" in schema_entry["block"]["attributes"]
        service = swift_string(entry["service"]) if "service" in entry else "nil"
        noun = swift_string(entry["noun"]) if "noun" in entry else "nil"
        lines.append("        ResourceKind(")
        lines.append(f"            type: \"{name}\", isData: {str(bool(entry.get('data'))).lower()}, "
                     f"taggable: {str(taggable).lower()},")
        lines.append(f"            holdsData: {str(bool(entry.get('holds_data'))).lower()}, service: {service}, "
                     f"noun: {noun}),")
    lines.append("    ]")
    lines.append("")
    lines.append("    /// Endpoints the provider calls whatever the stack holds.")
    services = ", ".join(swift_string(service) for service in listing["provider"].get("services", []))
    lines.append(f"    package static let providerServices: [String] = [{services}]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def swift_files(listing: dict, subset_data: dict) -> dict[str, str]:
    files = {}
    for name, entry in subset_data["types"].items():
        file_name, text = type_file(name, entry, listing["types"][name], subset_data)
        files[file_name] = text
    files["ResourceKinds.generated.swift"] = kinds_file(listing, subset_data)
    return files


def write_folder(folder: pathlib.Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.generated.swift"):
        if stale.name not in files:
            stale.unlink()
    for name, text in sorted(files.items()):
        path = folder / name
        if not path.exists() or path.read_text() != text:
            path.write_text(text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-subset", action="store_true", help="read schema-subset.json instead of terraform")
    parser.add_argument("--list", type=pathlib.Path, default=LIST, help="the list of types (resources.toml)")
    parser.add_argument("--subset-out", type=pathlib.Path, default=SUBSET, help="where to write the schema subset")
    parser.add_argument("--swift-out", type=pathlib.Path, default=SWIFT_OUT, help="where to write the Swift files")
    arguments = parser.parse_args(argv)
    try:
        listing = load_list(arguments.list)
        if arguments.from_subset:
            subset_data = json.loads(SUBSET.read_text())
            check_subset(listing, subset_data)
        else:
            subset_data = subset(listing, provider_schema(listing))
            arguments.subset_out.parent.mkdir(parents=True, exist_ok=True)
            arguments.subset_out.write_text(json.dumps(subset_data, indent=1, sort_keys=True) + "\n")
        write_folder(arguments.swift_out, swift_files(listing, subset_data))
    except GenerateError as error:
        print(f"generate.py: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

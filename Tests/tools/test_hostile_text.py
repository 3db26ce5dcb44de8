"""Hostile declaration text, checked with the real tools (issue 9, items 1 to 3):

- text that reads as a Terraform template (`${file(...)}`, `%{ if }`) in column comments and a visual title is
  written escaped, `terraform validate` accepts the stack, and Terraform itself reads each value back as the literal
  text (it never reads the file); tags cannot carry it at all (`$`, `{` and `%` are outside AWS's tag characters),
  so a tag value holding it is refused with a located error;
- `generate` on a role ARN holding `${{` or shell syntax, or on an Athena cutoff whose byte count overflows, exits 1
  with a located error instead of crashing (it used to die with SIGILL, exit 132).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from toolslib import describe, run

DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+)$", re.M)
TERRAFORM_TIMEOUT = 600
SECRET = '${file("secret.txt")}'
DIRECTIVE = "%{ if true }yes%{ endif }"
TITLE = 'Requests | per day ${var.x} %{ if true }'
COMMENT = '${file("secret.txt")} and %{ endif }'


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _hostile_workspace(workspace: Path) -> None:
    manifest = workspace / "pipelines" / "integrations-usage.yaml"
    _edit(manifest, "title: Requests,", f"title: {json.dumps(TITLE)},")
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    # Free text AWS takes `$`, `{` and `%` in: column comments (the tags these payloads were once in refuse them).
    columns = [c for c in data["processor"]["output"]["columns"] if "comment" not in c]
    for column, text in zip(columns, (COMMENT, SECRET, DIRECTIVE)):
        _edit(manifest, f"name: {column['name']}, ", f"name: {column['name']}, comment: {json.dumps(text)}, ")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_strings(item)]]
    return []


@pytest.mark.terraform
def test_terraform_reads_declaration_text_as_literal(sluice, workspace, terraform_env, tmp_path):
    _hostile_workspace(workspace)
    result = sluice("generate", cwd=workspace)
    assert result.returncode == 0, describe(result)

    stacks = workspace / "generated" / "terraform"
    escaped: dict[str, str] = {}
    for path in sorted(stacks.glob("*/*.tf.json")):
        for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
            for literal in (SECRET, DIRECTIVE, TITLE, COMMENT):
                if literal.replace("${", "$${").replace("%{", "%%{") in text:
                    escaped[literal] = text
    assert set(escaped) == {SECRET, DIRECTIVE, TITLE, COMMENT}, f"not all found escaped: {sorted(escaped)}"

    # terraform validate accepts the stacks that carry them.
    for name in ("analytics", "analytics-quicksight"):
        work = tmp_path / name
        shutil.copytree(stacks / name, work)
        init = run(["terraform", "init", "-backend=false", "-input=false", "-no-color"], cwd=work,
                   env=terraform_env, timeout=TERRAFORM_TIMEOUT)
        assert init.returncode == 0, describe(init)
        validate = run(["terraform", "validate", "-no-color"], cwd=work, env=terraform_env, timeout=TERRAFORM_TIMEOUT)
        assert validate.returncode == 0, describe(validate)

    # Terraform evaluates each string exactly as written in the .tf.json, beside a file it would read if it could.
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "secret.txt").write_text("THE SECRET", encoding="utf-8")
    outputs = {f"v{i}": {"value": text} for i, text in enumerate(escaped.values())}
    (probe / "main.tf.json").write_text(json.dumps({"output": outputs}), encoding="utf-8")
    apply = run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], cwd=probe,
                env=terraform_env, timeout=TERRAFORM_TIMEOUT)
    assert apply.returncode == 0, describe(apply)
    shown = run(["terraform", "output", "-json"], cwd=probe, env=terraform_env, timeout=TERRAFORM_TIMEOUT)
    values = {key: item["value"] for key, item in json.loads(shown.stdout).items()}
    for i, (literal, text) in enumerate(escaped.items()):
        assert literal in values[f"v{i}"], f"Terraform read {text!r} as {values[f'v{i}']!r}, not as {literal!r}"
        assert "THE SECRET" not in values[f"v{i}"]


def _assert_located_refusal(result, file: str, line: int, words: str) -> None:
    assert result.returncode == 1, f"expected exit 1 with a located error, not a crash:\n{describe(result)}"
    found = [m for m in DIAGNOSTIC.finditer(result.stderr) if m["file"].endswith(file) and int(m["line"]) == line]
    assert any(words in m["message"] for m in found), f"no error at {file}:{line} about {words!r}:\n{describe(result)}"


def test_generate_refuses_a_template_in_a_tag_value(sluice, workspace):
    project = workspace / "pipelines" / "sluice.yaml"
    text = project.read_text(encoding="utf-8")
    line = text[: text.index("tags:\n")].count("\n") + 2
    _edit(project, "tags:\n", f"tags:\n  secret: '{SECRET}'\n")
    result = sluice("generate", cwd=workspace)
    _assert_located_refusal(result, "sluice.yaml", line, "which AWS tags do not allow")


def test_generate_refuses_an_expression_in_a_role_arn(sluice, workspace):
    project = workspace / "pipelines" / "sluice.yaml"
    text = project.read_text(encoding="utf-8")
    old = "plan_role: arn:aws:iam::111111111111:role/sluice-plan"
    line = text[: text.index(old)].count("\n") + 1
    _edit(project, old, "plan_role: 'arn:aws:iam::111111111111:role/x;touch${IFS}pwned;#${{ github.token }}'")
    result = sluice("generate", cwd=workspace)
    _assert_located_refusal(result, "sluice.yaml", line, "which IAM names do not allow")
    assert not (workspace / "pwned").exists()


def test_generate_refuses_a_cutoff_whose_byte_count_overflows(sluice, workspace):
    manifest = workspace / "pipelines" / "integrations-usage.yaml"
    text = manifest.read_text(encoding="utf-8")
    old = re.search(r"^  bytes_scanned_cutoff_mb: \d+$", text, re.M)
    assert old, "the example no longer sets bytes_scanned_cutoff_mb: update this test"
    line = text[: old.start()].count("\n") + 1
    _edit(manifest, old.group(0), "  bytes_scanned_cutoff_mb: 8796093022208")
    result = sluice("generate", cwd=workspace)
    _assert_located_refusal(result, "integrations-usage.yaml", line, "bytes_scanned_cutoff_mb must be 10 to")

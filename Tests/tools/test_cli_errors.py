"""`sluice validate`: compiler-style diagnostics on stderr, and `--list`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from toolslib import describe

PREFERRED_MANIFEST = "integrations-usage.yaml"
DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+)$")


def _manifests(workspace: Path) -> list[Path]:
    """Pipeline manifests: pipelines/*.yaml except the project file, the preferred one first."""
    found = sorted(
        p for p in (workspace / "pipelines").glob("*.y*ml") if p.name not in ("sluice.yaml", "sluice.yml")
    )
    found.sort(key=lambda p: p.name != PREFERRED_MANIFEST)
    if not found:
        pytest.fail("pipelines/ holds no pipeline manifest (*.yaml besides sluice.yaml)")
    return found


def test_validate_passes_on_the_committed_pipelines(sluice, workspace):
    result = sluice("validate", cwd=workspace)
    assert result.returncode == 0, f"`sluice validate` should pass on the committed pipelines/:\n{describe(result)}"
    assert ": error: " not in result.stderr, describe(result)


def test_unknown_key_is_reported_with_file_line_and_column(sluice, workspace):
    manifest = _manifests(workspace)[0]
    text = manifest.read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict), f"{manifest.name} is not a YAML mapping"
    if not text.endswith("\n"):
        text += "\n"
    bad_line = text.count("\n") + 1
    manifest.write_text(text + "retension_days_typo: 30\n", encoding="utf-8")

    result = sluice("validate", cwd=workspace)
    assert result.returncode == 1, f"`sluice validate` should exit 1 on an unknown key:\n{describe(result)}"
    diagnostics = [m for m in map(DIAGNOSTIC.match, result.stderr.splitlines()) if m]
    assert diagnostics, f"no `file:line:column: error: message` line on stderr:\n{describe(result)}"
    about_key = [m for m in diagnostics if Path(m["file"]).name == manifest.name and int(m["line"]) == bad_line]
    assert about_key, (
        f"no error points at {manifest.relative_to(workspace)}:{bad_line} (the unknown key):\n{describe(result)}"
    )
    assert any("retension_days_typo" in m["message"] for m in about_key), (
        f"the error does not name the unknown key:\n{describe(result)}"
    )


def test_validate_list_prints_one_pipeline_name_per_line(sluice, workspace):
    result = sluice("validate", "--list", cwd=workspace)
    assert result.returncode == 0, f"`sluice validate --list` failed:\n{describe(result)}"
    names = result.stdout.splitlines()
    assert names, f"`sluice validate --list` printed no pipeline:\n{describe(result)}"
    assert all(name and name == name.strip() and " " not in name for name in names), (
        f"each line must be one pipeline name:\n{describe(result)}"
    )
    assert len(set(names)) == len(names), f"a pipeline is listed twice:\n{describe(result)}"

    declared = set()
    for manifest in _manifests(workspace):
        document = yaml.safe_load(manifest.read_text(encoding="utf-8"))
        if isinstance(document, dict) and isinstance(document.get("name"), str):
            declared.add(document["name"])
    missing = sorted(declared - set(names))
    assert not missing, f"pipelines declared in pipelines/*.yaml are not listed: {missing}\n{describe(result)}"

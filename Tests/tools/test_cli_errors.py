"""`sluice validate`: compiler-style diagnostics on stderr, and `--list`."""

from __future__ import annotations

import re
import shutil
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


def _break_manifest(workspace: Path) -> tuple[Path, int]:
    """Appends an unknown key to the first manifest; returns the manifest and the key's line."""
    manifest = _manifests(workspace)[0]
    text = manifest.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    manifest.write_text(text + "retension_days_typo: 30\n", encoding="utf-8")
    return manifest, text.count("\n") + 1


def test_locations_name_files_from_the_current_directory(sluice, workspace):
    """Issue 9, item 14: with --root, a location relative to the root would open the wrong file in an editor."""
    manifest, line = _break_manifest(workspace)
    result = sluice("validate", "--root", workspace.name, cwd=workspace.parent)
    assert result.returncode == 1, describe(result)
    located = [m for m in map(DIAGNOSTIC.match, result.stderr.splitlines()) if m and int(m["line"]) == line]
    assert located, describe(result)
    assert located[0]["file"] == f"{workspace.name}/pipelines/{manifest.name}", describe(result)
    assert (workspace.parent / located[0]["file"]).samefile(manifest)

    elsewhere = workspace / "pipelines"
    result = sluice("validate", "--root", str(workspace), cwd=elsewhere)
    located = [m for m in map(DIAGNOSTIC.match, result.stderr.splitlines()) if m and int(m["line"]) == line]
    assert located and located[0]["file"] == manifest.name, describe(result)

    outside = workspace / "Sources"
    result = sluice("validate", "--root", "../", cwd=outside)
    located = [m for m in map(DIAGNOSTIC.match, result.stderr.splitlines()) if m and int(m["line"]) == line]
    assert located and located[0]["file"] == str(manifest.resolve()), describe(result)


def test_generate_and_check_name_files_from_the_current_directory(sluice, workspace):
    """The files `generate` writes and `check` finds out of date are named as the diagnostics are: from where the
    command ran, so they open from there."""
    readme = workspace / "generated" / "README.md"
    readme.write_text(readme.read_text() + "edited by hand\n")
    check = sluice("check", "--root", workspace.name, cwd=workspace.parent)
    assert check.returncode == 1, describe(check)
    assert f"stale or edited by hand: {workspace.name}/generated/README.md" in check.stderr, describe(check)
    generate = sluice("generate", "--root", "..", cwd=workspace / "pipelines")
    assert generate.returncode == 0, describe(generate)
    # From below the root, the file is outside the current directory: named by its absolute path.
    assert generate.stdout.splitlines()[0] == f"wrote {readme.resolve()}", describe(generate)


def test_validate_does_not_claim_to_generate(sluice, workspace):
    """Issue 9, item 14: `validate` ended with "nothing was generated"; `generate` still says so."""
    _break_manifest(workspace)
    validate = sluice("validate", cwd=workspace)
    assert validate.returncode == 1
    last = validate.stderr.strip().splitlines()[-1]
    assert last == "1 error in the declarations", describe(validate)
    generate = sluice("generate", cwd=workspace)
    assert generate.returncode == 1
    assert generate.stderr.strip().splitlines()[-1] == "1 error in the declarations; nothing was generated"


@pytest.mark.parametrize("folder", ["generated", ".github/workflows", "Sources/Processors"])
def test_generate_refuses_to_write_through_a_symbolic_link(sluice, workspace, tmp_path_factory, folder):
    """Issue 9, item 6: a linked output folder would carry writes (and removals) outside the root."""
    outside = tmp_path_factory.mktemp("outside")
    shutil.rmtree(workspace / folder)
    (workspace / folder).symlink_to(outside, target_is_directory=True)
    result = sluice("generate", cwd=workspace)
    assert result.returncode == 1, describe(result)
    assert f"{folder} is a symbolic link" in result.stderr and "Nothing was changed." in result.stderr, describe(result)
    assert list(outside.iterdir()) == [], "generate wrote through the link"


def test_check_does_not_read_through_a_symbolic_link(sluice, workspace, tmp_path_factory):
    """A linked generated/ would show files from outside the root in check's diffs."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "README.md").write_text("TOPSECRET\n", encoding="utf-8")
    shutil.rmtree(workspace / "generated")
    (workspace / "generated").symlink_to(outside, target_is_directory=True)
    result = sluice("check", cwd=workspace)
    assert result.returncode == 1, describe(result)
    assert "generated is a symbolic link" in result.stderr, describe(result)
    assert "TOPSECRET" not in result.stdout + result.stderr, describe(result)


def test_a_byte_order_mark_is_accepted(sluice, workspace):
    """Findings F3: a BOM (Windows editors) before a first line that is a key failed with "did not find expected
    <document start>"; an error on line 1 after it is located without counting it."""
    for manifest in [*_manifests(workspace), workspace / "pipelines" / "sluice.yaml"]:
        lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
        body = "".join(line for line in lines if not line.startswith("#"))
        manifest.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    result = sluice("validate", cwd=workspace)
    assert result.returncode == 0, describe(result)
    manifest = _manifests(workspace)[0]
    manifest.write_bytes(b"\xef\xbb\xbfbogus_key: 1\n" + manifest.read_bytes()[3:])
    result = sluice("validate", cwd=workspace)
    assert f"pipelines/{manifest.name}:1:1: error: unknown key 'bogus_key'" in result.stderr, describe(result)


def test_thousands_of_errors_are_quick_and_capped_per_file(sluice, workspace):
    """Findings F4: 30,000 unknown keys took 5 s and printed 30,005 lines; five 1 MiB files took 18 s."""
    import time

    pipelines = workspace / "pipelines"
    (pipelines / "x.yaml").write_text("".join(f"{i:06d}{'y' * 20}: 1\n" for i in range(30_000)))
    started = time.monotonic()
    result = sluice("validate", cwd=workspace)
    elapsed = time.monotonic() - started
    assert result.returncode == 1 and elapsed < 2, f"{elapsed:.1f} s\n{describe(result)}"
    lines = result.stderr.splitlines()
    assert len(lines) < 120, f"{len(lines)} lines"
    assert "... and 29904 more problems in pipelines/x.yaml" in lines, describe(result)
    assert lines[-1] == "30004 errors in the declarations", describe(result)

    big = "".join(f"{i:06d}{'y' * 122}: 1\n" for i in range(7_900))  # 1.0 MB, 128-character keys
    for j in range(5):
        (pipelines / f"x{j}.yaml").write_text(big)
    started = time.monotonic()
    result = sluice("validate", cwd=workspace)
    elapsed = time.monotonic() - started
    assert result.returncode == 1 and elapsed < 2, f"{elapsed:.1f} s\n{describe(result)}"
    assert "all of a project's manifests may hold at most 4194304" in result.stderr, describe(result)


def test_generate_refusals_name_files_from_the_current_directory(sluice, workspace):
    """Findings F12: the ownership and link refusals named files from the root, not from where the command ran."""
    readme = workspace / "generated" / "README.md"
    readme.write_text("written by hand\n", encoding="utf-8")
    result = sluice("generate", "--root", workspace.name, cwd=workspace.parent)
    assert result.returncode == 1, describe(result)
    assert f"error: {workspace.name}/generated/README.md exists and was not written by sluice" in result.stderr, (
        describe(result)
    )
    readme.unlink()
    readme.symlink_to("../pipelines/sluice.yaml")
    result = sluice("generate", "--root", workspace.name, cwd=workspace.parent)
    assert result.returncode == 1, describe(result)
    assert f"error: {workspace.name}/generated/README.md is a symbolic link" in result.stderr, describe(result)

"""The generated GitHub workflows in .github/workflows, checked by real tools, offline:

- zizmor (default persona, offline audits only) reports no finding, with ignore comments and configuration
  disregarded, so a finding can only be fixed, never silenced;
- check-jsonschema validates each workflow against the GitHub workflow schema it ships (vendor.github-workflows);
- shellcheck passes on every `run:` script, as the bash GitHub runs it (`bash -e -o pipefail`);
- shellcheck passes on every committed script of Sources/SluiceEmit/Workflows/Scripts, as a file, following the
  siblings it sources: those files are the scripts' one source, which `sluice generate` inlines into the workflows.

No workflow at all is a failure, not a skip: the example declares a `github` section.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from toolslib import REPO_ROOT, describe, run

WORKFLOWS_DIR = REPO_ROOT / ".github" / "workflows"
SCRIPTS_DIR = REPO_ROOT / "Sources" / "SluiceEmit" / "Workflows" / "Scripts"
EXPECTED = ("sluice-deploy.yml", "sluice-drift.yml", "sluice-pr.yml")
TOOL_TIMEOUT = 120  # seconds, per tool run
BIN = Path(sys.executable).parent  # zizmor and check-jsonschema are installed next to pytest (.venv-tools)


def _workflows() -> list[Path]:
    files = sorted(WORKFLOWS_DIR.glob("*.yml")) if WORKFLOWS_DIR.is_dir() else []
    if not files:
        pytest.fail(f"{WORKFLOWS_DIR} holds no workflow: run `swift run sluice generate`", pytrace=False)
    return files


def _tool(name: str) -> str:
    path = BIN / name
    if not path.is_file():
        pytest.fail(f"{path} is missing: run scripts/tools.sh (it installs tools/requirements.txt)", pytrace=False)
    return str(path)


def _zizmor(paths: list[Path], cwd: Path) -> list[dict]:
    result = run(
        [
            _tool("zizmor"), "--offline", "--no-config", "--no-ignores", "--no-progress", "--format", "json",
            *map(str, paths),
        ],
        cwd=cwd,
        timeout=TOOL_TIMEOUT,
    )
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor printed no JSON:\n{describe(result)}", pytrace=False)
    # Exit codes 10-14 mean findings of some severity; anything else non-zero is a failure to audit.
    assert result.returncode in (0, 10, 11, 12, 13, 14), describe(result)
    return findings


def _run_scripts(path: Path) -> list[tuple[str, str]]:
    """(job/step, script) for every `run:` of a workflow."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    scripts = []
    for job_id, job in document["jobs"].items():
        for index, step in enumerate(job.get("steps", [])):
            if "run" in step:
                scripts.append((f"{job_id}/{step.get('name', index)}", step["run"]))
    return scripts


def test_the_workflows_are_generated():
    names = tuple(path.name for path in _workflows())
    assert names == EXPECTED, f"expected exactly {EXPECTED} in {WORKFLOWS_DIR}, found {names}"


def test_every_run_step_runs_as_its_script_is_written():
    """The committed scripts are written and shellchecked under `set -eo pipefail`. GitHub runs a step with no
    `shell` as `bash -e {0}`, without pipefail (a failing `gh issue list | jq` then reads as "no issue"); with
    `shell: bash` it runs `bash --noprofile --norc -eo pipefail {0}`."""
    for path in _workflows():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        workflow_shell = (document.get("defaults") or {}).get("run", {}).get("shell")
        for job_id, job in document["jobs"].items():
            job_shell = (job.get("defaults") or {}).get("run", {}).get("shell")
            for index, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    shell = step.get("shell") or job_shell or workflow_shell
                    assert shell == "bash", f"{path.name}: {job_id}/{step.get('name', index)} runs without pipefail"


def test_zizmor_finds_nothing():
    workflows = _workflows()
    findings = _zizmor(workflows, REPO_ROOT)
    if findings:
        # zizmor's own rendering, with the source lines, says best what to fix.
        plain = run(
            [_tool("zizmor"), "--offline", "--no-config", "--no-ignores", "--no-progress", "--color", "never",
             *map(str, workflows)],
            cwd=REPO_ROOT,
            timeout=TOOL_TIMEOUT,
        )
        idents = sorted({finding["ident"] for finding in findings})
        pytest.fail(f"zizmor reported {len(findings)} finding(s) ({', '.join(idents)}):\n{plain.stdout}", pytrace=False)


def test_zizmor_catches_an_unpinned_action(tmp_path: Path):
    """The audit above can fail: a tag instead of a commit, and an expression in a script, are reported."""
    source = (WORKFLOWS_DIR / "sluice-pr.yml").read_text(encoding="utf-8")
    broken = source.replace(
        "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "actions/checkout@v4", 1
    ).replace('mkdir -p plans\n', 'mkdir -p "plans/${{ github.head_ref }}"\n', 1)
    assert broken != source
    target = tmp_path / ".github" / "workflows" / "sluice-pr.yml"
    target.parent.mkdir(parents=True)
    target.write_text(broken, encoding="utf-8")
    idents = {finding["ident"] for finding in _zizmor([target], tmp_path)}
    assert {"unpinned-uses", "template-injection"} <= idents, idents


def test_workflows_match_the_github_workflow_schema():
    workflows = _workflows()
    result = run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        cwd=REPO_ROOT,
        timeout=TOOL_TIMEOUT,
    )
    assert result.returncode == 0, describe(result)


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path):
    source = (WORKFLOWS_DIR / "sluice-deploy.yml").read_text(encoding="utf-8")
    broken = source.replace("    timeout-minutes: 60\n", "    timeout-minutes: soon\n", 1)
    assert broken != source
    target = tmp_path / "sluice-deploy.yml"
    target.write_text(broken, encoding="utf-8")
    result = run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(target)],
        cwd=tmp_path,
        timeout=TOOL_TIMEOUT,
    )
    assert result.returncode == 1, describe(result)


def _shellcheck() -> str:
    found = shutil.which("shellcheck")
    if found is None:
        pytest.fail(
            "shellcheck is not on PATH: `apt-get install -y shellcheck` (.ci/run installs it when missing)",
            pytrace=False,
        )
    return found


def test_every_run_script_passes_shellcheck(tmp_path: Path):
    shellcheck = _shellcheck()
    checked = 0
    problems = []
    for workflow in _workflows():
        for where, script in _run_scripts(workflow):
            # Every expression reaches a script through env:, never pasted into its text.
            assert "${{" not in script, f"{workflow.name} {where}: an expression inside a run script"
            path = tmp_path / f"script-{checked}.sh"
            # GitHub runs each script with `bash --noprofile --norc -eo pipefail {0}`.
            path.write_text("# shellcheck shell=bash\n" + script, encoding="utf-8")
            result = run([shellcheck, "--format", "gcc", str(path)], cwd=tmp_path, timeout=TOOL_TIMEOUT)
            if result.returncode != 0:
                problems.append(f"{workflow.name} {where}:\n{result.stdout}{result.stderr}")
            checked += 1
    assert checked > 0, "no run: script found in the workflows"
    assert not problems, "\n".join(problems)


def _check_script_files(paths: list[Path], cwd: Path):
    # -x with the script's own folder as the source path: a script that sources a sibling is checked with it, as the
    # step that runs both (the emitter inlines the sibling where it is sourced).
    return run(
        [_shellcheck(), "--external-sources", "--source-path=SCRIPTDIR", "--format", "gcc", *map(str, paths)],
        cwd=cwd,
        timeout=TOOL_TIMEOUT,
    )


def test_every_committed_script_passes_shellcheck_as_a_file():
    scripts = sorted(SCRIPTS_DIR.glob("*.sh"))
    assert scripts, f"no script in {SCRIPTS_DIR}"
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert text.startswith("#!/usr/bin/env bash\n"), f"{script.name}: no bash shebang"
        assert "\n# sluice:run\n" in text, f"{script.name}: no `# sluice:run` line before what the step runs"
        assert script.stat().st_mode & 0o111, f"{script.name} is not executable"
    # From the repository root, so the sources resolve from the script's folder and not from the working one.
    result = _check_script_files(scripts, REPO_ROOT)
    assert result.returncode == 0, describe(result)


def test_a_committed_script_is_checked_with_the_sibling_it_sources(tmp_path: Path):
    """pr-comment.sh uses run_url, which fit-body.sh sets: without its sibling, shellcheck reports it."""
    alone = tmp_path / "pr-comment.sh"
    alone.write_text((SCRIPTS_DIR / "pr-comment.sh").read_text(encoding="utf-8"), encoding="utf-8")
    result = _check_script_files([alone], tmp_path)
    assert result.returncode == 1 and "run_url is referenced but not assigned" in result.stdout, describe(result)
    (tmp_path / "fit-body.sh").write_text((SCRIPTS_DIR / "fit-body.sh").read_text(encoding="utf-8"), encoding="utf-8")
    result = _check_script_files([alone], tmp_path)
    assert result.returncode == 0, describe(result)


def test_shellcheck_catches_a_bad_script(tmp_path: Path):
    path = tmp_path / "bad.sh"
    path.write_text("# shellcheck shell=bash\nfor file in $(ls plans); do cat $file; done\n", encoding="utf-8")
    result = run([_shellcheck(), str(path)], cwd=tmp_path, timeout=TOOL_TIMEOUT)
    assert result.returncode == 1, describe(result)


def test_sluice_needs_no_file_beside_its_binary(sluice_bin: Path, workspace: Path, tmp_path: Path):
    """The workflow scripts are in the binary: a sluice copied anywhere generates the same workflows, from any folder,
    and looks for no resource bundle (one missing used to crash it with SIGILL and a backtrace, exit 132)."""
    binary = sluice_bin.read_bytes()
    for bundle in (b"_SluiceEmit.resources", b"_SluiceEmit.bundle"):
        assert bundle not in binary, f"sluice looks for a resource bundle ({bundle.decode()}) beside its binary"
    alone = tmp_path / "bin" / "sluice"
    alone.parent.mkdir()
    shutil.copy2(sluice_bin, alone)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run([str(alone), "check", "--root", str(workspace)], cwd=elsewhere, timeout=300)
    assert result.returncode == 0, describe(result)
    assert "generated files are current" in result.stdout, describe(result)

"""`terraform validate` on every generated root module (generated/terraform/*/).

Each stack is copied to a temporary folder (so no .terraform/ or lock file lands in the
repository), initialised without its S3 backend from the local provider mirror, and validated.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from toolslib import GENERATED_TERRAFORM, REPO_ROOT, run, stack_dirs

TERRAFORM_TIMEOUT = 600  # seconds, per terraform command

STACKS = stack_dirs()


def _stack_id(stack: Path | None) -> str:
    return stack.name if stack is not None else "no-stacks-found"


def _terraform(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(["terraform", *args], cwd=cwd, env=env, timeout=TERRAFORM_TIMEOUT)


def _format_diagnostic(diagnostic: dict) -> str:
    where = ""
    rng = diagnostic.get("range")
    if rng:
        start = rng.get("start", {})
        where = f"{rng.get('filename', '?')}:{start.get('line', '?')}:{start.get('column', '?')}: "
    text = f"{where}{diagnostic.get('severity', '?')}: {diagnostic.get('summary', '')}"
    if diagnostic.get("detail"):
        text += f"\n    {diagnostic['detail']}"
    snippet = diagnostic.get("snippet") or {}
    if snippet.get("context"):
        text += f"\n    in {snippet['context']}"
    return text


_results: dict[Path, dict] = {}


def _validate(stack: Path, terraform_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Runs init and validate once per stack; returns the parsed `validate -json` output."""
    if stack in _results:
        return _results[stack]
    files = sorted(stack.glob("*.tf.json"))
    assert files, f"{stack.relative_to(REPO_ROOT)} holds no *.tf.json file"

    work = tmp_path_factory.mktemp(f"tf-{stack.name}") / stack.name
    shutil.copytree(stack, work, ignore=shutil.ignore_patterns(".terraform", ".terraform.lock.hcl", "*.tfstate*"))

    init = _terraform(["init", "-backend=false", "-input=false", "-no-color"], work, terraform_env)
    assert init.returncode == 0, (
        f"terraform init failed for {stack.relative_to(REPO_ROOT)} (exit {init.returncode}):\n"
        f"{init.stdout}\n{init.stderr}"
    )

    validate = _terraform(["validate", "-json", "-no-color"], work, terraform_env)
    try:
        result = json.loads(validate.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"terraform validate -json printed no JSON for {stack.relative_to(REPO_ROOT)} "
            f"(exit {validate.returncode}):\n{validate.stdout}\n{validate.stderr}"
        )
    result["_exit_code"] = validate.returncode
    _results[stack] = result
    return result


def _check_stacks_found(stack: Path | None) -> Path:
    if stack is None:
        pytest.fail(
            f"no stacks: {GENERATED_TERRAFORM.relative_to(REPO_ROOT)}/*/ has no directory; "
            "run `sluice generate` and commit generated/",
            pytrace=False,
        )
    return stack


@pytest.mark.parametrize("stack", STACKS or [None], ids=_stack_id)
def test_stack_is_valid(stack, terraform_env, tmp_path_factory):
    stack = _check_stacks_found(stack)
    result = _validate(stack, terraform_env, tmp_path_factory)
    diagnostics = "\n".join(_format_diagnostic(d) for d in result.get("diagnostics", []))
    assert result.get("valid") is True and result.get("error_count", 0) == 0 and result["_exit_code"] == 0, (
        f"terraform validate: {stack.relative_to(REPO_ROOT)} is not valid "
        f"({result.get('error_count')} errors, {result.get('warning_count')} warnings):\n{diagnostics}"
    )


@pytest.mark.parametrize("stack", STACKS or [None], ids=_stack_id)
def test_stack_has_no_warnings(stack, terraform_env, tmp_path_factory):
    """Warnings (deprecated arguments and the like) are fixed in the generator, not ignored."""
    stack = _check_stacks_found(stack)
    result = _validate(stack, terraform_env, tmp_path_factory)
    warnings = [d for d in result.get("diagnostics", []) if d.get("severity") == "warning"]
    assert not warnings, (
        f"terraform validate: {stack.relative_to(REPO_ROOT)} has {len(warnings)} warnings:\n"
        + "\n".join(_format_diagnostic(d) for d in warnings)
    )

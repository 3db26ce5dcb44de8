"""`terraform validate` on every generated root module (generated/terraform/*/).

Each stack is copied to a temporary folder (so no .terraform/ or lock file lands in the
repository), initialised without its S3 backend from the local provider mirror, and validated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolslib import GENERATED_TERRAFORM, REPO_ROOT, format_diagnostic, stack_dirs, terraform_validate

pytestmark = pytest.mark.terraform

STACKS = stack_dirs()


def _stack_id(stack: Path | None) -> str:
    return stack.name if stack is not None else "no-stacks-found"


_results: dict[Path, dict] = {}


def _validate(stack: Path, terraform_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Runs init and validate once per stack; returns the parsed `validate -json` output."""
    if stack not in _results:
        work = tmp_path_factory.mktemp(f"tf-{stack.name}") / stack.name
        _results[stack] = terraform_validate(stack, work, terraform_env)
    return _results[stack]


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
    diagnostics = "\n".join(format_diagnostic(d) for d in result.get("diagnostics", []))
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
        + "\n".join(format_diagnostic(d) for d in warnings)
    )

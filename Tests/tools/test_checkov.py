"""checkov on generated/terraform, with the skips of .checkov.yaml (each explained in
tools/checkov-skips.yaml).

Only checkov's `terraform_json` framework reads `*.tf.json` files: `--framework terraform`
scans them as nothing at all (0 passed, 0 failed, exit 0).

checkov 3.3.30's terraform_json parser cannot read a `terraform` block that holds a plain
value such as `required_version` ("this method receives only dicts"): the whole file is then
a parsing error and none of its resources are checked. So a parsing error is allowed only in
a file that holds nothing but the `terraform` block (and "//" comments); keep that block in a
file of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from toolslib import CHECKOV_CONFIG as CONFIG
from toolslib import GENERATED_TERRAFORM, REPO_ROOT, CheckovReport, checkov_failures, checkov_report

SKIPS = REPO_ROOT / "tools" / "checkov-skips.yaml"
# Top-level keys a file may hold and still be unreadable to checkov (see the module doc).
TERRAFORM_BLOCK_ONLY = {"//", "terraform"}


@pytest.fixture(scope="module")
def report() -> CheckovReport:
    """checkov's JSON report for the terraform_json framework."""
    if not GENERATED_TERRAFORM.is_dir():
        pytest.fail(f"{GENERATED_TERRAFORM.relative_to(REPO_ROOT)} does not exist: run `sluice generate`", pytrace=False)
    return checkov_report(GENERATED_TERRAFORM)


def _load_yaml(path: Path):
    if not path.is_file():
        pytest.fail(f"{path.relative_to(REPO_ROOT)} does not exist", pytrace=False)
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _top_level_keys(path: Path) -> set[str] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return set(document) if isinstance(document, dict) else None


@pytest.mark.checkov
def test_checkov_checked_resources(report):
    summary = report.get("summary", {})
    assert summary.get("passed", 0) > 0, (
        f"checkov passed no check at all, so it read no resource: summary {summary}\n"
        f"{report['_stderr'][-3000:]}"
    )


@pytest.mark.checkov
def test_checkov_parsed_every_file_with_resources(report):
    errors = report.get("results", {}).get("parsing_errors", [])
    unexpected = []
    for error in errors:
        path = Path(error)
        if not path.is_absolute():
            path = REPO_ROOT / path
        keys = _top_level_keys(path)
        if keys is None or not keys <= TERRAFORM_BLOCK_ONLY:
            unexpected.append(f"{error} (top-level keys: {sorted(keys) if keys is not None else 'not JSON'})")
    assert not unexpected, (
        "checkov could not parse these files, so their resources were not checked "
        "(keep the `terraform` block, with required_version, in a file of its own):\n  "
        + "\n  ".join(unexpected)
        + f"\n--- checkov stderr ---\n{report['_stderr'][-3000:]}"
    )


@pytest.mark.checkov
def test_checkov_has_no_failed_checks(report):
    lines = checkov_failures(report, GENERATED_TERRAFORM)
    assert not lines, (
        f"checkov: {len(lines)} failed checks (fix the generator, or skip the check in .checkov.yaml "
        "with its reason in tools/checkov-skips.yaml):\n  " + "\n  ".join(lines)
    )


def test_every_skip_has_a_reason():
    config = _load_yaml(CONFIG) or {}
    assert isinstance(config, dict), f"{CONFIG.name} must be a mapping"
    skip_list = config.get("skip-check") or []
    assert isinstance(skip_list, list), f"{CONFIG.name}: skip-check must be a list of check ids"
    duplicates = sorted({item for item in skip_list if skip_list.count(item) > 1})
    assert not duplicates, f"{CONFIG.name}: skip-check lists these more than once: {duplicates}"

    reasons = _load_yaml(SKIPS) or {}
    assert isinstance(reasons, dict), f"{SKIPS.relative_to(REPO_ROOT)} must map check id -> reason"

    listed, explained = set(map(str, skip_list)), set(map(str, reasons))
    assert listed == explained, (
        f"{CONFIG.name} skip-check and {SKIPS.relative_to(REPO_ROOT)} differ:\n"
        f"  skipped without a reason: {sorted(listed - explained)}\n"
        f"  reasons for checks not skipped: {sorted(explained - listed)}"
    )
    empty = sorted(str(check) for check, reason in reasons.items() if not isinstance(reason, str) or not reason.strip())
    assert not empty, f"{SKIPS.relative_to(REPO_ROOT)}: these skips have no reason: {empty}"

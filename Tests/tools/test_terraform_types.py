"""The typed Terraform resources (Sources/SluiceCloud/Generated) stay what the generator writes.

scripts/terraform-types/generate.py writes them from the provider's schema. Two drift checks:
- without terraform: the committed schema subset, run through the generator, gives the committed Swift;
- with terraform (the terraform tier): the mirrored provider's schema gives the committed subset and Swift.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toolslib import REPO_ROOT

GENERATOR = REPO_ROOT / "scripts" / "terraform-types" / "generate.py"
SUBSET = REPO_ROOT / "scripts" / "terraform-types" / "schema-subset.json"
GENERATED = REPO_ROOT / "Sources" / "SluiceCloud" / "Generated"


def _generate(*arguments: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), *arguments], capture_output=True, text=True, env=env, timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"generate.py {' '.join(arguments)} failed:\n{result.stderr}"


def _assert_same_folder(written: Path, committed: Path) -> None:
    written_files = {path.name: path.read_text() for path in written.glob("*.generated.swift")}
    committed_files = {path.name: path.read_text() for path in committed.glob("*.generated.swift")}
    assert sorted(written_files) == sorted(committed_files), (
        "the generated files differ from the committed ones: run scripts/terraform-types/generate.py and commit"
    )
    stale = sorted(name for name in written_files if written_files[name] != committed_files[name])
    assert not stale, f"{', '.join(stale)} differ from what the generator writes: run it and commit the output"


def test_generated_swift_matches_the_committed_subset(tmp_path: Path) -> None:
    _generate("--from-subset", "--swift-out", str(tmp_path))
    _assert_same_folder(tmp_path, GENERATED)


@pytest.mark.terraform
def test_committed_subset_matches_the_provider(tmp_path: Path, terraform_env: dict[str, str]) -> None:
    subset = tmp_path / "schema-subset.json"
    _generate("--subset-out", str(subset), "--swift-out", str(tmp_path / "swift"), env=terraform_env)
    assert subset.read_text() == SUBSET.read_text(), (
        "the provider's schema changed for the types Sluice emits: run scripts/terraform-types/generate.py and commit"
    )
    _assert_same_folder(tmp_path / "swift", GENERATED)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            (
                '    "rule.noncurrent_version_expiration",\n]',
                '    "rule.noncurrent_version_expiration", "rule.transition",\n]',
            ),
            "aws_s3_bucket_lifecycle_configuration: the block paths differ from the subset's",
        ),
        (("[types.aws_sqs_queue_policy]", "[types.aws_sfn_activity]\n\n[types.aws_sqs_queue_policy]"), "aws_sfn_activity"),
    ],
    ids=["block-path", "type"],
)
def test_a_list_edit_without_a_new_subset_is_refused(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    listing = (GENERATOR.parent / "resources.toml").read_text()
    assert edit[0] in listing
    edited = tmp_path / "resources.toml"
    edited.write_text(listing.replace(edit[0], edit[1], 1))
    result = subprocess.run(
        [
            sys.executable, str(GENERATOR), "--from-subset", "--list", str(edited),
            "--swift-out", str(tmp_path / "swift"),
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert message in result.stderr
    assert "without --from-subset" in result.stderr
    assert not (tmp_path / "swift").exists()

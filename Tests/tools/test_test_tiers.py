"""The test tiers of scripts/test.sh: the swift-format lint fails the run on any finding, the fast run leaves out
every marked tool test, and a test reaching terraform or Spark without its marker stops the collection."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MARKERS
from toolslib import REPO_ROOT, describe, run

TEST_SH = REPO_ROOT / "scripts" / "test.sh"
LINT = "swift format lint --strict -r Sources Tests pipelines benchmarks Fuzz Package.swift"


def _script() -> str:
    return TEST_SH.read_text(encoding="utf-8")


def test_the_lint_runs_strict_in_both_tiers_before_the_build() -> None:
    lines = [line.strip() for line in _script().splitlines()]
    assert LINT in lines, f"scripts/test.sh must run `{LINT}`"
    lint = lines.index(LINT)
    assert lint < lines.index("swift build --build-tests"), "the lint runs before the build: it takes seconds, the build minutes"
    # Both tiers: the lint is not inside the block that only one of them runs.
    assert lint < next(index for index, line in enumerate(lines) if line.startswith('if [[ "$fast"'))


def test_strict_lint_exits_non_zero_on_a_finding(tmp_path: Path) -> None:
    shutil.copy(REPO_ROOT / ".swift-format", tmp_path / ".swift-format")
    (tmp_path / "Finding.swift").write_text("let  spaced = 1\n", encoding="utf-8")
    result = run(["swift", "format", "lint", "--strict", "-r", "Finding.swift"], cwd=tmp_path, timeout=120)
    assert result.returncode != 0, describe(result)
    assert "Finding.swift:1:4: error:" in result.stderr, describe(result)


def test_the_fast_run_leaves_out_every_marker() -> None:
    match = re.search(r'^FAST_EXCLUDES="([^"]*)"$', _script(), re.MULTILINE)
    assert match, "scripts/test.sh must define FAST_EXCLUDES"
    excluded = set(re.findall(r"not (\w+)", match.group(1)))
    assert excluded == set(MARKERS), f"FAST_EXCLUDES names {sorted(excluded)}; the markers are {sorted(MARKERS)}"


def test_a_test_using_terraform_without_its_marker_stops_the_collection(tmp_path: Path) -> None:
    for name in ("conftest.py", "toolslib.py"):
        shutil.copy(REPO_ROOT / "Tests" / "tools" / name, tmp_path / name)
    (tmp_path / "test_unmarked.py").write_text(
        "def test_validates(terraform_env):\n    pass\n\n\ndef test_plain():\n    pass\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 4, describe(result)
    assert "test_unmarked.py::test_validates uses the terraform_env fixture: mark it @pytest.mark.terraform" in (
        result.stdout + result.stderr
    ), describe(result)

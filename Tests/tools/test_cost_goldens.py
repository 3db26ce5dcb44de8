"""`sluice cost` on two projects, compared byte for byte with committed goldens (Tests/tools/fixtures/cost-goldens):
the example (pipelines/) and Tests/tools/fixtures/cost-project, which differs from it wherever the estimate can (one
account in a region the price table lacks, JSON logs, raw delivery with a small buffer, no replication, x86_64, a
JSON lake, partition projection, a direct-query dataset, a declared volume in GB a day).

Re-record the goldens after a deliberate change to the model, the prices or the reports:

    SLUICE_RECORD_COST_GOLDENS=1 SLUICE_BIN=$(swift build --show-bin-path)/sluice \\
        .venv-tools/bin/pytest -q -p no:cacheprovider Tests/tools/test_cost_goldens.py

and review the diff (`git diff Tests/tools/fixtures/cost-goldens`) before committing it.

Also: the JSON output is the committed generated/cost.json; `--base` reads a base's cost.json (missing: one line, no
comparison; malformed: exit 1 with a located message) and shows what changed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

GOLDENS = REPO_ROOT / "Tests" / "tools" / "fixtures" / "cost-goldens"
PROJECTS = {"example": REPO_ROOT, "checkout": REPO_ROOT / "Tests" / "tools" / "fixtures" / "cost-project"}
FORMATS = {"text": "txt", "markdown": "md", "json": "json"}
RECORD = os.environ.get("SLUICE_RECORD_COST_GOLDENS") == "1"


def _cost(sluice_bin: Path, root: Path, *arguments: str):
    return run([str(sluice_bin), "cost", "--root", str(root), *arguments], cwd=root, timeout=120)


@pytest.mark.parametrize("project", sorted(PROJECTS))
@pytest.mark.parametrize("format", sorted(FORMATS))
def test_cost_output_matches_its_golden(sluice_bin: Path, project: str, format: str):
    result = _cost(sluice_bin, PROJECTS[project], "--format", format)
    assert result.returncode == 0, describe(result)
    golden = GOLDENS / f"{project}.{FORMATS[format]}"
    if RECORD:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(result.stdout.encode("utf-8"))
    assert golden.is_file(), f"{golden} is missing: record it (see this module's docstring)"
    assert result.stdout.encode("utf-8") == golden.read_bytes(), (
        f"`sluice cost --format {format}` of {project} differs from {golden.relative_to(REPO_ROOT)}; if the change "
        "is meant, re-record (see this module's docstring)"
    )


def test_the_text_report_is_at_most_110_columns_wide():
    for project in PROJECTS:
        for line in (GOLDENS / f"{project}.txt").read_text(encoding="utf-8").splitlines():
            assert len(line) <= 110, line


def test_the_json_output_is_the_committed_generated_cost_json(sluice_bin: Path):
    result = _cost(sluice_bin, REPO_ROOT, "--format", "json")
    assert result.returncode == 0, describe(result)
    assert result.stdout == (REPO_ROOT / "generated" / "cost.json").read_text(encoding="utf-8")


def test_a_pipeline_alone(sluice_bin: Path):
    result = _cost(sluice_bin, REPO_ROOT, "--pipeline", "integrations-usage", "--format", "json")
    assert result.returncode == 0, describe(result)
    assert [p["pipeline"] for p in json.loads(result.stdout)["pipelines"]] == ["integrations-usage"]
    unknown = _cost(sluice_bin, REPO_ROOT, "--pipeline", "integrations-usag")
    assert unknown.returncode == 1, describe(unknown)
    assert "no pipeline named 'integrations-usag' (did you mean 'integrations-usage'?)" in unknown.stderr


def test_a_base_without_an_estimate_is_one_line_and_no_error(sluice_bin: Path, tmp_path: Path):
    result = _cost(sluice_bin, REPO_ROOT, "--base", str(tmp_path))
    assert result.returncode == 0, describe(result)
    assert result.stdout.endswith(f"no base estimate at {tmp_path}/generated/cost.json: no comparison\n")


def test_a_malformed_base_is_refused_with_its_location(sluice_bin: Path, tmp_path: Path):
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "cost.json").write_text('{\n  "format": 1,\n  "pipelines": [1,]\n}\n')
    result = _cost(sluice_bin, REPO_ROOT, "--base", str(tmp_path))
    assert result.returncode == 1, describe(result)
    assert result.stderr == f"{tmp_path}/generated/cost.json:3:19: error: expected a value, found ']'\n"
    (tmp_path / "generated" / "cost.json").write_text('{"format": 1, "pipelines": [{"pipeline": 3}]}')
    result = _cost(sluice_bin, REPO_ROOT, "--base", str(tmp_path))
    assert result.returncode == 1, describe(result)
    assert result.stderr == f"{tmp_path}/generated/cost.json: error: at pipelines[0].pipeline: expected a string\n"


@pytest.fixture(scope="module")
def parquet_branch(sluice_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(base, branch, the base's estimate as JSON): the checkout project with its estimate committed, and a copy
    whose manifest turns the JSON lake into Parquet."""
    root = tmp_path_factory.mktemp("cost-delta")
    base = root / "base"
    shutil.copytree(PROJECTS["checkout"] / "pipelines", base / "pipelines")
    estimate = _cost(sluice_bin, base, "--format", "json")
    assert estimate.returncode == 0, describe(estimate)
    (base / "generated").mkdir()
    (base / "generated" / "cost.json").write_text(estimate.stdout, encoding="utf-8")
    branch = root / "branch"
    shutil.copytree(base / "pipelines", branch / "pipelines")
    manifest = branch / "pipelines" / "checkout-events.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "    format: json\n" in text
    manifest.write_text(text.replace("    format: json\n", "    format: parquet\n"), encoding="utf-8")
    return base, branch, estimate.stdout


def test_the_pull_request_section_matches_its_golden(sluice_bin: Path, parquet_branch):
    """What a pull request's comment shows for that change: the Markdown with the delta (base path given relative,
    as the workflow gives it)."""
    base, branch, _ = parquet_branch
    result = run(
        [str(sluice_bin), "cost", "--format", "markdown", "--base", "../base"], cwd=branch, timeout=120
    )
    assert result.returncode == 0, describe(result)
    golden = GOLDENS / "checkout-parquet-delta.md"
    if RECORD:
        golden.write_bytes(result.stdout.encode("utf-8"))
    assert result.stdout.encode("utf-8") == golden.read_bytes(), (
        f"the delta's Markdown differs from {golden.relative_to(REPO_ROOT)}; if meant, re-record"
    )


def test_the_delta_against_a_base_names_the_lines_a_change_moves(sluice_bin: Path, parquet_branch):
    """The checkout project's base, then the branch turns its JSON lake into Parquet: the lake's and the queries'
    lines change, and the total moves by their sum."""
    base, branch, base_estimate = parquet_branch
    same = _cost(sluice_bin, base, "--base", str(base), "--format", "markdown")
    assert same.returncode == 0, describe(same)
    assert "against the base: **$0.00**" in same.stdout and "No line changed." in same.stdout
    result = _cost(sluice_bin, branch, "--base", str(base), "--format", "json")
    assert result.returncode == 0, describe(result)
    document = json.loads(result.stdout)
    delta = document["delta"]
    assert delta["found"] is True
    assert delta["before_usd"] == json.loads(base_estimate)["monthly_usd"]
    assert delta["after_usd"] == document["monthly_usd"]
    changed = {(line["stage"], line["item"]) for line in delta["changed_lines"]}
    assert any(stage == "lake" for stage, _ in changed), changed
    assert abs(sum(line["delta_usd"] for line in delta["changed_lines"]) - delta["delta_usd"]) < 0.05


def test_the_readme_excerpt_is_the_golden_s():
    """README's "`sluice cost`" shows lines of the example's text report: each is one of the golden's."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("The example's estimate (`sluice cost`, excerpt;", 1)[1].split("```\n", 2)[1]
    golden = (GOLDENS / "example.txt").read_text(encoding="utf-8").splitlines()
    shown = [line for line in block.splitlines() if line != "..."]
    assert len(shown) > 5
    stale = [line for line in shown if line not in golden]
    assert not stale, f"README's cost excerpt has lines the example's report no longer prints: {stale}"

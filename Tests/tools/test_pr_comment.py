"""The pull request's comment, built by the committed script itself (Sources/SluiceEmit/Workflows/Scripts/
pr-comment.sh, with fit-body.sh), from plan files as the comment job downloads them and with a test double of `gh`
on PATH (`gh_recording_double`: it answers "no comment yet" and keeps the body it is asked to post).

The project has many pipelines (benchmarks/synth_pipelines.py): 240 on the branch, 200 in the base, so the cost
estimate's summary has more pipelines and changed lines than it can list; the stacks' plans are big enough that the
body is cut to GitHub's limit. The cost section must still be whole in the comment and within its budget
(CostMarkdown.summaryBudget), and the body within WorkflowEmitter.bodyLimit.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from toolslib import REPO_ROOT, describe, run

SCRIPTS = REPO_ROOT / "Sources" / "SluiceEmit" / "Workflows" / "Scripts"
SYNTH = REPO_ROOT / "benchmarks" / "synth_pipelines.py"
SUMMARY_BUDGET = 8_000  # CostMarkdown.summaryBudget; WorkflowScriptTests checks pr-comment.sh spells the same
BODY_LIMIT = 65_000  # WorkflowEmitter.bodyLimit, which fit-body.sh cuts to
DETAILS_MARKER = "<!-- sluice-cost-details -->"  # CostMarkdown.detailsMarker
STACKS = ["production", "analytics"]

GH_DOUBLE = """#!/usr/bin/env bash
# gh_recording_double: `gh api --paginate ...` (the lookup of an existing comment) prints nothing; `gh api --method
# POST|PATCH ... -F body=@FILE` copies FILE to $GH_RECORD.
for argument in "$@"; do
  if [[ "$argument" == body=@* ]]; then cp "${argument#body=@}" "$GH_RECORD"; fi
done
"""


def _synthetic(count: int, root: Path) -> Path:
    result = run([sys.executable, str(SYNTH), str(count), str(root)], cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 0, describe(result)
    return root


def test_the_cost_section_survives_the_cut_and_keeps_its_budget(sluice_bin: Path, tmp_path: Path):
    base = _synthetic(200, tmp_path / "base")
    estimate = run([str(sluice_bin), "cost", "--format", "json", "--root", str(base)], cwd=base, timeout=120)
    assert estimate.returncode == 0, describe(estimate)
    (base / "generated").mkdir()
    (base / "generated" / "cost.json").write_text(estimate.stdout, encoding="utf-8")
    branch = _synthetic(240, tmp_path / "branch")
    cost = run(
        [str(sluice_bin), "cost", "--format", "markdown", "--base", str(base), "--root", str(branch)],
        cwd=branch,
        timeout=120,
    )
    assert cost.returncode == 0, describe(cost)
    assert DETAILS_MARKER in cost.stdout

    work = tmp_path / "job"
    plans = work / "plans"
    plans.mkdir(parents=True)
    (plans / "cost.md").write_text(cost.stdout, encoding="utf-8")
    for stack in STACKS:  # two plans of 40 KB: together beyond GitHub's limit
        rows = "".join(f"| create | `aws_s3_bucket.b{index:05d}` |\n" for index in range(1_200))
        (plans / f"{stack}.md").write_text(f"### {stack}\n\n| action | address |\n|---|---|\n{rows}", encoding="utf-8")
    tools = tmp_path / "bin"
    tools.mkdir()
    gh = tools / "gh"
    gh.write_text(GH_DOUBLE, encoding="utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    record = tmp_path / "body.md"
    env = {
        **os.environ,
        "PATH": f"{tools}:{os.environ['PATH']}",
        "GH_RECORD": str(record),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "acme/logs",
        "GITHUB_RUN_ID": "42",
        "STACKS": " ".join(STACKS),
        "PR_NUMBER": "7",
        "HEAD_SHA": "0123abc",
        "GH_TOKEN": "not-a-token",
    }
    result = subprocess.run(
        ["bash", str(SCRIPTS / "pr-comment.sh")], cwd=work, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "created the plan comment" in result.stdout

    body = record.read_bytes()
    assert len(body) <= BODY_LIMIT, len(body)
    text = body.decode("utf-8")
    assert text.startswith("<!-- sluice-plan -->\n## Sluice plan\n\n### Cost estimate\n")
    assert "_Cut to fit GitHub's limit" in text, "the plans are big enough to be cut"
    summary = cost.stdout.split("\n" + DETAILS_MARKER + "\n")[0]
    assert len(summary.encode("utf-8")) <= SUMMARY_BUDGET
    assert summary in text, "the cost section is whole in the comment"
    assert DETAILS_MARKER not in text
    assert "| pipeline | monthly | change |" in summary
    assert "| new |" in summary, "added pipelines are named as new"
    assert " more pipelines: the full estimate is the `plan-cost` artifact" in summary
    assert "Lines that changed most:" in summary
    # The stacks follow the cost section.
    assert text.index("### Cost estimate") < text.index("### production")

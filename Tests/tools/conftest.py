"""Shared fixtures for the tool tests (run by scripts/test.sh).

The tests drive real tools: the built `sluice` binary (env SLUICE_BIN), terraform with the CLI
config that scripts/tools.sh writes, and checkov from .venv-checkov.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, SLUICE_TIMEOUT, run

# Test tiers. A tool test that needs more than the built binaries, Python and the quick linters says so with one of
# these markers; `scripts/test.sh --fast` leaves the marked ones out (README: "Tests"), the full run takes them all.
MARKERS = {
    "moto": "starts a moto server, the local AWS endpoint (the deploy tests take about six minutes)",
    "terraform": "runs the real terraform binary (init, validate, plan or apply)",
    "checkov": "runs checkov on Terraform files (tens of seconds a run)",
    "spark": "reads files with Spark's Java readers through pyspark (starting Spark takes about 20 seconds)",
    "swift_build": "compiles a Swift package of its own, from scratch the first time (minutes)",
}

# A test reaching one of these fixtures, directly or through another fixture, runs what the marker names: it must
# carry the marker, so that a test added without it cannot slip into the fast tier.
FIXTURE_MARKERS = {"terraform_env": "terraform", "spark": "spark"}


def pytest_configure(config: pytest.Config) -> None:
    for name, meaning in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {meaning}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = []
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        for fixture, marker in FIXTURE_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()) and marker not in marks:
                unmarked.append(f"{item.nodeid} uses the {fixture} fixture: mark it @pytest.mark.{marker}")
    if unmarked:
        raise pytest.UsageError("tests missing their tier marker:\n  " + "\n  ".join(unmarked))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def sluice_bin() -> Path:
    value = os.environ.get("SLUICE_BIN")
    if not value:
        pytest.fail(
            "SLUICE_BIN is not set: run scripts/test.sh, or "
            "`swift build && SLUICE_BIN=$(swift build --show-bin-path)/sluice .venv-tools/bin/pytest Tests/tools`",
            pytrace=False,
        )
    path = Path(value)
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(f"SLUICE_BIN={value} is not an executable file: run `swift build` first", pytrace=False)
    return path


@pytest.fixture(scope="session")
def terraform_env(repo_root: Path) -> dict[str, str]:
    """The environment to run terraform in: providers from the local mirror only, no prompts."""
    config = Path(os.environ.get("SLUICE_TF_CLI_CONFIG_FILE", repo_root / ".tmp" / "terraformrc"))
    if not config.is_file():
        pytest.fail(f"{config} does not exist: run scripts/tools.sh first", pytrace=False)
    if shutil.which("terraform") is None:
        pytest.fail("terraform is not on PATH: run scripts/tools.sh to see what is missing", pytrace=False)
    env = dict(os.environ)
    env.update(
        TF_CLI_CONFIG_FILE=str(config),
        TF_IN_AUTOMATION="1",
        TF_INPUT="0",
        CHECKPOINT_DISABLE="1",
    )
    # A data dir from the caller's environment would be shared between stacks.
    env.pop("TF_DATA_DIR", None)
    return env


@pytest.fixture
def workspace(repo_root: Path, tmp_path: Path) -> Path:
    """A temporary copy of the repository's pipelines/, generated/, .github/ (the generated workflows) and
    Sources/Processors/ (the processors' generated configuration beside their transforms)."""
    for name in ("pipelines", "generated", ".github", "Sources/Processors"):
        source = repo_root / name
        if not source.is_dir():
            pytest.fail(f"{source} does not exist: the repository must carry {name}/", pytrace=False)
        shutil.copytree(source, tmp_path / name, symlinks=True)
    return tmp_path


class SluiceRunner:
    def __init__(self, binary: Path):
        self.binary = binary

    def __call__(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return run([str(self.binary), *args], cwd=cwd, timeout=SLUICE_TIMEOUT)


@pytest.fixture
def sluice(sluice_bin: Path) -> SluiceRunner:
    """`sluice(*args, cwd=...)` runs the binary and returns the CompletedProcess (text, captured)."""
    return SluiceRunner(sluice_bin)

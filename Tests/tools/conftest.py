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


def pytest_configure(config: pytest.Config) -> None:
    # The terraform tier: tests that run terraform with the mirrored provider.
    config.addinivalue_line("markers", "terraform: needs terraform and the mirrored hashicorp/aws provider")

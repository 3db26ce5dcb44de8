"""`sluice dev up` failing after it started its moto server says what is still running and how to stop it, and
`sluice dev down` stops it. Quick: terraform is left off PATH, so the first `terraform init` fails."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, process_is_alive, run

pytestmark = pytest.mark.moto


def test_a_failed_dev_up_names_the_running_server_and_dev_down_stops_it(sluice_bin: Path, tmp_path: Path) -> None:
    moto = REPO_ROOT / ".venv-moto" / "bin" / "moto_server"
    if not moto.exists():
        pytest.fail(f"{moto} does not exist: run scripts/tools.sh", pytrace=False)
    root = tmp_path / "project"
    shutil.copytree(REPO_ROOT / "pipelines", root / "pipelines")
    assert run([str(sluice_bin), "generate", "--root", str(root)], cwd=root, timeout=120).returncode == 0
    bin_dir = tmp_path / "bin"  # `env` only: terraform is not there
    bin_dir.mkdir()
    (bin_dir / "env").symlink_to(shutil.which("env"))
    env = dict(os.environ, PATH=str(bin_dir), SLUICE_MOTO_SERVER=str(moto))
    started = time.monotonic()
    up = run([str(sluice_bin), "dev", "up"], cwd=root, env=env, timeout=120)
    server = json.loads((root / ".sluice" / "dev" / "server.json").read_text())
    try:
        assert up.returncode == 1, describe(up)
        assert time.monotonic() - started < 60
        assert re.search(r"^analytics-images: init \d+\.\ds FAILED$", up.stderr, re.MULTILINE), describe(up)
        assert "terraform is not on PATH" in up.stderr and "install terraform 1.11" in up.stderr, describe(up)
        assert (
            f"the moto server is still running at http://127.0.0.1:{server['port']} (pid {server['pid']}); "
            "stop it with `sluice dev down`" in up.stderr
        ), describe(up)
        assert process_is_alive(server["pid"])
        down = run([str(sluice_bin), "dev", "down"], cwd=root, timeout=60)
        assert down.returncode == 0, describe(down)
        assert f"(pid {server['pid']})" in down.stderr
        assert not process_is_alive(server["pid"])
    finally:
        if process_is_alive(server["pid"]):
            os.kill(server["pid"], 9)

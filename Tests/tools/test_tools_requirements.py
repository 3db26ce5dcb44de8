"""scripts/tools.sh checks every requirement in its first seconds and names the fix of each missing one.

Run on a PATH holding only the commands the script uses (no terraform, no shellcheck, no apt-get to install it),
in a copy of the repository's scripts and requirement files, so nothing real is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from toolslib import REPO_ROOT

# What tools.sh runs before it reports; terraform, shellcheck and apt-get are left out on purpose.
SHIMMED = [
    "awk", "cat", "cut", "df", "dirname", "find", "head", "id", "mkdir", "mktemp", "mv", "python3", "readlink",
    "rm", "sed", "sha256sum", "sort", "swift", "uname",
]


def copy_of_scripts(root: Path) -> Path:
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "scripts" / "tools.sh", root / "scripts" / "tools.sh")
    shutil.copytree(REPO_ROOT / "tools", root / "tools")
    return root / "scripts" / "tools.sh"


def shim_bin(directory: Path, leave_out: set[str]) -> Path:
    directory.mkdir()
    for name in SHIMMED:
        if name in leave_out:
            continue
        # The real interpreter, not a version manager's shell shim (which would need bash and env on PATH).
        found = os.path.realpath(sys.executable) if name == "python3" else shutil.which(name)
        assert found, f"{name} is not on PATH here"
        (directory / name).symlink_to(found)
    return directory


def run_tools(tmp_path: Path, leave_out: set[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    script = copy_of_scripts(tmp_path / "repo")
    bin_dir = shim_bin(tmp_path / "bin", leave_out)
    env = {key: value for key, value in os.environ.items() if not key.startswith("SLUICE_")}
    env["PATH"] = str(bin_dir)
    started = time.monotonic()
    result = subprocess.run(
        ["/bin/bash", str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    return result, time.monotonic() - started


def test_missing_terraform_shellcheck_and_java_are_reported_at_once_with_their_fixes(tmp_path: Path) -> None:
    result, elapsed = run_tools(tmp_path, leave_out=set())
    assert result.returncode == 1, result.stdout + result.stderr
    assert elapsed < 10, f"tools.sh took {elapsed:.1f}s to report what is missing"
    missing = [line for line in result.stderr.splitlines() if line.startswith("scripts/tools.sh: missing: ")]
    assert any("terraform 1.11.x on PATH" in line and "releases.hashicorp.com" in line for line in missing), missing
    assert any("shellcheck" in line and "apt-get install -y shellcheck" in line for line in missing), missing
    # java is not on the shim PATH either.
    assert any("java (17 or later)" in line and "openjdk-17-jre-headless" in line for line in missing), missing
    assert len(missing) == 3, missing
    assert "see README.md" in result.stderr
    # Nothing slow happened first: no venv was built.
    assert not any((tmp_path / "repo").glob(".venv*"))


def test_missing_swift_is_reported_with_where_to_get_it(tmp_path: Path) -> None:
    result, elapsed = run_tools(tmp_path, leave_out={"swift"})
    assert result.returncode == 1
    assert elapsed < 10
    assert "missing: swift (Swift 6.0 or later) on PATH: install a toolchain from https://www.swift.org" in (
        result.stderr
    )


def test_the_readme_lists_every_requirement_tools_sh_checks() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    requirements = readme.split("### Requirements", 1)[1].split("\n## ", 1)[0]
    for needed in ("Swift 6", "libFuzzer", "Python 3.11", "python3-venv", "zlib1g-dev", "libsnappy-dev",
                   "libzstd-dev", "Java 17", "shellcheck",
                   "terraform", "1.11", "5.100", "SLUICE_TF_MIRROR", "GB"):
        assert needed in requirements, f"README's Requirements section does not mention {needed}"


def test_tools_sh_passes_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is not on PATH: run scripts/tools.sh (as root it installs it)"
    scripts = [REPO_ROOT / "scripts" / "tools.sh", REPO_ROOT / "scripts" / "test.sh", REPO_ROOT / ".ci" / "run"]
    result = subprocess.run([shellcheck, "-x", *map(str, scripts)], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

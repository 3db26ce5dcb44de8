"""The repository holds what its set-up and tests need: nothing reads the `shared` folder beside it, and a
`git clone` into an empty folder generates with `swift run sluice generate` (the README's first set-up command).

The clone builds Sluice from scratch, which takes minutes; its scratch folder (`.build-fresh-clone`, ignored by
git) is kept between runs so that the dependencies are built once. scripts/test.sh itself is not run again.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

# Spelled in two parts so that this file does not match itself.
OUTSIDE_REFERENCES = ("../" + "shared", "/work/" + "shared")
SCANNED = ("Tests", "scripts", ".ci", "Sources", "Package.swift", "tools", "README.md")
BUILD_TIMEOUT = 3600


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *SCANNED], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [REPO_ROOT / name for name in listed.split("\0") if name]


def test_nothing_in_the_repository_reads_the_shared_folder_beside_it() -> None:
    offenders = []
    for path in tracked_files():
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for needle in OUTSIDE_REFERENCES:
            if needle in text:
                line = text[: text.index(needle)].count("\n") + 1
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{line}: {needle}")
    assert not offenders, "the repository must hold what it needs:\n" + "\n".join(offenders)


@pytest.mark.swift_build
def test_a_fresh_clone_generates_with_swift_run(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    cloned = run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO_ROOT), str(clone)], cwd=tmp_path, timeout=300)
    assert cloned.returncode == 0, describe(cloned)
    assert not (clone / ".." / "shared").exists()
    scratch = REPO_ROOT / ".build-fresh-clone"
    generated = run(
        ["swift", "run", "--scratch-path", str(scratch), "sluice", "generate"], cwd=clone, timeout=BUILD_TIMEOUT
    )
    assert generated.returncode == 0, describe(generated)
    assert "files generated" in generated.stdout
    # What the clone generates is what is committed: the README's set-up leaves the tree clean.
    status = run(["git", "status", "--porcelain"], cwd=clone, timeout=60)
    assert status.stdout == "", "generate changed committed files in a fresh clone:\n" + status.stdout
    # The vendored SigV4 suite came along, with its license.
    suite = clone / "Tests" / "SluiceRuntimeTests" / "Resources" / "aws-sigv4"
    assert (suite / "LICENSE").is_file() and len(list((suite / "v4").iterdir())) >= 30
    shutil.rmtree(clone)

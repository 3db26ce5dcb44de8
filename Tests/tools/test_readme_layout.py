"""The README's Layout block names every folder of Sources/, and every path it names exists."""

from __future__ import annotations

from toolslib import REPO_ROOT


def layout_block() -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1]
    return section.split("```\n", 2)[1].splitlines()


def test_the_layout_names_every_source_folder():
    lines = layout_block()
    paths = [line.split("  ", 1)[0].strip() for line in lines if line and not line.startswith(" ")]
    named = {part.strip().rstrip("/").removeprefix("Sources/") for path in paths for part in path.split(",")}
    folders = sorted(path.name for path in (REPO_ROOT / "Sources").iterdir() if path.is_dir())
    missing = [folder for folder in folders if folder not in named and f"{folder}/<T>" not in named]
    assert not missing, f"README's Layout does not name Sources/{', Sources/'.join(missing)}"


def test_every_path_in_the_layout_exists():
    for line in layout_block():
        if not line or line.startswith(" "):
            continue
        first = line.split("  ", 1)[0].strip().split(",")[0].strip().replace("<T>/", "")
        assert (REPO_ROOT / first).exists(), f"README's Layout names {first}, which does not exist"

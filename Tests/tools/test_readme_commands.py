"""The README's commands table is one Markdown table holding every `sluice` command, and `sluice --version` prints
the version defined in Sources/SluiceFormats/SluiceVersion.swift."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from toolslib import REPO_ROOT


def commands_section() -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return section.splitlines()


def table_rows(lines: list[str]) -> list[str]:
    """The rows of the first table in `lines`: the header, its separator and every row up to the first non-row."""
    start = next(index for index, line in enumerate(lines) if line.startswith("| command |"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def subcommands(sluice_bin: Path, *path: str) -> list[str]:
    """The subcommands `sluice PATH... --help` lists under SUBCOMMANDS."""
    result = subprocess.run([str(sluice_bin), *path, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    if "SUBCOMMANDS:" not in result.stdout:
        return []
    block = result.stdout.split("SUBCOMMANDS:", 1)[1]
    names = []
    for line in block.splitlines()[1:]:
        if not line.strip():
            break
        match = re.match(r"  ([a-z][a-z-]*)(?:\s|$)", line)  # continuation lines are indented further
        if match and match.group(1) != "help":
            names.append(match.group(1))
    return names


def test_every_command_row_belongs_to_the_one_table() -> None:
    lines = commands_section()
    rows = table_rows(lines)
    assert rows[1].startswith("|---"), "the header row must be followed by its separator"
    command_lines = [line for line in lines if line.startswith("| `sluice")]
    outside = [line[:60] for line in command_lines if line not in rows]
    assert not outside, f"rows cut off from the commands table (a blank line before them?): {outside}"
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)[1:-1]
        assert len(cells) == 3, f"a row of the commands table does not have 3 cells: {row[:80]}"


def test_every_subcommand_of_sluice_help_is_in_the_table(sluice_bin: Path) -> None:
    first_cells = [re.split(r"(?<!\\)\|", row)[1] for row in table_rows(commands_section())[2:]]
    documented = " ".join(first_cells)
    top = subcommands(sluice_bin)
    assert {"validate", "generate", "plan", "apply", "dev"} <= set(top), top
    missing = []
    for name in top:
        nested = subcommands(sluice_bin, name)
        for command in [f"sluice {name} {sub}" for sub in nested] or [f"sluice {name}"]:
            if f"`{command}" not in documented and f"`{command} " not in documented:
                missing.append(command)
    assert not missing, f"commands `sluice --help` lists that the README's table lacks: {missing}"
    assert "`sluice --version`" in documented


def test_version_is_the_one_defined_in_version_swift(sluice_bin: Path) -> None:
    source = (REPO_ROOT / "Sources" / "SluiceFormats" / "SluiceVersion.swift").read_text(encoding="utf-8")
    defined = re.search(r'static let current = "([^"]+)"', source)
    assert defined, "SluiceVersion.swift must define SluiceVersion.current"
    result = subprocess.run([str(sluice_bin), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == defined.group(1)
    assert re.fullmatch(r"\d+\.\d+\.\d+", defined.group(1))

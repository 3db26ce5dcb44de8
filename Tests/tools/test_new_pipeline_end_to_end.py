"""A new pipeline from a sample log, end to end, in a temporary copy of the repository (its tracked and unignored
files, as `git ls-files` lists them): `sluice new pipeline --from-log`, `sluice generate`, `swift build` of the new
processors only, `sluice process` on a Firehose object of the sample's lines. The rows are the lines (none lost:
rows + quarantined = lines), no Swift file or package text was edited by hand (git status in the copy), and the
generated Terraform passes `terraform validate` and checkov.

The processors build from scratch once per run in a scratch folder kept between runs (`.build-new-pipeline`,
ignored by git), so that the dependencies are built once: every case is declared first, then they are built one
product at a time.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, checkov_failures, checkov_report, describe, format_diagnostic, run, terraform_validate

pytestmark = pytest.mark.swift_build

FIXTURES = REPO_ROOT / "Tests" / "tools" / "fixtures" / "new-pipeline"
SCRATCH = REPO_ROOT / ".build-new-pipeline"
BUILD_TIMEOUT = 3600
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]


@dataclass
class Case:
    """One pipeline to declare: its name, sample, the flags beyond --from-log, and what its rows must hold."""

    name: str
    sample: str
    flags: list[str] = field(default_factory=list)
    detected: str = ""
    # Columns every row holds, values some row holds in the named column, and values some row holds in any
    # column (for formats whose proposed column names this test does not fix).
    columns: list[str] = field(default_factory=list)
    first_row: dict = field(default_factory=dict)
    values: list = field(default_factory=list)

    @property
    def target(self) -> str:
        return "".join(part[:1].upper() + part[1:] for part in self.name.split("-"))


CASES = [
    # HAProxy's sample lines (from `sluice sample`), with a Swift transform: the scaffold generate writes must
    # compile as it is and leave the rows to the declarations.
    Case(
        name="edge-haproxy",
        sample="haproxy.log",
        flags=["--transform", "swift"],
        detected="haproxy-http",
        columns=["status", "path", "bytes_read"],
        first_row={"status": 200, "method": "GET", "frontend": "api", "tls": True},
    ),
    # nginx's default `combined` format: IPv6 clients, absent values, a user agent with nginx's \xHH escapes. It
    # parses as `common` too; detection picks `combined`, which reads the referer and user agent.
    Case(
        name="web-nginx",
        sample="nginx-access.log",
        detected="combined",
        columns=["requested_at", "client_address", "status", "path", "user_agent"],
        first_row={"status": 404, "method": "POST", "client_address": "2001:db8::1f", "remote_user": "alice"},
    ),
    # Application JSON: nested objects flattened into columns (`from: http.status`), types inferred from the
    # values, the event time from the `time` column (the format has none of its own).
    Case(
        name="app-json",
        sample="app-json.log",
        detected="json",
        columns=["time", "level", "msg", "http_status", "user_id"],
        first_row={"http_status": 503, "level": "warn", "user_id": "u-4003", "http_method": "POST"},
    ),
]


def copy_repository(destination: Path) -> None:
    """The repository's tracked and unignored files, as the working tree holds them, in a new git repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if not source.is_file() or source.is_symlink():
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "copy"]):
        result = run(GIT + command, cwd=destination, timeout=120)
        assert result.returncode == 0, describe(result)


@pytest.fixture(scope="module")
def project(sluice_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy, with every case declared, generated and its processor built; `bin/` beside it holds sluice and
    the processors, as `sluice process` expects them."""
    base = tmp_path_factory.mktemp("new-pipeline")
    root = base / "repo"
    copy_repository(root)
    for case in CASES:
        result = run(
            [str(sluice_bin), "new", "pipeline", case.name, "--from-log", str(FIXTURES / case.sample), *case.flags,
             "--root", str(root)],
            cwd=root, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, describe(result)
        assert f"detected {case.detected}: " in result.stdout, result.stdout
    generated = run([str(sluice_bin), "generate", "--root", str(root)], cwd=root, timeout=300)
    assert generated.returncode == 0, describe(generated)
    checked = run([str(sluice_bin), "check", "--root", str(root)], cwd=root, timeout=300)
    assert checked.returncode == 0, describe(checked)
    # One product a build: given several `--product`, swift build builds only the last. The first build builds
    # the dependencies they share; the others only their own target.
    for case in CASES:
        built = run(
            ["swift", "build", "--scratch-path", str(SCRATCH), "--product", case.target], cwd=root,
            timeout=BUILD_TIMEOUT,
        )  # fmt: skip
        assert built.returncode == 0, describe(built)
    shown = run(["swift", "build", "--scratch-path", str(SCRATCH), "--show-bin-path"], cwd=root, timeout=300)
    binaries = Path(shown.stdout.strip())
    bin_dir = base / "bin"
    bin_dir.mkdir()
    shutil.copy2(sluice_bin, bin_dir / "sluice")
    for case in CASES:
        shutil.copy2(binaries / case.target, bin_dir / case.target)
    return root


def sample_lines(case: Case) -> list[bytes]:
    return [line for line in (FIXTURES / case.sample).read_bytes().split(b"\n") if line]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_new_processor_turns_every_line_into_a_row_or_a_quarantined_line(case: Case, project: Path, tmp_path: Path):
    lines = sample_lines(case)
    source = tmp_path / "object.gz"
    source.write_bytes(gzip.compress(b"".join(line + b"\n" for line in lines)))
    output = tmp_path / "lake"
    sluice = project.parent / "bin" / "sluice"
    result = run(
        [str(sluice), "process", "--root", str(project), "--pipeline", case.name, "--input", str(source),
         "--output", str(output), "--output-format", "json"],
        cwd=project, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, describe(result)
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["lines"] == len(lines), summary
    assert summary["rows"] + summary["quarantined"] == summary["lines"], summary
    assert summary["rows"] >= len(lines) * 9 // 10, summary
    table = case.name.replace("-", "_")
    rows = []
    for path in sorted((output / "tables" / table).rglob("*.gz")):
        rows += [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines() if line]
    assert len(rows) == summary["rows"]
    for column in case.columns:
        assert column in rows[0], f"{column} not in {sorted(rows[0])}"
    for key, value in case.first_row.items():
        assert any(row.get(key) == value for row in rows), f"no row with {key} = {value!r}"
    for value in case.values:
        assert any(value in row.values() for row in rows), f"no row holds {value!r}: {rows[0]}"


def test_no_hand_edit_only_declarations_generated_files_and_the_new_processors_changed(project: Path):
    status = run(GIT + ["status", "--porcelain", "--untracked-files=all"], cwd=project, timeout=60)
    changed = [line[3:] for line in status.stdout.splitlines()]
    allowed = ("pipelines/", "generated/", ".github/") + tuple(f"Sources/Processors/{case.target}/" for case in CASES)
    unexpected = [path for path in changed if not path.startswith(allowed) and path != "Package.swift"]
    assert not unexpected, f"changed beyond the declarations and generated files: {unexpected}"
    # Package.swift: only the processor list `sluice generate` keeps, between its markers.
    diff = run(GIT + ["diff", "-U0", "--", "Package.swift"], cwd=project, timeout=60).stdout
    edits = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all(line[1:].startswith("let processors = [") for line in edits), diff
    listed = sorted(["IntegrationEnricher"] + [case.target for case in CASES])
    assert "+let processors = [" + ", ".join(f'"{name}"' for name in listed) + "]" in edits, diff


def stacks(project: Path) -> list[Path]:
    return sorted(path for path in (project / "generated" / "terraform").iterdir() if path.is_dir())


@pytest.mark.terraform
def test_terraform_validate_passes_on_every_stack(project: Path, terraform_env, tmp_path: Path):
    for stack in stacks(project):
        result = terraform_validate(stack, tmp_path / stack.name, terraform_env)
        diagnostics = "\n".join(format_diagnostic(d) for d in result.get("diagnostics", []))
        assert result.get("valid") is True and result["_exit_code"] == 0 and not result.get("diagnostics"), (
            f"terraform validate: stack {stack.name}:\n{diagnostics}"
        )


@pytest.mark.checkov
def test_checkov_finds_nothing(project: Path):
    directory = project / "generated" / "terraform"
    report = checkov_report(directory)
    assert report.get("summary", {}).get("passed", 0) > 0, f"checkov checked nothing: {report.get('summary')}"
    lines = checkov_failures(report, directory)
    assert not lines, f"checkov: {len(lines)} failed checks:\n  " + "\n  ".join(lines)

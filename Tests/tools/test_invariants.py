"""Invariants over a corpus of mutated manifests (issue 9): whatever a manifest says, sluice answers with located
errors or generates inert, valid output inside the root's owned folders.

For every case of mutations.corpus() (at least 500, the same on every run):

- `sluice validate` exits 0 or 1 within 2 seconds, never by a signal (a trap is SIGILL); on 1 every line on stderr
  is `path:line:column: error|warning: message` but the closing count.
- When it exits 0, `sluice generate` succeeds (or, when an output folder is a symbolic link, refuses and changes
  nothing), writes only inside generated/, .github/workflows/ and Sources/Processors/ and nothing outside the
  root, every generated JSON and YAML file parses, `terraform validate` passes on every stack, and no generated
  `run:` script contains the text the mutation injected (workflows must pass values through `env:`).

Identical stacks are validated once (by content hash) with one shared `terraform init` (TF_DATA_DIR), two at a
time, so the whole corpus takes a few minutes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from mutations import Case, corpus
from toolslib import REPO_ROOT

CASES = corpus(REPO_ROOT)
OWNED = ("generated/", ".github/workflows/", "Sources/Processors/")
VALIDATE_SECONDS = 2.0
WORKERS = 2
LINE = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning): .+$")
SUMMARY = re.compile(r"^\d+ errors? in the declarations")
# Past 100 diagnostics of one file, validate prints how many more there are instead.
MORE = re.compile(r"^\.\.\. and \d+ more problems? in .+$")


@dataclass
class Outcome:
    problems: list[str] = field(default_factory=list)
    # Content hash -> a copy of each generated stack, for terraform validate.
    stacks: dict[str, Path] = field(default_factory=dict)


def _materialize(case: Case, folder: Path) -> Path:
    root = folder / "root"
    for relative, data in {**case.files}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    for relative, data in case.outside_files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    for relative, target in case.links.items():
        link = root / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        (folder / target).mkdir(parents=True, exist_ok=True) if not (folder / target).exists() else None
        os.symlink(folder / target, link)
    return root


def _snapshot(folder: Path) -> dict[str, str]:
    """Every path under `folder` (links not followed) with what it is: a file's hash, a link's target, or a folder."""
    found: dict[str, str] = {}
    for directory, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(directory) / name
            relative = str(path.relative_to(folder))
            if path.is_symlink():
                found[relative] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[relative] = "dir"
            else:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# A hung run is stopped and reported for its case alone; validate past 2 seconds fails anyway.
TIMEOUTS = {"validate": 10, "generate": 120}
TIMED_OUT = 999


def _run(binary: Path, args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    try:
        result = subprocess.run(
            [str(binary), *args], cwd=cwd, capture_output=True, text=True, errors="replace",
            timeout=TIMEOUTS[args[0]], stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        message = f"did not finish within {TIMEOUTS[args[0]]}s (stopped)"
        result = subprocess.CompletedProcess(args, TIMED_OUT, "", message)
    return result, time.monotonic() - started


def _check_validate(result: subprocess.CompletedProcess[str], seconds: float) -> list[str]:
    problems = []
    if result.returncode < 0:
        problems.append(f"validate died by signal {signal.Signals(-result.returncode).name}:\n{result.stderr[-2000:]}")
    elif result.returncode == TIMED_OUT:
        problems.append(f"validate {result.stderr}")
    elif result.returncode not in (0, 1):
        problems.append(f"validate exited {result.returncode}:\n{result.stderr[-2000:]}")
    if seconds > VALIDATE_SECONDS:
        problems.append(f"validate took {seconds:.2f}s (at most {VALIDATE_SECONDS}s)")
    if result.returncode == 1:
        lines = result.stderr.splitlines()
        unlocated = [line for line in lines if not (LINE.match(line) or SUMMARY.match(line) or MORE.match(line))]
        if unlocated:
            problems.append("validate printed lines that are not `path:line:column: error: message`:\n"
                            + "\n".join(unlocated[:5]))
        if not any(line.split(": ", 2)[1:2] == ["error"] for line in lines if LINE.match(line)):
            problems.append(f"validate exited 1 without a located error:\n{result.stderr[-2000:]}")
    return problems


def _strings(node, under_env: bool = False):
    """Every string of a workflow document, each with whether it sits under an `env:` mapping."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, under_env or key == "env")
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, under_env)
    elif isinstance(node, str):
        yield node, under_env


def _workflow_strings(root: Path) -> list[str]:
    strings = []
    for workflow in sorted((root / ".github" / "workflows").glob("*.yml")):
        strings += [text for text, _ in _strings(yaml.safe_load(workflow.read_text(encoding="utf-8")) or {})]
    return strings


def _run_scripts(root: Path) -> list[str]:
    scripts = []
    for workflow in sorted((root / ".github" / "workflows").glob("*.yml")):
        document = yaml.safe_load(workflow.read_text(encoding="utf-8")) or {}
        for job in (document.get("jobs") or {}).values():
            for step in job.get("steps") or []:
                if isinstance(step, dict) and isinstance(step.get("run"), str):
                    scripts.append(step["run"])
    return scripts


def _check_output(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(root)
        try:
            if path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix in (".yml", ".yaml") and not str(relative).startswith("pipelines/"):
                yaml.safe_load(path.read_text(encoding="utf-8"))
        except (ValueError, yaml.YAMLError) as error:
            problems.append(f"{relative} does not parse: {str(error)[:300]}")
    return problems


def _stack_copies(root: Path, store: Path) -> dict[str, Path]:
    copies = {}
    for stack in sorted((root / "generated" / "terraform").glob("*/")):
        digest = hashlib.sha256()
        for file in sorted(stack.glob("*.tf.json")):
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
        key = digest.hexdigest()
        target = store / key
        if not target.exists():
            # Copied under a name of its own, then renamed: two workers may store the same stack at once.
            staging = Path(tempfile.mkdtemp(dir=store)) / "stack"
            shutil.copytree(stack, staging)
            try:
                os.rename(staging, target)
            except OSError:
                pass  # another worker stored the same stack first
            shutil.rmtree(staging.parent, ignore_errors=True)
        copies[f"{stack.name}:{key}"] = target
    return copies


def _run_case(case: Case, binary: Path, work: Path, store: Path, baseline_scripts: list[str]) -> Outcome:
    outcome = Outcome()
    folder = work / case.id
    root = _materialize(case, folder)
    before = _snapshot(folder)
    result, seconds = _run(binary, ["validate"], root)
    outcome.problems += _check_validate(result, seconds)
    if case.secret and case.secret in result.stdout + result.stderr:
        outcome.problems.append("validate showed the text of a file outside pipelines/")
    if _snapshot(folder) != before:
        outcome.problems.append("validate changed files")
    if result.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        return outcome
    generated, _ = _run(binary, ["generate"], root)
    after = _snapshot(folder)
    changed = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
    if case.generate_refused:
        if generated.returncode != 1 or "symbolic link" not in generated.stderr:
            outcome.problems.append(f"generate did not refuse an output path that is a symbolic link:\n"
                                    f"{generated.stdout[-1000:]}{generated.stderr[-1000:]}")
        if changed:
            outcome.problems.append(f"generate changed files though it refused: {changed[:5]}")
        shutil.rmtree(folder, ignore_errors=True)
        return outcome
    if generated.returncode != 0:
        outcome.problems.append(
            f"validate passed but generate exited {generated.returncode}:\n{generated.stderr[-2000:]}"
        )
        shutil.rmtree(folder, ignore_errors=True)
        return outcome
    stray = [path for path in changed if not (path.startswith("root/") and path[5:].startswith(OWNED))
             and path not in ("root/Sources", "root/.github", "root/generated", "root/.github/workflows",
                              "root/Sources/Processors")]
    if stray:
        outcome.problems.append(f"generate wrote outside the owned folders: {stray[:5]}")
    outcome.problems += _check_output(root)
    if case.secret and any(
        case.secret in path.read_text(encoding="utf-8", errors="replace")
        for path in root.rglob("*") if path.is_file() and not path.is_symlink()
    ):
        outcome.problems.append("generate embedded the text of a file outside pipelines/")
    for script in _run_scripts(root):
        for marker in case.markers:
            if marker in script and not any(marker in known for known in baseline_scripts):
                outcome.problems.append(f"a generated run: script holds manifest text {marker[:60]!r}:\n{script[:500]}")
    # GitHub evaluates `${{ }}` in every value of a workflow, `env:` included: manifest text must never carry one.
    for text in _workflow_strings(root):
        for marker in case.markers:
            if "${{" in marker and marker in text:
                outcome.problems.append(f"a generated workflow value holds the expression {marker!r}: {text[:300]!r}")
    outcome.stacks = _stack_copies(root, store)
    shutil.rmtree(folder, ignore_errors=True)
    return outcome


def _terraform_validate(stacks: list[Path], work: Path, env: dict[str, str]) -> dict[Path, str | None]:
    """Validates each stack with one shared init; returns each stack's problem, None when valid."""
    if not stacks:
        return {}
    data_dir = work / "tf-data"
    init_dir = work / "tf-init"
    shutil.copytree(stacks[0], init_dir)
    env = {**env, "TF_DATA_DIR": str(data_dir)}
    init = subprocess.run(
        ["terraform", "init", "-backend=false", "-input=false", "-no-color"], cwd=init_dir, env=env,
        capture_output=True, text=True, timeout=600,
    )
    if init.returncode != 0:
        return {stack: f"terraform init failed:\n{init.stdout}\n{init.stderr}" for stack in stacks}
    lock = init_dir / ".terraform.lock.hcl"

    def one(stack: Path) -> tuple[Path, str | None]:
        shutil.copy(lock, stack / ".terraform.lock.hcl")
        result = subprocess.run(
            ["terraform", "validate", "-json", "-no-color"], cwd=stack, env=env, capture_output=True, text=True,
            timeout=600,
        )
        try:
            report = json.loads(result.stdout)
        except json.JSONDecodeError:
            return stack, f"terraform validate printed no JSON (exit {result.returncode}):\n{result.stderr[-2000:]}"
        if report.get("valid") and result.returncode == 0:
            return stack, None
        errors = [f"{d.get('summary')}: {d.get('detail', '')[:300]}" for d in report.get("diagnostics", [])]
        return stack, "terraform validate: " + "\n".join(errors[:5])

    with ThreadPoolExecutor(WORKERS) as pool:
        return dict(pool.map(one, stacks))


@pytest.fixture(scope="session")
def outcomes(sluice_bin: Path, terraform_env: dict[str, str], tmp_path_factory, request) -> dict[str, Outcome]:
    # Only the selected cases run (`-k repro` runs the reproducers alone).
    selected = {
        item.callspec.params["case_id"] for item in request.session.items
        if hasattr(item, "callspec") and "case_id" in item.callspec.params
    }
    cases = [case for case in CASES if case.id in selected]
    work = tmp_path_factory.mktemp("invariants")
    store = work / "stacks"
    store.mkdir()
    example = _materialize(CASES[0], work / "baseline")
    _run(sluice_bin, ["generate"], example)
    baseline_scripts = _run_scripts(example)
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda case: _run_case(case, sluice_bin, work / "cases", store, baseline_scripts),
                                cases))
    by_case = {case.id: outcome for case, outcome in zip(cases, results)}
    unique = sorted({path for outcome in results for path in outcome.stacks.values()})
    verdicts = _terraform_validate(unique, work, terraform_env)
    for outcome in results:
        for name, path in outcome.stacks.items():
            if verdicts.get(path):
                outcome.problems.append(f"stack {name.split(':')[0]}: {verdicts[path]}")
    return by_case


def test_the_corpus_has_at_least_500_cases():
    assert len(CASES) >= 500
    assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.terraform
@pytest.mark.parametrize("case_id", [pytest.param(case.id, id=case.id) for case in CASES])
def test_invariants_hold(case_id: str, outcomes: dict[str, Outcome]):
    problems = outcomes[case_id].problems
    assert not problems, f"{case_id}:\n" + "\n".join(problems)

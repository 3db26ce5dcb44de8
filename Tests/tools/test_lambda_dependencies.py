"""What a processor Lambda links: none of the modules only the CLI and the tests need.

A processor's executable (a target under Sources/Processors/) goes into a Lambda image, where every module it links
costs cold-start time and image size and adds code that could run with the function's permissions. The synthetic
traffic generator (SluiceSample) and the local Runtime API server (SluiceLocalRuntime) are their own targets so that
no processor links them; the manifest side (SluiceModel and what builds on it) and the CLI's own dependencies
(ArgumentParser, Yams) stay out too.

Two checks: the target graph from `swift package dump-package` (no processor reaches a forbidden target or product),
and the built processor binaries (no symbol of a forbidden module, so a module pulled in some other way, or code
moved back into a linked module, is caught). The second needs `swift build` (SLUICE_BIN names the built `sluice`;
the processors are beside it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

PROCESSORS = REPO_ROOT / "Sources" / "Processors"

# Targets (of this package) and products (of its dependencies) that no processor may reach.
FORBIDDEN_TARGETS = {
    "SluiceSample", "SluiceLocalRuntime", "SluiceCommands", "SluiceModel", "SluiceDSL", "SluicePipelines",
    "SluiceCloud", "SluiceEmit", "SluiceDeploy",
}
FORBIDDEN_PRODUCTS = {"ArgumentParser", "Yams"}

# Swift mangles a module name as its length and the name, first in every symbol of the module. A type's name is
# also in its metadata as a C string, whichever module holds it: that finds the generator or the server moved back
# into a module a processor links (in a symbol, a word repeated from the module name is abbreviated).
FORBIDDEN_SYMBOLS = [
    b"12SluiceSample", b"18SluiceLocalRuntime", b"14SluiceCommands", b"11SluiceModel", b"14ArgumentParser",
    b"SampleGenerator\x00", b"TrafficModel\x00", b"LocalRuntimeServer\x00",
]


def dependency_name(dependency: dict) -> tuple[str, str]:
    """("target" or "product", name) of one entry of a target's `dependencies` in dump-package's JSON."""
    for kind in ("byName", "target", "product"):
        if kind in dependency:
            return kind, dependency[kind][0]
    raise AssertionError(f"a dependency dump-package writes in an unknown shape: {dependency}")


def reachable(package: dict, root: str) -> dict[str, list[str]]:
    """Every target and product reachable from the target `root`, each with the path that reaches it."""
    targets = {target["name"]: target for target in package["targets"]}
    paths = {root: [root]}
    pending = [root]
    while pending:
        name = pending.pop()
        for dependency in targets[name]["dependencies"]:
            kind, dependency_target = dependency_name(dependency)
            if dependency_target in paths:
                continue
            paths[dependency_target] = paths[name] + [dependency_target]
            # A name is a target of this package, or a product of a dependency (which this graph does not open).
            if kind != "product" and dependency_target in targets:
                pending.append(dependency_target)
    return paths


def processor_targets(package: dict) -> list[str]:
    return sorted(
        target["name"]
        for target in package["targets"]
        if target["type"] == "executable" and (target.get("path") or "").startswith("Sources/Processors/")
    )


def violations(package: dict) -> list[str]:
    """One line per forbidden target or product a processor reaches, with the path that reaches it."""
    found = []
    for processor in processor_targets(package):
        for name, path in sorted(reachable(package, processor).items()):
            if name in FORBIDDEN_TARGETS or name in FORBIDDEN_PRODUCTS:
                found.append(f"{processor} links {name}: {' -> '.join(path)}")
    return found


@pytest.fixture(scope="module")
def package() -> dict:
    env = {key: value for key, value in os.environ.items() if key != "SLUICE_FUZZ"}
    result = run(["swift", "package", "dump-package"], cwd=REPO_ROOT, env=env, timeout=600)
    assert result.returncode == 0, describe(result)
    return json.loads(result.stdout)


def test_every_processor_folder_is_an_executable_target(package: dict) -> None:
    folders = sorted(path.name for path in PROCESSORS.iterdir() if path.is_dir())
    assert folders, f"no processors under {PROCESSORS}"
    assert processor_targets(package) == folders


def test_the_forbidden_modules_exist(package: dict) -> None:
    # Otherwise a rename would make the graph check pass over nothing.
    names = {target["name"] for target in package["targets"]}
    assert FORBIDDEN_TARGETS <= names, f"not targets of the package: {sorted(FORBIDDEN_TARGETS - names)}"
    reached = reachable(package, "SluiceCommands")
    assert {"SluiceSample", "SluiceLocalRuntime", "ArgumentParser", "Yams"} <= reached.keys(), sorted(reached)


def test_no_processor_reaches_a_cli_or_test_module(package: dict) -> None:
    assert violations(package) == []


def test_the_graph_check_finds_a_module_linked_again(package: dict) -> None:
    # The check itself, on the package with the generator linked back into the processing module.
    mutated = json.loads(json.dumps(package))
    processing = next(target for target in mutated["targets"] if target["name"] == "SluiceProcessing")
    processing["dependencies"].append({"byName": ["SluiceSample", None]})
    assert any(line.startswith("IntegrationEnricher links SluiceSample: ") for line in violations(mutated)), (
        violations(mutated)
    )


def test_no_processor_binary_holds_a_cli_or_test_module(sluice_bin: Path) -> None:
    cli = sluice_bin.read_bytes()
    # The needles are right: the CLI, which links all of these, holds every one.
    assert [needle for needle in FORBIDDEN_SYMBOLS if needle not in cli] == []
    for folder in sorted(path for path in PROCESSORS.iterdir() if path.is_dir()):
        binary = sluice_bin.parent / folder.name
        assert binary.is_file(), f"{binary} is not built: run `swift build`"
        data = binary.read_bytes()
        assert b"16SluiceProcessing" in data, f"{binary} has no symbols of SluiceProcessing: stripped?"
        assert [needle for needle in FORBIDDEN_SYMBOLS if needle in data] == [], binary

"""The typed Terraform resources catch mistakes at compile time: a misspelled argument, or a reference to an
attribute the provider's schema does not have, does not compile; the same file spelled right does.

Each case is a small Swift file type-checked with `swiftc -typecheck` against the SluiceCloud module that
`swift build` left beside SLUICE_BIN, with the flags SwiftPM compiled SluiceCloud with (its package name, so that
`package` declarations are visible, and the C module maps its dependencies need), read from the build's
description.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

CONTROL = """\
import SluiceCloud

let group = CloudWatchLogGroup.Handle(address: Address("aws_cloudwatch_log_group", "source"))
let stream = CloudWatchLogStream(logGroupName: "\\(group.name)", name: "delivery")
let retention = CloudWatchLogGroup(name: "/aws/example", retentionInDays: 7)
let arn: TerraformExpression = group.arn
"""

# Each case: the control with one mistake, and what the compiler must say about it.
CASES = {
    "misspelled-argument": (
        CONTROL.replace("retentionInDays: 7", "retentionInDay: 7"),
        "incorrect argument label in call (have 'name:retentionInDay:', expected 'name:retentionInDays:')",
    ),
    "missing-attribute": (
        CONTROL.replace("group.arn", "group.url"),
        "value of type 'CloudWatchLogGroup.Handle' has no member 'url'",
    ),
    "misspelled-block-argument": (
        CONTROL.replace(
            'retentionInDays: 7)',
            'retentionInDays: 7)\nlet rule = S3BucketOwnershipControls.Rule(objectOwnrship: "BucketOwnerEnforced")',
        ),
        "incorrect argument label in call (have 'objectOwnrship:', expected 'objectOwnership:')",
    ),
}


def _compiler_flags(bin_path: Path) -> list[str]:
    """swiftc flags to import SluiceCloud as the package's own code does."""
    description = bin_path / "description.json"
    if not description.is_file():
        pytest.fail(f"{description} does not exist: run `swift build` first", pytrace=False)
    commands = json.loads(description.read_text())["swiftCommands"]
    module = next((command for name, command in commands.items() if name.startswith("C.SluiceCloud-")), None)
    if module is None:
        pytest.fail(f"{description} has no command that builds SluiceCloud", pytrace=False)
    arguments = module["otherArguments"]
    flags = ["-I", module["importPath"], "-swift-version", "6"]
    for index, argument in enumerate(arguments[:-1]):
        if argument in ("-package-name", "-Xcc"):
            flags += [argument, arguments[index + 1]]
    return flags


@pytest.fixture(scope="module")
def typecheck(sluice_bin: Path, tmp_path_factory: pytest.TempPathFactory):
    swiftc = shutil.which("swiftc")
    if swiftc is None:
        pytest.fail("swiftc is not on PATH", pytrace=False)
    flags = _compiler_flags(sluice_bin.parent)
    folder = tmp_path_factory.mktemp("typecheck")

    def run(name: str, source: str) -> subprocess.CompletedProcess[str]:
        file = folder / f"{name}.swift"
        file.write_text(source)
        return subprocess.run(
            [swiftc, "-typecheck", *flags, str(file)], capture_output=True, text=True, timeout=300, check=False
        )

    return run


def test_the_control_compiles(typecheck) -> None:
    result = typecheck("control", CONTROL)
    assert result.returncode == 0, f"the control file does not compile:\n{result.stderr}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mistake_does_not_compile(typecheck, case: str) -> None:
    source, diagnostic = CASES[case]
    result = typecheck(case, source)
    assert result.returncode != 0, f"{case} compiled"
    assert f"error: {diagnostic}" in result.stderr, result.stderr

"""`sluice check` fails, with the fix, when a declared processor would not build, and `sluice generate` fixes what
it can: on a copy of the example's pipelines/, Package.swift and processor sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

TRANSFORM = Path("Sources/Processors/IntegrationEnricher/Transform.swift")


@pytest.fixture
def root(sluice_bin: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO_ROOT / "pipelines", project / "pipelines")
    shutil.copytree(REPO_ROOT / "Sources" / "Processors", project / "Sources" / "Processors")
    shutil.copy2(REPO_ROOT / "Package.swift", project / "Package.swift")
    generated = run([str(sluice_bin), "generate", "--root", str(project)], cwd=project, timeout=300)
    assert generated.returncode == 0, describe(generated)
    return project


def sluice(sluice_bin: Path, root: Path, *args: str):
    return run([str(sluice_bin), *args, "--root", str(root)], cwd=root, timeout=300)


def test_a_package_manifest_without_the_processor_list_fails_with_the_lines_to_add(sluice_bin: Path, root: Path):
    package = root / "Package.swift"
    package.write_text(package.read_text().replace("// sluice:processors:begin", "// an older manifest"))
    for command in ("check", "generate"):
        result = sluice(sluice_bin, root, command)
        assert result.returncode == 1, describe(result)
        assert "Package.swift:1:1: error: builds no processor of Sources/Processors" in result.stderr, describe(result)
        assert '// sluice:processors:begin\nlet processors = ["IntegrationEnricher"]\n' in result.stderr
    assert "// an older manifest" in package.read_text()


def test_transform_swift_without_its_file_fails_check_and_generate_writes_it_once(sluice_bin: Path, root: Path):
    manifest = root / "pipelines" / "integrations-usage.yaml"
    text = manifest.read_text().replace("  name: integration-enricher\n", "  name: integration-enricher\n  transform: swift\n")
    manifest.write_text(text)
    line = text[: text.index("  transform: swift")].count("\n") + 1
    # The example declares its columns: its processor has no Transform.swift until a pipeline asks for one.
    assert not (root / TRANSFORM).exists()
    check = sluice(sluice_bin, root, "check")
    assert check.returncode == 1
    assert (
        f"pipelines/integrations-usage.yaml:{line}:14: error: processor 'integration-enricher' declares transform: "
        f"swift, but {TRANSFORM} is missing; run `sluice generate`"
    ) in check.stderr, describe(check)
    generate = sluice(sluice_bin, root, "generate")
    assert generate.returncode == 0, describe(generate)
    assert f"wrote {TRANSFORM}" in generate.stdout
    assert "func derive(_ record: HAProxyRecord, into row: inout Columns)" in (root / TRANSFORM).read_text()
    check = sluice(sluice_bin, root, "check")
    assert check.returncode == 0 and check.stderr == "", describe(check)
    (root / TRANSFORM).write_text("// mine\n")
    generate = sluice(sluice_bin, root, "generate")
    assert generate.returncode == 0 and str(TRANSFORM) not in generate.stdout, describe(generate)
    assert (root / TRANSFORM).read_text() == "// mine\n"


def test_a_processor_renamed_makes_the_list_stale_until_generate_writes_it(sluice_bin: Path, root: Path):
    manifest = root / "pipelines" / "integrations-usage.yaml"
    manifest.write_text(manifest.read_text().replace("  name: integration-enricher\n", "  name: usage-parser\n"))
    check = sluice(sluice_bin, root, "check")
    assert check.returncode == 1
    assert "error: the processor list" in check.stderr and "(UsageParser); run `sluice generate`" in check.stderr
    generate = sluice(sluice_bin, root, "generate")
    assert generate.returncode == 0 and "wrote Package.swift" in generate.stdout, describe(generate)
    assert 'let processors = ["UsageParser"]\n' in (root / "Package.swift").read_text()
    assert sluice(sluice_bin, root, "check").returncode == 0

"""The schema guard's acceptance, with the real `sluice` binary: on a copy of the example, `sluice generate` makes
the base (its generated/ kept as base/generated), then the manifest is edited as a pull request would and
`sluice schema-diff --base base` (the comparison `sluice plan --base` runs first) is read.

Renaming, retyping and removing a column the example's view `integration_usage` reads each name that view, the
dataset `integration-usage` and the dashboard `integrations-overview`, and are refused (exit 1) without
`--allow-schema-change` and pass with it; adding a column is not refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from toolslib import describe

MANIFEST = Path("pipelines") / "integrations-usage.yaml"
TABLE = "integrations.integration_requests"
USERS = "view integration_usage; dataset integration-usage; dashboard integrations-overview"


def _base(sluice, workspace: Path) -> None:
    result = sluice("generate", cwd=workspace)
    assert result.returncode == 0, describe(result)
    shutil.copytree(workspace / "generated", workspace / "base" / "generated")


def _edit(workspace: Path, *replacements: tuple[str, str]) -> None:
    path = workspace / MANIFEST
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"the example no longer holds {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _diff(sluice, workspace: Path, *args: str):
    return sluice("schema-diff", "--base", "base", *args, cwd=workspace)


RENAME = ('- { name: user_id, type: string, from: "request_headers[1]" }',
          '- { name: user_key, type: string, from: "request_headers[1]" }')
RETYPE = ("      - name: integration_id\n        type: string\n", "      - name: integration_id\n        type: bigint\n")
# The lookup fills the column too: it goes from both.
REMOVE = (("      - { name: integration_name, type: string }\n", ""),
          ("columns: [integration_name, integration_vendor]", "columns: [integration_vendor]"))


def test_rename_retype_and_remove_are_refused_naming_their_users(sluice, workspace):
    cases = [
        ((RENAME,), "integration_requests.user_id",
         f"REFUSED renamed {TABLE}.user_id -> user_key (string)", "'user_key' reads null",
         "(visuals: integrations-overview: Users per integration)"),
        ((RETYPE,), "integration_requests.integration_id",
         f"REFUSED retyped {TABLE}.integration_id (string -> bigint)", "HIVE_BAD_DATA", USERS + "\n"),
        (REMOVE, "integration_requests.integration_name",
         f"REFUSED removed {TABLE}.integration_name (string)", "COLUMN_NOT_FOUND",
         "(visuals: integrations-overview: Requests by integration, integrations-overview: Users per integration)"),
    ]
    _base(sluice, workspace)
    original = (workspace / MANIFEST).read_text(encoding="utf-8")
    for replacements, allowance, line, effect, visuals in cases:
        (workspace / MANIFEST).write_text(original, encoding="utf-8")
        _edit(workspace, *replacements)

        refused = _diff(sluice, workspace)
        assert refused.returncode == 1, describe(refused)
        assert f"{line} (allow with --allow-schema-change {allowance})" in refused.stdout, describe(refused)
        assert effect in refused.stdout, describe(refused)
        assert f"used by: {USERS}" in refused.stdout and visuals in refused.stdout, describe(refused)
        assert "--allow-schema-change TABLE.COLUMN" in refused.stderr, describe(refused)

        markdown = _diff(sluice, workspace, "--markdown")
        assert markdown.returncode == 1, describe(markdown)
        assert ":no_entry: **Refused**" in markdown.stdout and f"- `{allowance}`" in markdown.stdout
        for name in ("`integration_usage`", "`integration-usage`", "`integrations-overview`"):
            assert name in markdown.stdout, describe(markdown)

        allowed = _diff(sluice, workspace, "--allow-schema-change", allowance)
        assert allowed.returncode == 0, describe(allowed)
        assert "REFUSED" not in allowed.stdout and line.replace("REFUSED", "ALLOWED") in allowed.stdout


def test_an_added_column_is_not_refused_and_a_stale_allowance_is_an_error(sluice, workspace):
    _base(sluice, workspace)
    _edit(workspace, ("      - { name: account_plan, type: string }\n",
                      "      - { name: account_plan, type: string }\n"
                      "      - { name: request_path, type: string, from: path }\n"))

    added = _diff(sluice, workspace)
    assert added.returncode == 0, describe(added)
    assert f"  added {TABLE}.request_path (string)\n" in added.stdout, describe(added)
    assert "reads null" in added.stdout and "REFUSED" not in added.stdout

    stale = _diff(sluice, workspace, "--allow-schema-change", "integration_requests.status")
    assert stale.returncode == 1, describe(stale)
    assert "integration_requests.status: no such breaking change" in stale.stderr, describe(stale)


def test_no_base_schema_is_one_line_and_no_error(sluice, workspace):
    (workspace / "base").mkdir()
    result = _diff(sluice, workspace)
    assert result.returncode == 0, describe(result)
    assert "no base schema at base/generated/schema.json: nothing compared" in result.stdout, describe(result)

    (workspace / "base" / "generated").mkdir()
    (workspace / "base" / "generated" / "schema.json").write_text("{", encoding="utf-8")
    broken = _diff(sluice, workspace)
    assert broken.returncode == 1 and "cannot read the base schema base/generated/schema.json" in broken.stderr

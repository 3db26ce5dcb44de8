"""Alarms and dashboards name only metrics the processor emits (same style as the processor config drift test).

Every reference to a metric in namespace `Sluice` in generated/terraform/**/*.tf.json is collected: the top-level
`namespace`/`metric_name`/`dimensions` of each `aws_cloudwatch_metric_alarm` and each `metric_query[].metric` (the
metric math alarms), and each metric array of each widget of each `aws_cloudwatch_dashboard`'s `dashboard_body`
(`["Sluice", "Rows", "Pipeline", "x", "Table", "y", {...}]`, with the `.` and `...` shorthands CloudWatch reads).
`drift()` compares them with the metrics record the processor actually writes (`sluice process`, emflib): a
metric it does not emit, a dimension set other than the record's (CloudWatch keeps each set a metric of its own,
so an alarm on another set sees no data), or a dimension value other than the record's (the pipeline's name as
declared, the output table) is a finding.

The checker is tested on hand-written stacks (Tests/tools/fixtures/emf/drift-*.tf.json), one good, one naming an
unknown metric, one with the wrong dimensions. Over the real generated/ the test also fails when nothing references
a Sluice metric at all: the alarms and the dashboard of issue 13 must watch the processor's metrics.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import emflib
from toolslib import GENERATED_TERRAFORM, REPO_ROOT

NAMESPACE = "Sluice"
FIXTURES = REPO_ROOT / "Tests" / "tools" / "fixtures" / "emf"


@dataclass(frozen=True)
class Reference:
    """A metric an alarm or a dashboard names: where, which metric, and its dimensions (name to value)."""

    origin: str
    metric: str
    dimensions: dict


def _blocks(value) -> list[dict]:
    """A Terraform JSON block, written as one object or a list of them, as a list."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def _resources(stack: dict, kind: str) -> list[tuple[str, dict]]:
    found = []
    for resources in _blocks(stack.get("resource")):
        for named in _blocks(resources.get(kind)):
            found.extend((f"{kind}.{name}", body) for name, body in named.items() if isinstance(body, dict))
    return found


def _expand(entry: list, previous: list | None) -> list:
    """A dashboard metric array with CloudWatch's shorthands written out: `"."` repeats the previous array's value
    at the same position, a leading `"..."` repeats its values up to where the rest of this array takes over."""
    options = [item for item in entry if isinstance(item, dict)]
    values = [item for item in entry if not isinstance(item, dict)]
    if previous is None:
        return entry
    before = [item for item in previous if not isinstance(item, dict)]
    if values[:1] == ["..."]:
        rest = values[1:]
        values = before[: max(len(before) - len(rest), 0)] + rest
    values = [before[index] if value == "." and index < len(before) else value for index, value in enumerate(values)]
    return values + options


def references(stack: dict, file: str) -> tuple[list[Reference], list[str]]:
    """The Sluice metrics the alarms and dashboards of a stack name, and what could not be read."""
    found: list[Reference] = []
    unreadable: list[str] = []
    for address, body in _resources(stack, "aws_cloudwatch_metric_alarm"):
        origin = f"{file}: {address}"
        if body.get("namespace") == NAMESPACE:
            found.append(Reference(origin, body.get("metric_name"), dict(body.get("dimensions") or {})))
        for query in _blocks(body.get("metric_query")):
            for metric in _blocks(query.get("metric")):
                if metric.get("namespace") == NAMESPACE:
                    where = f"{origin} metric_query {query.get('id')!r}"
                    found.append(Reference(where, metric.get("metric_name"), dict(metric.get("dimensions") or {})))
    for address, body in _resources(stack, "aws_cloudwatch_dashboard"):
        origin = f"{file}: {address}"
        try:
            dashboard = json.loads(body.get("dashboard_body", ""))
        except (TypeError, json.JSONDecodeError) as error:
            unreadable.append(f"{origin}: dashboard_body is not JSON ({error}): the check cannot read its metrics")
            continue
        for index, widget in enumerate(dashboard.get("widgets") or []):
            previous = None
            for row, entry in enumerate((widget.get("properties") or {}).get("metrics") or []):
                if not isinstance(entry, list):
                    continue
                entry = _expand(entry, previous)
                previous = entry
                values = [item for item in entry if not isinstance(item, dict)]
                if len(values) < 2 or values[0] != NAMESPACE:
                    continue  # an expression, or another namespace
                where = f"{origin} widget {index} metric {row}"
                pairs = values[2:]
                if len(pairs) % 2:
                    unreadable.append(f"{where}: {entry} has a dimension name without its value")
                    continue
                found.append(Reference(where, values[1], dict(zip(pairs[::2], pairs[1::2]))))
    return found, unreadable


def drift(found: list[Reference], records: list[dict]) -> list[str]:
    """Each reference that names what none of `records` emits: a metric, a dimension set or a dimension value."""
    problems: list[str] = []
    emitted: dict[str, set[str]] = {}
    dimension_sets: list[set[str]] = []
    values: dict[str, dict] = {}  # pipeline name -> the record's dimension values
    for record in records:
        for directive in record["_aws"]["CloudWatchMetrics"]:
            if directive["Namespace"] != NAMESPACE:
                continue
            for dimension_set in directive["Dimensions"]:
                names = set(dimension_set)
                if names not in dimension_sets:
                    dimension_sets.append(names)
                    emitted[",".join(sorted(names))] = set()
                emitted[",".join(sorted(names))].update(metric["Name"] for metric in directive["Metrics"])
                values.setdefault(record.get("Pipeline"), {}).update({name: record[name] for name in names})
    every_metric = set().union(*emitted.values()) if emitted else set()
    for reference in found:
        names = set(reference.dimensions)
        if reference.metric not in every_metric:
            problems.append(
                f"{reference.origin} names metric {NAMESPACE}/{reference.metric}, which the processor does not emit "
                f"(it emits {', '.join(sorted(every_metric))})"
            )
            continue
        if names not in dimension_sets:
            problems.append(
                f"{reference.origin} names {NAMESPACE}/{reference.metric} with dimensions {sorted(names)}; the "
                f"processor emits it with {' or '.join(str(sorted(s)) for s in dimension_sets)} only"
            )
            continue
        if reference.metric not in emitted[",".join(sorted(names))]:
            problems.append(f"{reference.origin}: {reference.metric} is not emitted with dimensions {sorted(names)}")
            continue
        expected = values.get(reference.dimensions.get("Pipeline"))
        if expected is None:
            problems.append(
                f"{reference.origin} names pipeline {reference.dimensions.get('Pipeline')!r}, whose processor wrote "
                f"none of the records checked (pipelines: {sorted(map(str, values))})"
            )
            continue
        for name in sorted(names):
            if reference.dimensions[name] != expected.get(name):
                problems.append(
                    f"{reference.origin}: dimension {name} is {reference.dimensions[name]!r}; the processor "
                    f"writes {expected.get(name)!r}"
                )
    return problems


def stack_references(files: list[Path]) -> tuple[list[Reference], list[str]]:
    found: list[Reference] = []
    unreadable: list[str] = []
    for file in files:
        label = str(file.relative_to(REPO_ROOT))
        more, bad = references(json.loads(file.read_text(encoding="utf-8")), label)
        found += more
        unreadable += bad
    return found, unreadable


@pytest.fixture(scope="module")
def record(sluice_bin: Path, repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The record the example's processor writes for a sample object (`sluice process`)."""
    folder = tmp_path_factory.mktemp("drift")
    obj, lookups = emflib.sample(sluice_bin, repo_root, folder)
    processed = emflib.process(sluice_bin, repo_root, obj, lookups, folder / "out")
    assert processed.result.returncode == 0, processed.result.stderr
    return processed.record


def test_the_good_stack_has_no_drift(record: dict):
    found, unreadable = stack_references([FIXTURES / "drift-good.tf.json"])
    assert unreadable == []
    # One plain and two metric math references in the alarms, four dashboard rows (shorthands expanded); the
    # Lambda alarm and the Lambda row are another namespace.
    assert sorted(reference.metric for reference in found) == [
        "Lines", "Lines", "Lines", "Quarantined", "Quarantined", "Rows", "Rows",
    ]  # fmt: skip
    assert all(reference.dimensions == {"Pipeline": "integrations-usage", "Table": "integration_requests"}
               for reference in found), found  # fmt: skip
    assert drift(found, [record]) == []


def test_an_unknown_metric_is_found(record: dict):
    found, unreadable = stack_references([FIXTURES / "drift-unknown-metric.tf.json"])
    assert unreadable == []
    problems = drift(found, [record])
    assert len(problems) == 1, problems
    assert "names metric Sluice/RowsWritten, which the processor does not emit" in problems[0], problems
    assert "widget 0 metric 1" in problems[0], problems


def test_wrong_dimensions_are_found(record: dict):
    found, _ = stack_references([FIXTURES / "drift-wrong-dimensions.tf.json"])
    problems = drift(found, [record])
    assert len(problems) == 1, problems
    assert "names Sluice/Rows with dimensions ['Pipeline']" in problems[0], problems
    assert "aws_cloudwatch_metric_alarm.integrations_usage_no_rows" in problems[0], problems


def test_every_reference_kind_is_checked(record: dict):
    """A fault in each place a reference can be (a metric math query, a dashboard row after a shorthand, a
    dimension value, an unreadable body) is found, not skipped."""
    good = json.loads((FIXTURES / "drift-good.tf.json").read_text(encoding="utf-8"))
    dashboard = good["resource"]["aws_cloudwatch_dashboard"]["integrations_usage"]

    in_query = copy.deepcopy(good)
    in_query["resource"]["aws_cloudwatch_metric_alarm"]["integrations_usage_quarantine_ratio"]["metric_query"][2][
        "metric"
    ][0]["metric_name"] = "Line"
    problems = drift(references(in_query, "stack")[0], [record])
    assert [p.split(" names ")[0] for p in problems] == [
        "stack: aws_cloudwatch_metric_alarm.integrations_usage_quarantine_ratio metric_query 'lines'"
    ], problems

    after_shorthand = copy.deepcopy(good)
    body = json.loads(dashboard["dashboard_body"])
    body["widgets"][2]["properties"]["metrics"][1][3] = "integrations_usage"  # the Table value, then `...` repeats it
    after_shorthand["resource"]["aws_cloudwatch_dashboard"]["integrations_usage"]["dashboard_body"] = json.dumps(body)
    problems = drift(references(after_shorthand, "stack")[0], [record])
    assert len(problems) == 2 and all("dimension Table is 'integrations_usage'" in p for p in problems), problems

    other_pipeline = copy.deepcopy(good)
    other_pipeline["resource"]["aws_cloudwatch_metric_alarm"]["integrations_usage_no_rows"]["dimensions"] = {
        "Pipeline": "integrations_usage", "Table": "integration_requests",
    }  # fmt: skip
    problems = drift(references(other_pipeline, "stack")[0], [record])
    assert len(problems) == 1 and "names pipeline 'integrations_usage'" in problems[0], problems

    templated = copy.deepcopy(good)
    templated["resource"]["aws_cloudwatch_dashboard"]["integrations_usage"]["dashboard_body"] = "${jsonencode(local.x)}"
    assert len(references(templated, "stack")[1]) == 1


def test_generated_alarms_and_dashboards_name_only_emitted_metrics(record: dict):
    files = sorted(GENERATED_TERRAFORM.rglob("*.tf.json"))
    assert files, f"{GENERATED_TERRAFORM} holds no stack: run `swift run sluice generate`"
    found, unreadable = stack_references(files)
    assert unreadable == []
    assert found, (
        "no alarm or dashboard in generated/terraform names a metric in namespace Sluice: the alarms (no rows, "
        "quarantine ratio) and the dashboard of issue 13 must watch the processor's metrics"
    )
    assert drift(found, [record]) == []

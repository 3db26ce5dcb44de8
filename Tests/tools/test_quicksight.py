"""The QuickSight API inputs under generated/quicksight, validated by botocore against the input shape of
their operation in the `quicksight` service model (offline: no client, no credentials, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import botocore.session
import pytest
from botocore.validate import ParamValidator

from toolslib import REPO_ROOT

FILES = sorted((REPO_ROOT / "generated" / "quicksight").glob("*/*.json"))
OPERATIONS = {"CreateDataSource", "CreateDataSet", "CreateDashboard"}


@pytest.fixture(scope="module")
def model():
    return botocore.session.get_session().get_service_model("quicksight")


def test_there_are_inputs_to_validate():
    assert FILES, "generated/quicksight holds no JSON: run `sluice generate` on a pipeline with dashboards"
    operations = {json.loads(path.read_text())["operation"] for path in FILES}
    assert operations == OPERATIONS, f"expected one of each of {sorted(OPERATIONS)}, found {sorted(operations)}"


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.relative_to(REPO_ROOT).as_posix())
def test_input_matches_the_operation_shape(path: Path, model):
    document = json.loads(path.read_text())
    assert document["operation"] in OPERATIONS
    shape = model.operation_model(document["operation"]).input_shape
    report = ParamValidator().validate(document["input"], shape)
    assert not report.has_errors(), f"{path.name}:\n{report.generate_report()}"


def test_validation_catches_a_wrong_input(model):
    """The check above can fail: a misspelt key in a real input is reported."""
    dashboard = next(path for path in FILES if json.loads(path.read_text())["operation"] == "CreateDashboard")
    document = json.loads(dashboard.read_text())
    document["input"]["Definition"]["Sheet"] = document["input"]["Definition"].pop("Sheets")
    report = ParamValidator().validate(document["input"], model.operation_model("CreateDashboard").input_shape)
    assert report.has_errors()

"""The committed price table (pricing/prices.json), its generated Swift and its refresh script.

- The generated Swift (Sources/SluiceCost/Generated/CommittedPrices.swift) is what scripts/prices/generate.py writes
  from the committed JSON today: a figure edited without regenerating fails here.
- The JSON validates with check-jsonschema against pricing/prices.schema.json, whose keys are PriceKey's.
- scripts/prices/refresh.py, run offline on the excerpts of AWS's offer files under
  Tests/tools/fixtures/prices/ (written for these tests in the offer files' format), updates the figures it can map
  (the first priced tier, scaled to the table's unit), lists the ones it keeps, and fails in one line without
  network.
Fast tier: Python and check-jsonschema only (about two seconds).
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import socket
import sys
from pathlib import Path

import pytest

from toolslib import REPO_ROOT, describe, run

PRICES = REPO_ROOT / "pricing" / "prices.json"
SCHEMA = REPO_ROOT / "pricing" / "prices.schema.json"
GENERATE = REPO_ROOT / "scripts" / "prices" / "generate.py"
REFRESH = REPO_ROOT / "scripts" / "prices" / "refresh.py"
COMMITTED_SWIFT = REPO_ROOT / "Sources" / "SluiceCost" / "Generated" / "CommittedPrices.swift"
PRICE_KEY_SWIFT = REPO_ROOT / "Sources" / "SluiceCost" / "PriceKey.swift"
OFFERS = REPO_ROOT / "Tests" / "tools" / "fixtures" / "prices"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"  # installed next to pytest (.venv-tools)
TIMEOUT = 60  # seconds, per script run
OFFER_BASE = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws"


def price_keys() -> set[str]:
    return set(re.findall(r'^\s*case\s+\w+\s*=\s*"([^"]+)"', PRICE_KEY_SWIFT.read_text(), re.MULTILINE))


def python(script: Path, *arguments: str, cwd: Path):
    return run([sys.executable, str(script), *arguments], cwd=cwd, timeout=TIMEOUT)


def check_jsonschema(*instances: Path, schema: Path, cwd: Path):
    if not CHECK_JSONSCHEMA.is_file():
        pytest.fail(f"{CHECK_JSONSCHEMA} is missing: run scripts/tools.sh", pytrace=False)
    return run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, instances)], cwd=cwd, timeout=TIMEOUT)


def test_the_generated_swift_is_current(tmp_path: Path):
    result = python(GENERATE, "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, describe(result)
    fresh = (tmp_path / COMMITTED_SWIFT.name).read_text()
    assert fresh == COMMITTED_SWIFT.read_text(), "run `python3 scripts/prices/generate.py` and commit the Swift"


def test_the_generator_refuses_a_region_missing_a_key(tmp_path: Path):
    table = json.loads(PRICES.read_text())
    del table["regions"]["eu-west-1"]["athena.per_tb_scanned"]
    broken = tmp_path / "prices.json"
    broken.write_text(json.dumps(table))
    result = python(GENERATE, "--prices", str(broken), "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1, describe(result)
    assert "eu-west-1: missing keys athena.per_tb_scanned" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / COMMITTED_SWIFT.name).exists()


def test_the_table_validates_against_its_schema(tmp_path: Path):
    result = check_jsonschema(PRICES, schema=SCHEMA, cwd=tmp_path)
    assert result.returncode == 0, describe(result)


def test_the_schema_names_every_price_key_and_rejects_what_it_should(tmp_path: Path):
    schema = json.loads(SCHEMA.read_text())
    assert set(schema["$defs"]["region"]["required"]) == price_keys()
    table = json.loads(PRICES.read_text())
    bad = {
        "negative": ("us-east-1", "s3.put_per_1000", "value", -0.005),
        "undated": ("eu-west-2", "athena.per_tb_scanned", "as_of", "December 2026"),
        "unsourced": ("eu-west-1", "lambda.requests_per_million", "source", "Infracost"),
        "plain http": ("eu-west-1", "glue.crawler_dpus", "source", "http://aws.amazon.com/glue/pricing/"),
    }
    instances = []
    for name, (region, key, field, value) in bad.items():
        mutated = json.loads(json.dumps(table))
        mutated["regions"][region][key][field] = value
        instances.append(tmp_path / f"{name.replace(' ', '-')}.json")
        instances[-1].write_text(json.dumps(mutated))
    # One run for all (check-jsonschema takes a second to start); each file must be named among the failures.
    result = check_jsonschema(*instances, schema=SCHEMA, cwd=tmp_path)
    assert result.returncode == 1, describe(result)
    for instance in instances:
        assert f"{instance.name}::" in result.stdout + result.stderr, f"{instance.name} passed: {describe(result)}"


@pytest.fixture
def refreshed(tmp_path: Path) -> tuple[dict, object, Path]:
    prices = tmp_path / "prices.json"
    shutil.copy(PRICES, prices)
    swift = tmp_path / "swift"
    result = python(REFRESH, "--offline", str(OFFERS), "--prices", str(prices), "--region", "eu-west-1",
                    "--region", "us-east-1", "--swift-out", str(swift), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, describe(result)
    return json.loads(prices.read_text()), result, swift


def test_refresh_updates_the_figures_it_maps_from_the_offer_files(refreshed):
    table, _, _ = refreshed
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    lambda_eu = f"{OFFER_BASE}/AWSLambda/20261120000000/eu-west-1/index.json"
    glue_eu = f"{OFFER_BASE}/AWSGlue/20261120000000/eu-west-1/index.json"
    expected = {
        # $0.0000002 per request × 1,000,000 = $0.20 per million.
        ("eu-west-1", "lambda.requests_per_million"): (0.2, lambda_eu),
        # The tier beginning at 0 of three listed out of order (0.0000133334 and 0.000015 are the later tiers).
        ("eu-west-1", "lambda.gb_second_x86_64"): (0.0000166667, lambda_eu),
        # The -ARM product, not the x86 one its name extends, nor Lambda-Provisioned-GB-Second.
        ("eu-west-1", "lambda.gb_second_arm64"): (0.0000133334, lambda_eu),
        ("eu-west-1", "glue.crawler_per_dpu_hour"): (0.44, glue_eu),
        # The free first million (a tier priced 0) is skipped: $0.000001 × 1,000,000 = $1.00 per million.
        ("eu-west-1", "glue.catalog_requests_per_million"): (1.0, glue_eu),
        # us-east-1's usagetypes carry no region prefix.
        ("us-east-1", "lambda.requests_per_million"): (0.2, f"{OFFER_BASE}/AWSLambda/20261120000000/us-east-1/index.json"),
    }  # fmt: skip
    for (region, key), (value, source) in expected.items():
        figure = table["regions"][region][key]
        assert figure["value"] == pytest.approx(value, rel=1e-9), (region, key, figure)
        assert figure["source"] == source, (region, key)
        assert figure["as_of"] == today and figure["verified"] is True, (region, key, figure)


def test_refresh_keeps_and_lists_what_it_cannot_map(refreshed):
    table, result, _ = refreshed
    committed = json.loads(PRICES.read_text())
    # A service the index lacks, a product the offer file lacks, a billing rule, a region not asked for.
    for region, key in [("eu-west-1", "athena.per_tb_scanned"), ("eu-west-1", "glue.catalog_per_100k_objects_month"),
                        ("us-east-1", "firehose.record_increment_kb"), ("eu-west-2", "lambda.requests_per_million")]:
        assert table["regions"][region][key] == committed["regions"][region][key], (region, key)
    assert "eu-west-1 athena.per_tb_scanned: the index lists no service AmazonAthena" in result.stdout
    assert "eu-west-1 glue.catalog_per_100k_objects_month: no priced Catalog-Storage product" in result.stdout
    assert "every region firehose.record_increment_kb: refresh.py has no offer-file mapping" in result.stdout
    assert "eu-west-2" not in result.stdout


def test_refresh_regenerates_the_swift_from_the_refreshed_table(refreshed):
    _, _, swift = refreshed
    text = (swift / COMMITTED_SWIFT.name).read_text()
    assert f'source: "{OFFER_BASE}/AWSGlue/20261120000000/eu-west-1/index.json"' in text


def test_refresh_fails_in_one_line_without_network(tmp_path: Path):
    with socket.socket() as probe:  # a port nothing listens on: bound, never accepted, closed before the run
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    prices = tmp_path / "prices.json"
    shutil.copy(PRICES, prices)
    result = python(REFRESH, "--prices", str(prices), "--base-url", f"http://127.0.0.1:{port}", cwd=tmp_path)
    assert result.returncode == 1, describe(result)
    assert result.stderr.startswith("refresh.py: cannot read http://127.0.0.1:"), result.stderr
    assert "use --offline DIR" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert prices.read_bytes() == PRICES.read_bytes()


def test_refresh_refuses_a_region_the_table_lacks(tmp_path: Path):
    prices = tmp_path / "prices.json"
    shutil.copy(PRICES, prices)
    result = python(REFRESH, "--offline", str(OFFERS), "--prices", str(prices), "--region", "ap-south-2", cwd=tmp_path)
    assert result.returncode == 1, describe(result)
    assert result.stderr.startswith("refresh.py: ap-south-2 not in ") and "Traceback" not in result.stderr
    assert prices.read_bytes() == PRICES.read_bytes()


@pytest.mark.parametrize("contents", [b"[1, 2]", b'{"currency": "USD", "regions": {"us-east-1": 5}}', b"\xff\xfe"],
                         ids=["a list", "a region that is a number", "not UTF-8"])  # fmt: skip
def test_the_generator_refuses_a_malformed_table_in_one_line(tmp_path: Path, contents: bytes):
    broken = tmp_path / "prices.json"
    broken.write_bytes(contents)
    result = python(GENERATE, "--prices", str(broken), "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1, describe(result)
    assert result.stderr.startswith("generate.py: ") and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / COMMITTED_SWIFT.name).exists()


def test_refresh_refuses_offer_files_of_another_shape_and_changes_nothing(tmp_path: Path):
    offers = tmp_path / "offers"
    shutil.copytree(OFFERS, offers)
    lambda_eu = offers / "offers/v1.0/aws/AWSLambda/20261120000000/eu-west-1/index.json"
    offer = json.loads(lambda_eu.read_text())
    offer["products"] = ["not", "a", "mapping"]
    lambda_eu.write_text(json.dumps(offer))
    prices = tmp_path / "prices.json"
    shutil.copy(PRICES, prices)
    result = python(REFRESH, "--offline", str(offers), "--prices", str(prices), "--region", "eu-west-1",
                    "--no-generate", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1, describe(result)
    assert result.stderr.startswith("refresh.py: an offer file") and "Traceback" not in result.stderr, result.stderr
    assert prices.read_bytes() == PRICES.read_bytes()


def test_refresh_skips_an_infinite_price(tmp_path: Path):
    offers = tmp_path / "offers"
    shutil.copytree(OFFERS, offers)
    lambda_eu = offers / "offers/v1.0/aws/AWSLambda/20261120000000/eu-west-1/index.json"
    lambda_eu.write_text(lambda_eu.read_text().replace('"0.0000002000"', '"Infinity"'))
    assert "Infinity" in lambda_eu.read_text()
    prices = tmp_path / "prices.json"
    shutil.copy(PRICES, prices)
    result = python(REFRESH, "--offline", str(offers), "--prices", str(prices), "--region", "eu-west-1",
                    "--no-generate", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, describe(result)
    assert "Infinity" not in prices.read_text()
    assert "eu-west-1 lambda.requests_per_million: no priced Request product" in result.stdout

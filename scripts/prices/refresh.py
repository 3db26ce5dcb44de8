#!/usr/bin/env python3
"""Refreshes pricing/prices.json from AWS's public Price List offer files, then regenerates the Swift.

    python3 scripts/prices/refresh.py                       # reads the offer files over the network
    python3 scripts/prices/refresh.py --offline DIR         # reads saved offer files from DIR instead
    python3 scripts/prices/refresh.py --region eu-west-1    # only that region (repeatable)

The offer files: https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json lists each service's
`currentRegionIndexUrl`; that region index gives each region's `currentVersionUrl`, an offer file whose `products`
(sku -> productFamily and attributes: usagetype, group, ...) and `terms.OnDemand` (sku -> offer -> priceDimensions:
unit, beginRange, pricePerUnit.USD) hold the prices. For each key in MAPPINGS it takes the product whose usagetype
(without its region prefix, `EU-`, `USE1-`, ...) is the one named, and the lowest tier priced above zero (free tiers
are deliberately not applied), scales it to the table's unit, and writes value, source (the offer file's URL),
as_of (today) and verified=true. Keys it cannot map, or whose product a region's offer file lacks, keep their
figures and are listed. --offline DIR mirrors the URLs' paths under DIR (DIR/offers/v1.0/aws/index.json, ...).

Python 3.11 standard library only. Exits 1 with one line (no traceback) when the offer files cannot be read.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import pathlib
import subprocess
import sys
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
PRICES = ROOT / "pricing/prices.json"
GENERATOR = ROOT / "scripts/prices/generate.py"
BASE_URL = "https://pricing.us-east-1.amazonaws.com"
INDEX_PATH = "/offers/v1.0/aws/index.json"
TIMEOUT_SECONDS = 30

# key -> (service code, usagetype without region prefix, factor from USD per offer unit to the table's unit).
MAPPINGS: dict[str, tuple[str, str, float]] = {
    "logs.ingestion_per_gb": ("AmazonCloudWatch", "DataProcessing-Bytes", 1),
    "logs.storage_per_gb_month": ("AmazonCloudWatch", "TimedStorage-ByteHrs", 1),
    "firehose.ingestion_per_gb": ("AmazonKinesisFirehose", "BilledBytes", 1),
    "firehose.format_conversion_per_gb": ("AmazonKinesisFirehose", "DataFormatConversion-Bytes", 1),
    "s3.standard_per_gb_month": ("AmazonS3", "TimedStorage-ByteHrs", 1),
    "s3.put_per_1000": ("AmazonS3", "Requests-Tier1", 1_000),
    "s3.get_per_1000": ("AmazonS3", "Requests-Tier2", 1_000),
    "eventbridge.events_per_million": ("AWSEvents", "Event-64K-Chunks", 1_000_000),
    "lambda.requests_per_million": ("AWSLambda", "Request", 1_000_000),
    "lambda.gb_second_x86_64": ("AWSLambda", "Lambda-GB-Second", 1),
    "lambda.gb_second_arm64": ("AWSLambda", "Lambda-GB-Second-ARM", 1),
    "sqs.requests_per_million": ("AWSQueueService", "Requests-Tier1", 1_000_000),
    "athena.per_tb_scanned": ("AmazonAthena", "DataScannedInTB", 1),
    "glue.crawler_per_dpu_hour": ("AWSGlue", "Crawler-DPU-Hour", 1),
    "glue.catalog_per_100k_objects_month": ("AWSGlue", "Catalog-Storage", 100_000),
    "glue.catalog_requests_per_million": ("AWSGlue", "Catalog-Request", 1_000_000),
}


class RefreshError(Exception):
    pass


class OfferSource:
    """Reads offer files by URL path, over the network or from a folder mirroring the paths."""

    def __init__(self, base_url: str, offline: pathlib.Path | None) -> None:
        self.base_url = base_url.rstrip("/")
        self.offline = offline

    def url(self, path: str) -> str:
        return self.base_url + path

    def read(self, path: str) -> dict:
        if self.offline is not None:
            file = self.offline / path.lstrip("/")
            try:
                return json.loads(file.read_text())
            except FileNotFoundError:
                raise RefreshError(f"{file} does not exist") from None
            except (OSError, ValueError) as error:  # ValueError: not UTF-8 or not JSON
                raise RefreshError(f"{file}: {error}") from None
        url = self.url(path)
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise RefreshError(f"{url}: HTTP {error.code}") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:  # OSError: sockets, TLS
            reason = getattr(error, "reason", error)
            raise RefreshError(f"cannot read {url} ({reason}): no network? use --offline DIR") from None
        except ValueError as error:  # not UTF-8 or not JSON
            raise RefreshError(f"{url}: not JSON ({error})") from None


def bare_usagetype(usagetype: str) -> str:
    """The usagetype without its region prefix (`EU-BilledBytes` -> `BilledBytes`); us-east-1's often has none."""
    prefix, _, rest = usagetype.partition("-")
    return rest if rest and prefix.isupper() and prefix.isalnum() and len(prefix) <= 5 else usagetype


def first_priced_tier(offer: dict, sku: str) -> float | None:
    """The USD price of the lowest tier above zero of a product's on-demand terms, or None."""
    tiers = []
    for term in offer.get("terms", {}).get("OnDemand", {}).get(sku, {}).values():
        for dimension in term.get("priceDimensions", {}).values():
            try:
                price = float(dimension["pricePerUnit"]["USD"])
                begin = float(dimension.get("beginRange", "0"))
            except (KeyError, TypeError, ValueError):
                continue
            # An infinite price would be written into the table (json.dumps allows it) and fail only the generator.
            if price > 0 and math.isfinite(price) and math.isfinite(begin):
                tiers.append((begin, price))
    return min(tiers)[1] if tiers else None


def find_price(offer: dict, usagetype: str) -> float | None:
    for sku, product in offer.get("products", {}).items():
        if bare_usagetype(product.get("attributes", {}).get("usagetype", "")) == usagetype:
            price = first_priced_tier(offer, sku)
            if price is not None:
                return price
    return None


def refresh(table: dict, source: OfferSource, regions: list[str], today: str) -> tuple[list[str], list[str]]:
    """Updates `table` in place; returns (refreshed, kept) lines."""
    services = source.read(INDEX_PATH).get("offers", {})
    region_urls: dict[str, dict] = {}
    refreshed, kept, unmapped = [], [], set()
    for region in regions:
        figures = table["regions"][region]
        for key in sorted(figures):
            if key not in MAPPINGS:
                unmapped.add(key)
                continue
            service, usagetype, factor = MAPPINGS[key]
            if service not in services:
                kept.append(f"{region} {key}: the index lists no service {service}")
                continue
            if service not in region_urls:
                region_urls[service] = source.read(services[service]["currentRegionIndexUrl"]).get("regions", {})
            version = region_urls[service].get(region, {}).get("currentVersionUrl")
            if version is None:
                kept.append(f"{region} {key}: {service} has no offer file for {region}")
                continue
            price = find_price(source.read(version), usagetype)
            if price is None:
                kept.append(f"{region} {key}: no priced {usagetype} product in {source.url(version)}")
                continue
            value = round(price * factor, 10)
            figures[key].update(value=value, source=source.url(version), as_of=today, verified=True)
            refreshed.append(f"{region} {key} = {value:g} {figures[key]['unit']}")
    # Billing rules, per-user prices and figures whose product this script does not know: listed once.
    kept += [f"every region {key}: refresh.py has no offer-file mapping for it" for key in sorted(unmapped)]
    return refreshed, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offline", type=pathlib.Path, metavar="DIR", help="read saved offer files from DIR")
    parser.add_argument("--prices", type=pathlib.Path, default=PRICES, help="the table to update (default: %(default)s)")
    parser.add_argument("--region", action="append", help="refresh only this region (repeatable; default: all)")
    parser.add_argument("--base-url", default=BASE_URL, help=argparse.SUPPRESS)
    parser.add_argument("--swift-out", type=pathlib.Path, help="where generate.py writes (default: its own)")
    parser.add_argument("--no-generate", action="store_true", help="do not run generate.py afterwards")
    arguments = parser.parse_args(argv)
    try:
        table = json.loads(arguments.prices.read_text())
    except (OSError, ValueError) as error:  # ValueError: not UTF-8 or not JSON
        print(f"refresh.py: {arguments.prices}: {error}", file=sys.stderr)
        return 1
    if not isinstance(table, dict) or not isinstance(table.get("regions"), dict):
        print(f"refresh.py: {arguments.prices}: must be an object with a `regions` object", file=sys.stderr)
        return 1
    regions = arguments.region or sorted(table.get("regions", {}))
    unknown = [region for region in regions if region not in table.get("regions", {})]
    if unknown:
        print(f"refresh.py: {', '.join(unknown)} not in {arguments.prices}: add the region with every key first "
              "(the us-east-1 figures, verified false), then refresh it", file=sys.stderr)
        return 1
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    try:
        refreshed, kept = refresh(table, OfferSource(arguments.base_url, arguments.offline), regions, today)
    except RefreshError as error:
        print(f"refresh.py: {error}", file=sys.stderr)
        return 1
    except (AttributeError, KeyError, TypeError) as error:
        # An offer file (or the table) of another shape than the one described above: say so, change nothing.
        print(f"refresh.py: an offer file or {arguments.prices} is not shaped as expected ({type(error).__name__}: "
              f"{error}); nothing was changed", file=sys.stderr)
        return 1
    arguments.prices.write_text(json.dumps(table, indent=2, sort_keys=True) + "\n")
    print(f"refreshed {len(refreshed)} figures:")
    print("".join(f"  {line}\n" for line in refreshed), end="")
    print(f"kept {len(kept)} figures as they were:")
    print("".join(f"  {line}\n" for line in kept), end="")
    if arguments.no_generate:
        return 0
    command = [sys.executable, str(GENERATOR), "--prices", str(arguments.prices)]
    if arguments.swift_out:
        command += ["--out", str(arguments.swift_out)]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

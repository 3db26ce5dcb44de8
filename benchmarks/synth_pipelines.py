#!/usr/bin/env python3
"""Writes a project with N synthetic pipelines (distinct names, log groups, processors and databases) for benchmarks.

Usage: synth_pipelines.py COUNT OUTPUT_DIR
The pipelines are variations of the example: every stage present, a mix of delivery modes, crawler schedules,
projection, replication and enrichment, so the generator does the same work per pipeline as for a real one.
"""
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def pipeline(index: int) -> str:
    name = f"synthetic-{index:04d}"
    mode = "raw" if index % 3 == 0 else "extracted"
    if index % 4 == 0:
        discovery = "  projection:\n    key: dt\n    since: 2024-01-01\n"
    else:
        discovery = f"  crawler:\n    schedule: cron({index % 60} * * * ? *)\n"
    replication = "" if index % 5 == 0 else "replication:\n  account: analytics\n"
    enrichment = ""
    if index % 2 == 0:
        enrichment = (
            "  enrichment:\n"
            f"    catalog: directory_{index:04d}\n"
            "    connector: arn:aws:lambda:eu-west-1:222222222222:function:directory-connector\n"
            "    lookups:\n"
            "      - { name: account, schema: directory, table: accounts, key: account_id, match: account_id,"
            " columns: [account_name] }\n"
        )
    return (
        f"name: {name}\n"
        f"description: Synthetic pipeline {index}\n"
        "source:\n"
        "  account: production\n"
        f"  log_group: /haproxy/synthetic/{index:04d}\n"
        "  filter_pattern: '\"/api/\"'\n"
        "delivery:\n"
        f"  mode: {mode}\n"
        f"{replication}"
        "processor:\n"
        f"  name: worker-{index:04d}\n"
        f"{enrichment}"
        "  output:\n"
        "    table: requests\n"
        "    columns:\n"
        "      - { name: requested_at, type: timestamp }\n"
        "      - { name: account_id, type: string }\n"
        "      - { name: account_name, type: string }\n"
        "      - { name: status, type: int }\n"
        "      - { name: bytes_read, type: bigint }\n"
        "    partition_keys:\n"
        "      - { name: dt, type: string }\n"
        "catalog:\n"
        f"  database: synthetic_{index:04d}\n"
        f"{discovery}"
    )


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count = int(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    (out / "pipelines").mkdir(parents=True)
    shutil.copy(ROOT / "pipelines" / "sluice.yaml", out / "pipelines" / "sluice.yaml")
    for index in range(count):
        (out / "pipelines" / f"synthetic-{index:04d}.yaml").write_text(pipeline(index))


if __name__ == "__main__":
    main()

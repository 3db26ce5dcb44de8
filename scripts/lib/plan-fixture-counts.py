#!/usr/bin/env python3
"""Counts what each `terraform show -json` plan fixture holds, and checks it against the case's expected.json.

Usage: scripts/lib/plan-fixture-counts.py PLANS_DIR CONFIGS_DIR CASE...
Prints one line per case: its actions (a replacement is "delete,create" or "create,delete"), action
reasons, resource_drift and output_changes. Exits 1 if a case's counts differ from
CONFIGS_DIR/CASE/expected.json (keys "actions", "action_reasons", "resource_drift", "output_changes";
a key that is left out is not checked).
"""
import collections
import json
import pathlib
import sys


def counts(plan: dict) -> dict:
    actions = collections.Counter(",".join(rc["change"]["actions"]) for rc in plan.get("resource_changes", []))
    reasons = collections.Counter(rc["action_reason"] for rc in plan.get("resource_changes", []) if "action_reason" in rc)
    drift = collections.Counter(",".join(rc["change"]["actions"]) for rc in plan.get("resource_drift", []))
    outputs = collections.Counter(",".join(oc["actions"]) for oc in plan.get("output_changes", {}).values())
    return {
        "actions": dict(sorted(actions.items())),
        "action_reasons": dict(sorted(reasons.items())),
        "resource_drift": dict(sorted(drift.items())),
        "output_changes": dict(sorted(outputs.items())),
    }


def show(counter: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in counter.items()) or "-"


def main() -> int:
    plans, configs, cases = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
    failed = False
    for case in cases:
        path = plans / f"{case}.json"
        plan = json.loads(path.read_text())
        got = counts(plan)
        size = path.stat().st_size
        print(f"{case:10} {size:>9,} bytes  format {plan.get('format_version')}  terraform {plan.get('terraform_version')}")
        for key, value in got.items():
            print(f"    {key:15} {show(value)}")
        expected_path = configs / case / "expected.json"
        if expected_path.exists():
            expected = json.loads(expected_path.read_text())
            for key, want in expected.items():
                if key.startswith("//"):
                    continue
                if got.get(key) != want:
                    print(f"    MISMATCH {key}: expected {show(want)}, got {show(got.get(key, {}))}")
                    failed = True
        else:
            print(f"    (no {expected_path}: nothing checked)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes a synthetic-but-faithful `terraform show -json` plan of N resources, for benchmarking the plan summarizer.

Usage: benchmarks/make_large_plan.py OUT.json [--resources 5000] [--pretty]

Nothing here is invented: every resource change is a copy of one captured from a real terraform run
(Tests/SluiceDeployTests/Fixtures/plans, written by scripts/capture-plan-fixtures.sh), under a new address.
One "batch" is every entry of large.json's resource_changes (1,500 terraform_data in 4 modules: create,
update, replace, delete, no-op) with the changing entries of update.json, replace.json, delete.json and
sensitive.json (aws resources: update, both replace orders, delete, forget, sensitive values) spread evenly
among them. Batches are repeated with new module addresses (batch 0 keeps large.json's addresses, batch b
renames module.X to module.X_bNNN and puts the aws entries under module.aws_<case>_bNNN) until N entries are
there; the last batch, or the only one when N is smaller than a batch, is sampled evenly so every kind of
change keeps its share. Each copy's prior_state and planned_values records, its resource_drift entries and
its relevant_attributes are copied and renamed too, so the file reads like one terraform would write.
The rest of large.json (format_version, configuration, variables...) is kept as it is.

Output is compact JSON on one line, as `terraform show -json` prints it; --pretty indents it like the fixtures.
"""
import argparse
import copy
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLANS = ROOT / "Tests" / "SluiceDeployTests" / "Fixtures" / "plans"
MIXED_IN = ("update", "replace", "delete", "sensitive")


def load(case: str) -> dict:
    path = PLANS / f"{case}.json"
    if not path.exists():
        sys.exit(f"make_large_plan: {path} is missing: run scripts/capture-plan-fixtures.sh")
    return json.loads(path.read_text())


def module_records(module: dict, found: dict) -> dict:
    """address -> resource record, for a prior_state/planned_values module and its child modules."""
    for resource in module.get("resources", []):
        found[resource["address"]] = resource
    for child in module.get("child_modules", []):
        module_records(child, found)
    return found


def values_index(section: dict | None) -> dict:
    if not section:
        return {}
    values = section.get("values", section)
    return module_records(values.get("root_module", {}), {})


class Source:
    """One fixture: its resource changes and, by address, the records that go with them."""

    def __init__(self, case: str, plan: dict, only_changes: bool):
        self.case = case
        self.changes = [
            rc for rc in plan.get("resource_changes", []) if not (only_changes and rc["change"]["actions"] == ["no-op"])
        ]
        self.prior = values_index(plan.get("prior_state"))
        self.planned = values_index(plan.get("planned_values"))
        self.drift = {d["address"]: d for d in plan.get("resource_drift", [])}
        self.relevant: dict[str, list] = {}
        for attribute in plan.get("relevant_attributes", []):
            self.relevant.setdefault(attribute["resource"], []).append(attribute)


def readdress(address: str, old_module: str | None, new_module: str | None) -> str:
    local = address[len(old_module) + 1:] if old_module else address
    return f"{new_module}.{local}" if new_module else local


def batch_entries(large: Source, mixed: list[Source]) -> list[tuple[Source, dict]]:
    """One batch: large's changes with the mixed-in ones spread evenly among them."""
    extras = [(source, rc) for source in mixed for rc in source.changes]
    entries: list[tuple[Source, dict]] = [(large, rc) for rc in large.changes]
    step = len(entries) / (len(extras) + 1)
    for i, extra in enumerate(extras):
        entries.insert(round(step * (i + 1)) + i, extra)
    return entries


def copy_entry(source: Source, rc: dict, batch: int) -> dict:
    """The change, renamed for this batch, with the records that go with it."""
    old_module = rc.get("module_address")
    if source.case == "large":
        new_module = old_module if batch == 0 or not old_module else f"{old_module}_b{batch:03d}"
    else:
        new_module = f"module.aws_{source.case}_b{batch:03d}"
    old_address = rc["address"]
    new_address = readdress(old_address, old_module, new_module)

    change = copy.deepcopy(rc)
    change["address"] = new_address
    if new_module:
        change["module_address"] = new_module
    else:
        change.pop("module_address", None)
    if "previous_address" in change:
        change["previous_address"] = readdress(change["previous_address"], old_module, new_module)

    def renamed(record: dict | None) -> dict | None:
        if record is None:
            return None
        record = copy.deepcopy(record)
        record["address"] = new_address
        return record

    drift = renamed(source.drift.get(old_address))
    if drift is not None:
        if new_module:
            drift["module_address"] = new_module
        else:
            drift.pop("module_address", None)
    relevant = [dict(attribute, resource=new_address) for attribute in source.relevant.get(old_address, [])]
    return {
        "change": change,
        "module": new_module,
        "prior": renamed(source.prior.get(old_address)),
        "planned": renamed(source.planned.get(old_address)),
        "drift": drift,
        "relevant": relevant,
    }


def module_tree(records: list[tuple[str | None, dict]]) -> dict:
    """A root_module holding each record in its module (module addresses here are one level deep or none)."""
    root: dict = {}
    children: dict[str, list] = {}
    for module, record in records:
        if module:
            children.setdefault(module, []).append(record)
        else:
            root.setdefault("resources", []).append(record)
    if children:
        root["child_modules"] = [
            {"address": module, "resources": sorted(resources, key=lambda r: r["address"])}
            for module, resources in sorted(children.items())
        ]
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=pathlib.Path, help="the plan JSON to write")
    parser.add_argument("--resources", type=int, default=5000, help="how many resource_changes entries (default 5000)")
    parser.add_argument("--pretty", action="store_true", help="indent and sort keys like the fixtures")
    args = parser.parse_args()
    if args.resources < 1:
        parser.error("--resources must be at least 1")

    large_plan = load("large")
    large = Source("large", large_plan, only_changes=False)
    mixed = [Source(case, load(case), only_changes=True) for case in MIXED_IN]
    batch = batch_entries(large, mixed)

    picked: list[tuple[int, Source, dict]] = []
    number = 0
    while len(picked) < args.resources:
        wanted = args.resources - len(picked)
        if wanted >= len(batch):
            chosen = batch
        else:  # evenly spaced, so every kind of change keeps its share
            chosen = [batch[(i * len(batch)) // wanted] for i in range(wanted)]
        picked.extend((number, source, rc) for source, rc in chosen)
        number += 1

    copies = [copy_entry(source, rc, n) for n, source, rc in picked]
    plan = copy.deepcopy(large_plan)
    plan["resource_changes"] = sorted((c["change"] for c in copies), key=lambda rc: rc["address"])
    drift = sorted((c["drift"] for c in copies if c["drift"]), key=lambda d: d["address"])
    if drift:
        plan["resource_drift"] = drift
    else:
        plan.pop("resource_drift", None)
    relevant = [attribute for c in copies for attribute in c["relevant"]]
    if relevant:
        plan["relevant_attributes"] = relevant
    else:
        plan.pop("relevant_attributes", None)
    plan.setdefault("planned_values", {})["root_module"] = module_tree(
        [(c["module"], c["planned"]) for c in copies if c["planned"]]
    )
    prior = plan.setdefault("prior_state", {"format_version": large_plan["format_version"]})
    prior.setdefault("values", {})["root_module"] = module_tree([(c["module"], c["prior"]) for c in copies if c["prior"]])

    with args.out.open("w") as out:
        if args.pretty:
            json.dump(plan, out, indent=4, sort_keys=True)
        else:
            json.dump(plan, out, separators=(",", ":"))
        out.write("\n")

    actions: dict[str, int] = {}
    for rc in plan["resource_changes"]:
        key = ",".join(rc["change"]["actions"])
        actions[key] = actions.get(key, 0) + 1
    size = args.out.stat().st_size
    summary = " ".join(f"{k}={v}" for k, v in sorted(actions.items()))
    print(f"wrote {args.out}: {len(plan['resource_changes'])} resource changes ({summary}), {size:,} bytes")


if __name__ == "__main__":
    main()

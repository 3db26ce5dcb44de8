"""What the example view costs Athena to scan, Parquet against JSON (issue 10), and the lake's bytes per input byte.

Makes one sample object of about --megabytes MB per delivery shape (`sluice sample`: gzipped lines for `extracted`,
gzipped CloudWatch Logs documents for `raw`, the latter from a copy of the pipeline whose delivery mode is raw),
runs the example's processor on each once per lake format and codec (`--output-format json`, and
`--output-format parquet --compression C`), then:

- JSON: Athena reads every byte of every gzipped object a query touches, so the bytes scanned are the objects'
  sizes, whatever the columns.
- Parquet: Athena reads each file's footer and, of each row group, only the column chunks the query names; the
  bytes scanned are those chunks' compressed sizes (from the footer, read by pyarrow) plus the footers and their
  8-byte trailers. The columns are those the generated view SQL names (sqlglot), less the partition keys, which
  live in the object key.

Both outputs hold the same rows (Tests/tools/test_processor_roundtrip.py), so the figures compare like with like.
Output bytes do not depend on the build, so a debug build gives the same figures as a release one (only slower).

Usage: .venv-tools/bin/python benchmarks/scan_bench.py [--megabytes 20] [--bin-dir DIR] [--view integration_usage]
       [--codecs snappy,zstd,gzip] [--shapes lines,cloudwatch-documents]
(--bin-dir: a folder holding `sluice` and `IntegrationEnricher`, e.g. `$(swift build --show-bin-path)`; without it,
release builds are made. Run with the tools venv: it needs pyarrow and sqlglot. Objects are kept in
.tmp/bench/scan between runs.)
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess

import pyarrow.parquet as pq
import sqlglot
from sqlglot import exp

from benchlib import ROOT

PIPELINE = "integrations-usage"
PROCESSOR = "IntegrationEnricher"
WORK = ROOT / ".tmp" / "bench" / "scan"
# A stream that fills the example's 64 MiB Firehose buffer in 300 s runs about a thousand requests a second.
RATE = "1000"


def build() -> pathlib.Path:
    for product in ("sluice", PROCESSOR):  # one product a build: given two, swift build builds only the last
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True)
    return pathlib.Path(
        subprocess.run(
            ["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    )


def workspace(shape: str) -> pathlib.Path:
    """The project root whose manifest gives objects of `shape` (`sluice sample` follows the delivery mode)."""
    if shape == "lines":
        return ROOT
    root = WORK / "raw-workspace"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ROOT / "pipelines", root / "pipelines")
    manifest = root / "pipelines" / f"{PIPELINE}.yaml"
    text = manifest.read_text(encoding="utf-8")
    if "\n  mode: extracted\n" not in text:
        raise SystemExit(f"{manifest.name}: no `mode: extracted` to turn into `raw`")
    manifest.write_text(text.replace("\n  mode: extracted\n", "\n  mode: raw\n"), encoding="utf-8")
    return root


def sample(bin_dir: pathlib.Path, shape: str, megabytes: int) -> tuple[pathlib.Path, pathlib.Path]:
    """A sample object of about `megabytes` MB (gzipped) in `shape`, and its directory; made once and kept."""
    target = WORK / f"sample-{shape}-{megabytes}mb-{RATE}rps.gz"
    directory = WORK / f"directory-{shape}.json"
    if target.exists() and directory.exists():
        return target, directory
    WORK.mkdir(parents=True, exist_ok=True)
    root = workspace(shape)
    probe = WORK / "probe.gz"

    def make(lines: int, output: pathlib.Path, *extra: str) -> None:
        subprocess.run(
            [str(bin_dir / "sluice"), "sample", "--root", str(root), "--pipeline", PIPELINE, "--lines", str(lines),
             "--requests-per-second", RATE, "--output", str(output), *extra],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    make(100_000, probe)
    make(int(100_000 * megabytes * 1_000_000 / probe.stat().st_size), target, "--directory-output", str(directory))
    probe.unlink()
    return target, directory


def process(bin_dir: pathlib.Path, shape: str, source: pathlib.Path, directory: pathlib.Path, fmt: str,
            codec: str | None) -> tuple[pathlib.Path, dict]:  # fmt: skip
    """The lake folder of one run and its summary. `sluice process` runs the processor executable, which reads the
    configured object format; CloudWatch documents need its own --input-format, which `sluice process` lacks."""
    out = WORK / f"out-{shape}-{fmt}-{codec or 'default'}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    options = ["--input", str(source), "--output", str(out), "--lookups", str(directory), "--output-format", fmt]
    options += ["--compression", codec] if codec else []
    if shape == "lines":
        command = [str(bin_dir / "sluice"), "process", "--root", str(ROOT), "--pipeline", PIPELINE, *options]
    else:
        command = [str(bin_dir / PROCESSOR), *options, "--input-format", shape]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return out, json.loads(result.stdout.strip().splitlines()[-1])


def view_columns(view: str) -> set[str]:
    """The column names the generated view SQL reads."""
    sql = next((ROOT / "generated" / "sql").rglob(f"{view}.sql")).read_text(encoding="utf-8")
    return {column.name for column in sqlglot.parse_one(sql, read="athena").find_all(exp.Column)}


def table_bytes(out: pathlib.Path, suffix: str) -> int:
    return sum(path.stat().st_size for path in (out / "tables").rglob(f"*{suffix}"))


def parquet_scanned(out: pathlib.Path, columns: set[str]) -> tuple[int, list[str], int]:
    """(bytes Athena reads for `columns`, the columns found in the files, row groups)."""
    scanned = row_groups = 0
    read: set[str] = set()
    for path in sorted((out / "tables").rglob("*.parquet")):
        metadata = pq.ParquetFile(path).metadata
        scanned += metadata.serialized_size + 8  # the footer (FileMetaData), its length and the magic
        row_groups += metadata.num_row_groups
        for group in range(metadata.num_row_groups):
            row_group = metadata.row_group(group)
            for index in range(row_group.num_columns):
                chunk = row_group.column(index)
                if chunk.path_in_schema in columns:
                    scanned += chunk.total_compressed_size
                    read.add(chunk.path_in_schema)
    return scanned, sorted(read), row_groups


def measure(bin_dir: pathlib.Path, shape: str, megabytes: int, columns: set[str], codecs: list[str]) -> dict:
    source, directory = sample(bin_dir, shape, megabytes)
    input_bytes = source.stat().st_size
    text_bytes = int(subprocess.run(f"gzip -dc '{source}' | wc -c", shell=True, check=True, capture_output=True,
                                    text=True).stdout)  # fmt: skip
    json_out, summary = process(bin_dir, shape, source, directory, "json", None)
    json_bytes = table_bytes(json_out, ".json.gz")
    result = {
        "shape": shape, "input_bytes": input_bytes, "input_text_bytes": text_bytes, "lines": summary["lines"],
        "rows": summary["rows"], "json_lake_bytes": json_bytes,
        "json_bytes_per_input_byte": round(json_bytes / input_bytes, 3), "json_scanned_bytes": json_bytes,
        "parquet": {},
    }  # fmt: skip
    for codec in codecs:
        out, parquet_summary = process(bin_dir, shape, source, directory, "parquet", codec)
        assert parquet_summary["rows"] == summary["rows"], (summary, parquet_summary)
        lake = table_bytes(out, ".parquet")
        scanned, read, row_groups = parquet_scanned(out, columns)
        result["parquet"][codec] = {
            "lake_bytes": lake, "bytes_per_input_byte": round(lake / input_bytes, 3),
            "lake_ratio_to_json": round(lake / json_bytes, 3), "row_groups": row_groups,
            "view_columns_in_files": read, "scanned_bytes": scanned,
            "scan_ratio_to_json": round(scanned / json_bytes, 4),
        }  # fmt: skip
        shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(json_out, ignore_errors=True)
    return result


def markdown(view: str, results: list[dict]) -> str:
    lines = [
        f"| delivery shape | input (gzipped) | lake format | lake bytes | per input byte | `{view}` scans | "
        "scan / JSON |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in results:
        shape, size = result["shape"], f"{result['input_bytes']:,}"
        json_bytes = result["json_lake_bytes"]
        lines.append(f"| {shape} | {size} | JSON (gzip) | {json_bytes:,} | {result['json_bytes_per_input_byte']} | "
                     f"{json_bytes:,} | 1 |")  # fmt: skip
        for codec, figures in result["parquet"].items():
            lines.append(
                f"| {shape} | {size} | Parquet ({codec.upper()}) | {figures['lake_bytes']:,} | "
                f"{figures['bytes_per_input_byte']} | {figures['scanned_bytes']:,} | {figures['scan_ratio_to_json']} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--bin-dir", type=pathlib.Path)
    parser.add_argument("--view", default="integration_usage")
    parser.add_argument("--codecs", default="snappy,zstd,gzip")
    parser.add_argument("--shapes", default="lines,cloudwatch-documents")
    args = parser.parse_args()
    bin_dir = args.bin_dir or build()
    columns = view_columns(args.view)
    results = [
        measure(bin_dir, shape, args.megabytes, columns, args.codecs.split(","))
        for shape in args.shapes.split(",")
    ]  # fmt: skip
    print(json.dumps({"view": args.view, "view_columns": sorted(columns), "results": results}, indent=2))
    print()
    print(markdown(args.view, results))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (Fuzz/corpus/<target>/) from the repository's own inputs: the example
pipelines, the test fixtures and sample lines. Run by hand when those change; the output is committed.

Usage: python3 Fuzz/make-corpus.py SLUICE_BIN
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "Fuzz" / "corpus"


def write(target: str, name: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}-{hashlib.sha1(data).hexdigest()[:8]}").write_bytes(data)


def swift_strings(text: str) -> list[str]:
    """The single-line string literals of Swift source, unescaped (the simple escapes the tests use)."""
    out = []
    for raw in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # Swift's `\(...)` is no Python escape
            out.append(raw.encode().decode("unicode_escape"))
    return out


def swift_blocks(text: str) -> list[str]:
    """The multi-line string literals of Swift source, with their indentation removed."""
    blocks = []
    for body, indent in re.findall(r'"""\n(.*?)\n([ ]*)"""', text, flags=re.S):
        blocks.append("\n".join(line[len(indent) :] for line in body.split("\n")) + "\n")
    return blocks


def manifest() -> None:
    for path in sorted((ROOT / "pipelines").glob("*.yaml")):
        write("manifest", path.stem, path.read_bytes())
    fixtures = swift_blocks((ROOT / "Tests/SluiceModelTests/Fixtures.swift").read_text())
    project, pipeline = fixtures[0], fixtures[1]
    write("manifest", "fixture-project", project.encode())
    write("manifest", "fixture-pipeline", pipeline.encode())
    # Each bad case of the validation tests applied to its fixture: inputs that reach each diagnostic.
    cases = (ROOT / "Tests/SluiceModelTests/BadManifestTests.swift").read_text()
    for index, case in enumerate(re.findall(r"BadCase\((.*?)\),\n", cases, flags=re.S)[:30]):
        replace = re.search(r'replace: ("(?:[^"\\]|\\.)*")', case)
        with_ = re.search(r'with: ("(?:[^"\\]|\\.)*")', case)
        if not replace or not with_:
            continue
        old, new = (swift_strings(m.group(1))[0] for m in (replace, with_))
        base = project if "inProject: true" in case else pipeline
        if old in base:
            write("manifest", f"bad-{index:02}", base.replace(old, new, 1).encode())
    write("manifest", "anchors", b"a: &a [x, y]\nb: *a\nc: {<<: {k: v}}\n")
    write("manifest", "flow", b"{name: web, source: {log_group: /x, format: haproxy-http}, processor: {}}\n")
    # Issue 9's reproducers: line breaks libyaml counts that LF-only splitting did not, and an alias bomb as a key.
    write("manifest", "cr-duplicate-key", b"a: 1\rb: 1\rb: 2\r")
    write("manifest", "line-separators", "a: 1\u2028b: 1\u0085b: 2\r\n".encode())
    bomb = "a0: &a0 [x]\n" + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 8))
    write("manifest", "alias-bomb-key", (bomb + "? *a7\n: 1\n").encode())
    # Issue 11: the first line of an input is also fuzzed as a column template (and a field path), the second line
    # as the value it is matched against.
    for template, value in [
        ("/integrations/{integration_id}/**", "https://acct-1.api.example.com/integrations/int-1/events"),
        ("{account_id}.*.*", "ACCT-1.api.example.com:8443"),
        ("*/{x}/**", "a//b/c"),
    ]:
        write("manifest", "template", f"{template}\n{value}".encode())


def haproxy(sluice_bin: Path) -> None:
    fixtures = swift_strings((ROOT / "Tests/SluiceProcessingTests/HAProxyFixtures.swift").read_text())
    lines = [s for s in fixtures if len(s) > 40]
    with tempfile.TemporaryDirectory() as tmp:
        obj = Path(tmp) / "sample.gz"
        subprocess.run(
            [str(sluice_bin), "sample", "--root", str(ROOT), "--pipeline", "integrations-usage", "--lines", "300",
             "--seed", "3", "--output", str(obj)],
            check=True, capture_output=True,
        )  # fmt: skip
        sample = gzip.decompress(obj.read_bytes()).decode().splitlines()
    # Every malformed sample line, and a spread of the good ones.
    lines += [line for line in sample if "GET" not in line and "POST" not in line][:5] + sample[::15]
    for index, line in enumerate(lines[:40]):
        write("haproxy", f"line-{index:02}", line.encode())


def ncsa() -> None:
    apache = (
        '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 '
        '"http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"'
    )
    lines = [
        apache,
        apache.split(' "http')[0],
        apache + ' 0.012 "10.0.0.5:8080"',
        '2001:db8::1 - - [06/Feb/2024:12:14:14 +0000] "GET /k\\xC3\\xA4se?q=\\x22a\\x22 HTTP/1.1" 200 612 "-" '
        '"K\\xC3\\xA4se \\xE2\\x9C\\x93 \\xFF"',
        '::ffff:192.0.2.1 - - [06/Feb/2024:12:14:14 +0000] "-" 400 0 "-" "-"',
        'host.example.com - - [06/Feb/2024:12:14:14 +0000] "\\x16\\x03\\x01\\x02\\x00" 400 157 "-" "-"',
        '192.0.2.1 - Jane Doe [29/Feb/2024:23:59:60 +0100] "GET / HTTP/1.1" 304 - "" "Agent \\"q\\" \\\\ \\n"',
        '192.0.2.1 - - [06/Feb/2024:12:14:14 +0000] "GET /a b HTTP/1.1" 200 1 "http://x/',
        "<190>Feb  6 12:14:14 web-1 nginx: " + apache,
        "<190>1 2024-02-06T12:14:14Z web-1 nginx 812 - - " + apache.split(' "http')[0],
        apache[:60],
        apache[:120],
        "192.0.2.1 - - [06/Feb/2024:12:14:14 +0000] \"GET / HTTP/1.1\" 200 99999999999999999999 \"-\" \"-\"",
    ]
    for index, line in enumerate(lines):
        write("ncsa", f"line-{index:02}", line.encode())
    write("ncsa", "raw-latin1", apache.replace("frank", "fr\xe9nk").encode("latin-1"))


def document(messages: list[str], kind: str = "DATA_MESSAGE") -> bytes:
    events = [{"id": str(i), "timestamp": 1700000000000 + i, "message": m} for i, m in enumerate(messages)]
    return json.dumps(
        {"messageType": kind, "owner": "111111111111", "logGroup": "/haproxy", "logStream": "s",
         "subscriptionFilters": ["f"], "logEvents": events},
        separators=(",", ":"),
    ).encode()  # fmt: skip


def firehose() -> None:
    # The first byte: bit 0 the format (0 lines, 1 CloudWatch documents), bit 1 gzip the rest first, the rest
    # the chunk size.
    lines = [line for line in (CORPUS / "haproxy").iterdir()][:6]
    text = b"\n".join(path.read_bytes() for path in sorted(lines)) + b"\n"
    docs = document(["a {b}", 'c "q" }{']) + document([], "CONTROL_MESSAGE") + document(["d"])
    one = gzip.compress(text[:200], mtime=0)
    two = gzip.compress(text[200:], mtime=0)
    bad_crc = one[:-8] + bytes([one[-8] ^ 0xFF]) + one[-7:]
    named = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\x03a.log\x00" + one[10:]
    seeds = {
        "lines": b"\x00" + one + two,
        "lines-chunked": b"\x1c" + one + two,
        "documents": b"\x01" + gzip.compress(docs, mtime=0),
        "documents-members": b"\x05" + b"".join(gzip.compress(document([m]), mtime=0) for m in ["x", "y", "z"]),
        "plain-lines": b"\x02" + text,
        "plain-documents": b"\x03" + docs + b"junk" + document(["e"]),
        "bad-crc": b"\x00" + bad_crc + two,
        "bad-isize": b"\x00" + one[:-1] + bytes([one[-1] ^ 1]) + two,
        "junk-between": b"\x00" + one + b"\x00junk\x1f\x8b\x07" + two,
        "junk-start": b"\x00junk" + one,
        "junk-end": b"\x00" + one + b"\x00\x00\x00",
        "truncated": b"\x00" + one + two[: len(two) // 2],
        "truncated-header": b"\x00" + one + two[:5],
        "not-gzip": b"\x00" + text[:100],
        "fname": b"\x00" + named,
        "crlf": b"\x02a\r\nb\r\n\r\nc",
        "empty-member": b"\x00" + gzip.compress(b"", mtime=0) + one,
    }
    for name, data in seeds.items():
        write("firehose", name, data)
    # The same objects fed in other chunk sizes (bits 2 to 5 of the first byte).
    for name in ("lines", "documents", "bad-crc", "junk-between", "truncated", "fname"):
        data = seeds[name]
        write("firehose", f"{name}-chunks", bytes([data[0] | 0x24]) + data[1:])


def plan() -> None:
    for path in sorted((ROOT / "Tests/SluiceDeployTests/Fixtures/plans").glob("*.json")):
        full = json.loads(path.read_text())
        # Three small windows of each captured plan: a few resource changes, drift and outputs each.
        for window in range(3):
            small = {key: full[key] for key in ("format_version", "terraform_version", "errored") if key in full}
            for key in ("resource_changes", "resource_drift", "relevant_attributes"):
                if key in full:
                    small[key] = full[key][window * 2 : window * 2 + 2]
            if "output_changes" in full:
                small["output_changes"] = dict(list(full["output_changes"].items())[window : window + 2])
            write("plan", f"{path.stem}-{window}", json.dumps(small, separators=(",", ":")).encode())
    write("plan", "minimal", b'{"format_version":"1.2"}')
    write("plan", "other-major", b'{"format_version":"2.0","resource_changes":[]}')


def parquet() -> None:
    """Schemas and rows for the Parquet writer (see Sources/SluiceParquet/ParquetFuzzInput.swift): a column count,
    a type byte per column, a codec and a sizes byte, then random cells."""
    rng = random.Random(10)
    for seed, (columns, codec, sizes) in enumerate([(7, 1, 0x00), (7, 2, 0x49), (3, 3, 0xC0), (0, 0, 0x3F)]):
        header = bytes([columns - 1 if columns else 0]) + bytes(range(max(columns, 1))) + bytes([codec, sizes])
        write("parquet", f"rows-{seed}", header + bytes(rng.randrange(256) for _ in range(600)))
    write("parquet", "empty", b"")
    write("parquet", "one-null-row", bytes([0, 0, 1, 0, 0, 0]))


def json_lines() -> None:
    """The json format's seeds: structured logs as applications, API Gateway and Lambda write them, and the
    corners of the parser (escapes, surrogates, depth, duplicates, lines the logger cut)."""
    lines = [
        '{"timestamp":"2024-01-02T03:04:05.678Z","level":"INFO","requestId":"79b4f56e","message":"order placed",'
        '"http":{"request":{"status":200,"method":"POST"},"latency_ms":12.5},"order":{"id":123456789012,'
        '"items":["a","b"],"paid":true}}',
        '{"requestId":"Q1a2b3c=","ip":"2001:db8::1","requestTime":"02/Jan/2024:03:04:05 +0000",'
        '"requestTimeEpoch":1704164645678,"httpMethod":"GET","routeKey":"GET /items/{id}","status":"200",'
        '"responseLength":"-"}',
        '{"a":{"b":[1,{"c":"x"}],"e":{}},"n":2.5,"t":true,"z":null,"big":1e400,"k.dot":"q","status":"200"}',
        '{"s":"q\\"b\\\\s\\/n\\nt\\tu\\u00e9","pair":"\\ud83d\\ude00","lone":"\\ud800","k\\u0065y":1}',
        '{"a":1,"a":2,"k":{"x":1,"x":2}}',
        '{"a":' + "[" * 40 + "{}" + "]" * 40 + "}",
        '{"status":200,"user":{"id":"u1","na',
        '{"path":"/very/long/p',
        '{"ms":12',
        '{"x":[[[1,2],[3]]],"a":[0.5,-0,1E+2,"200"]}',
        '  {"a" : { "b" : [ 1 , 2 ] } }  ',
        '{"t":"2024-01-02 03:04:05.678","d":"2024-01-02","e":1704164645}',
        '{"a":1}x',
        '[1,2]',
    ]
    for index, line in enumerate(lines):
        write("json", f"line-{index:02}", line.encode())
    write("json", "utf8", '{"name":"Zoë 中 😀","bad":"'.encode() + bytes([0xED, 0xA0, 0x80]) + b'"}')


def basefiles() -> None:
    """What sluice cost --base and the schema guard read from a base checkout, and crawler schedules."""
    for name in ("cost.json", "schema.json"):
        write("basefiles", name.replace(".json", ""), (ROOT / "generated" / name).read_bytes())
    schedules = [
        "hourly",
        "cron(0 3 ? * MON-FRI *)",
        "cron(15 10 L * ? *)",
        "cron(0/15 8-18 ? JAN,JUL 2#3 2026)",
        "cron(0 12 15W * ? *)",
        "cron(5,35 */2 1,15 * ? 2025-2030)",
    ]
    for index, schedule in enumerate(schedules):
        write("basefiles", f"schedule-{index:02}", schedule.encode())


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    shutil.rmtree(CORPUS, ignore_errors=True)
    manifest()
    haproxy(Path(sys.argv[1]))
    ncsa()
    firehose()
    plan()
    parquet()
    json_lines()
    basefiles()
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(f"{folder.name}: {len(files)} files, {sum(f.stat().st_size for f in files)} bytes")


if __name__ == "__main__":
    main()

"""`sluice process` on corrupt objects: every byte of the object is accounted for, the damage is reported in
the summary, the quarantine and the metrics record, and the exit status is 3 ("processed with damage"); bad paths
are one-line errors."""

from __future__ import annotations

import base64
import gzip
import json
import subprocess
from pathlib import Path

import pytest

PIPELINE = "integrations-usage"
DAMAGED_EXIT = 3


@pytest.fixture(scope="module")
def sample(sluice_bin: Path, repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[bytes]]:
    """The lookups file and the sample's lines, split in two halves (each half one gzip member below)."""
    folder = tmp_path_factory.mktemp("sample")
    result = subprocess.run(
        [str(sluice_bin), "sample", "--root", str(repo_root), "--pipeline", PIPELINE, "--lines", "40",
         "--seed", "7", "--output", str(folder / "object.gz"), "--directory-output", str(folder / "dir.json")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = gzip.decompress((folder / "object.gz").read_bytes()).splitlines(keepends=True)
    return folder / "dir.json", lines


def process(sluice_bin: Path, repo_root: Path, lookups: Path, tmp: Path, obj: bytes, *, input: Path | None = None):
    path = input or tmp / "object.gz"
    if input is None:
        path.write_bytes(obj)
    out = tmp / "out"
    # JSON rows, whatever the manifest's lake format: these tests read the rows back as text.
    result = subprocess.run(
        [str(sluice_bin), "process", "--root", str(repo_root), "--pipeline", PIPELINE, "--input", str(path),
         "--output", str(out), "--lookups", str(lookups), "--output-format", "json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result, out


def quarantine_records(out: Path) -> list[dict]:
    files = list((out / "quarantine").rglob("*.json.gz"))
    return [json.loads(line) for f in files for line in gzip.decompress(f.read_bytes()).splitlines()]


def members(lines: list[bytes]) -> tuple[bytes, bytes]:
    half = len(lines) // 2
    return gzip.compress(b"".join(lines[:half]), mtime=0), gzip.compress(b"".join(lines[half:]), mtime=0)


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0xFF]) + data[index + 1 :]


def test_a_whole_object_exits_0_with_no_damage(sluice_bin, repo_root, sample, tmp_path):
    lookups, lines = sample
    first, second = members(lines)
    result, _ = process(sluice_bin, repo_root, lookups, tmp_path, first + second)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["damaged"] is False and summary["damage"] == [] and summary["unreadable_bytes"] == 0
    assert summary["lines"] == len(lines) == summary["rows"] + summary["quarantined"]
    assert summary["member_bytes"] == summary["bytes_in"] == len(first) + len(second)


FALSE = b"\x1f\x8b\x08\x00garbage"
# FEXTRA with a length (0xffff) that runs past the end of the object.
FALSE_EXTRA = b"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\x03\xff\xff"


# Each corruption of `first + second`: the object, the lines that must still be read, and the expected damage
# ranges as (offset, length, reason, the bytes quarantined as base64 or None when they were inflated).
def cases(first: bytes, second: bytes, count: int):
    junk = b"\x00junk\x1f\x8b\x07"
    cut = second[: len(second) // 2]
    return {
        "bad CRC": (flip(first, len(first) - 8) + second, count, [(0, len(first), "bad_crc", None)]),
        "bad ISIZE": (first + flip(second, len(second) - 2), count, [(len(first), len(second), "bad_isize", None)]),
        "junk between members": (
            first + junk + second, count, [(len(first), len(junk), "junk_between_members", junk)]),
        "junk at start": (junk + first + second, count, [(0, len(junk), "junk_before_first_member", junk)]),
        "junk at end": (
            first + second + junk, count, [(len(first) + len(second), len(junk), "junk_after_last_member", junk)]),
        "truncated mid-member": (first + cut, None, [(len(first), len(cut), "truncated", None)]),
        "not gzip": (b"plain text\n", 0, [(0, 11, "not_gzip", b"plain text\n")]),
        # A stray header before a member: resync starts one byte after it, so the member is read whole.
        "false header": (first + FALSE + second, count, [(len(first), len(FALSE), "corrupt_deflate", FALSE)]),
        "false FEXTRA header": (
            first + FALSE_EXTRA + second, count, [(len(first), len(FALSE_EXTRA), "truncated", FALSE_EXTRA)]),
    }  # fmt: skip


@pytest.mark.parametrize(
    "name",
    ["bad CRC", "bad ISIZE", "junk between members", "junk at start", "junk at end", "truncated mid-member",
     "not gzip", "false header", "false FEXTRA header"],
)  # fmt: skip
def test_a_corrupt_object_is_accounted_for_byte_by_byte_and_exits_3(sluice_bin, repo_root, sample, tmp_path, name):
    lookups, lines = sample
    first, second = members(lines)
    obj, expected_lines, expected = cases(first, second, len(lines))[name]
    result, out = process(sluice_bin, repo_root, lookups, tmp_path, obj)
    assert result.returncode == DAMAGED_EXIT, (result.returncode, result.stderr)
    # Two lines on stderr: the metrics record (README: "Processor metrics"), then the damage.
    record, message = result.stderr.splitlines()
    assert "processed with damage" in message, result.stderr
    summary = json.loads(result.stdout)
    assert json.loads(record)["DamagedObjects"] == 1 and json.loads(record)["BytesIn"] == summary["bytes_in"], record
    assert summary["damaged"] is True and summary["damage_count"] == len(expected), summary
    # Every line read is a row or quarantined; every byte is in a member that was read or an unreadable range.
    assert summary["lines"] == summary["rows"] + summary["quarantined"], summary
    assert summary["bytes_in"] == len(obj) == summary["member_bytes"] + summary["unreadable_bytes"], summary
    unreadable = sum(length for _, length, _, raw in expected if raw is not None)
    assert summary["unreadable_bytes"] == unreadable, summary
    assert [(r["offset"], r["length"], r["reason"]) for r in summary["damage"]] == [e[:3] for e in expected]
    if expected_lines is not None:
        assert summary["lines"] == expected_lines, summary
    else:  # truncated: the first member's lines and some of the second's, flagged by number
        assert len(lines) // 2 < summary["lines"] <= len(lines), summary
        assert summary["damage"][0]["first_line"] == len(lines) // 2 + 1
        assert summary["damage"][0]["last_line"] == summary["lines"]
    # The quarantine holds one record per range, with the bytes that were not inflated.
    records = [r for r in quarantine_records(out) if "damage" in r]
    assert [(r["offset"], r["length"], r["damage"]) for r in records] == [e[:3] for e in expected]
    for record, (_, _, _, raw) in zip(records, expected):
        if raw is None:
            assert "bytes_base64" not in record
        else:
            assert base64.b64decode(record["bytes_base64"]) == raw


def test_a_bad_crc_member_still_delivers_its_lines_flagged(sluice_bin, repo_root, sample, tmp_path):
    lookups, lines = sample
    first, second = members(lines)
    result, _ = process(sluice_bin, repo_root, lookups, tmp_path, flip(first, len(first) - 8) + second)
    summary = json.loads(result.stdout)
    (damage,) = summary["damage"]
    assert (damage["first_line"], damage["last_line"]) == (1, len(lines) // 2)


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda tmp: tmp, "is a directory, not a file"),
        (lambda tmp: tmp / "missing.gz", "no such file"),
    ],
)
def test_an_input_that_is_not_a_readable_file_is_a_one_line_error(
    sluice_bin, repo_root, sample, tmp_path, make, reason
):
    lookups, _ = sample
    path = make(tmp_path)
    result, _ = process(sluice_bin, repo_root, lookups, tmp_path, b"", input=path)
    assert result.returncode == 1
    assert result.stderr == f"error: --input {path}: {reason}\n"


def test_the_processor_itself_names_the_path_too(sluice_bin, tmp_path):
    result = subprocess.run(
        [str(sluice_bin.parent / "IntegrationEnricher"), "--input", str(tmp_path), "--output", str(tmp_path / "o")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == f"error: cannot read the input: {tmp_path}: is a directory, not a file\n"
    assert "NSError" not in result.stderr and "Domain" not in result.stderr


@pytest.mark.parametrize("content", ["[1]", "{\"t\": 1}", "not json"])
def test_a_bad_lookups_file_is_named(sluice_bin, repo_root, sample, tmp_path, content):
    """Findings F13: "a directory file is a JSON object of tables" named no file."""
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    _, lines = sample
    result, _ = process(sluice_bin, repo_root, bad, tmp_path, gzip.compress(b"".join(lines), mtime=0))
    assert result.returncode == 1, result.stderr
    assert f"--lookups {bad}: " in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr

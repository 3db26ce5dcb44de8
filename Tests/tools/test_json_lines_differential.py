"""The json log format against Python's own JSON parser: lines mutated at random (a fixed seed) are accepted by
`sluice logs parse --format json` exactly when Python's strict reading finds one JSON object (UTF-8 checked,
no NaN or Infinity), apart from the lines Sluice keeps as cut by the logger; and the leaves it prints of each
accepted line are Python's values."""

from __future__ import annotations

import json
import math
import random
import subprocess

SEEDS = [
    '{"timestamp":"2024-01-02T03:04:05.678Z","level":"INFO","requestId":"79b4f56e","message":"order placed",'
    '"http":{"request":{"status":200,"method":"POST"},"latency_ms":12.5},"order":{"id":123456789012,'
    '"items":["a","b"],"paid":true,"note":null}}',
    '{"s":"q\\"b\\\\s\\/n\\nt\\tu\\u00e9 \\u4e2d","e":"\\ud83d\\ude00","n":[0,-0,1E+2,1e-2,-1.25E-3],"k":{}}',
    '{ "a" : [ 1 , [ 2 , { "b" : "c" } ] ] , "d" : "Zoë 中 😀" , "f" : false }',
]


def rejected_constant(name: str):
    raise ValueError(f"{name} is not JSON")


class Duplicated(dict):
    """An object that held a key twice (Python keeps the last value; Sluice prints both)."""


def pairs(items: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in items]
    return (Duplicated if len(set(keys)) < len(keys) else dict)(items)


def python_object(line: bytes):
    """The object Python reads from `line`, or None when it is not one JSON object."""
    try:
        value = json.loads(line.decode("utf-8"), parse_constant=rejected_constant, object_pairs_hook=pairs)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def leaves(value, prefix: str = "") -> list[tuple[str, object]]:
    """What Sluice prints for an object: scalars by path, empty containers as text (simple keys only)."""
    out: list[tuple[str, object]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        path = (f"{prefix}.{key}" if prefix else key) if isinstance(value, dict) else f"{prefix}[{key}]"
        if isinstance(item, (dict, list)):
            out += leaves(item, path) if item else [(path, "{}" if isinstance(item, dict) else "[]")]
        else:
            out.append((path, item))
    return out


def mutate(rng: random.Random, line: bytes) -> bytes:
    data = bytearray(line)
    alphabet = b'{}[]:,"\\/-+.0123456789eEtrufalsn u \t' + bytes([0xC3, 0xA9, 0xED, 0xA0, 0x80, 0xFF, 0x01])
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        at = rng.randrange(len(data) + 1)
        if choice < 0.4 and data:
            del data[min(at, len(data) - 1)]
        elif choice < 0.8:
            data.insert(at, rng.choice(alphabet))
        elif data:
            data[min(at, len(data) - 1)] = rng.choice(alphabet)
    return bytes(data)


def simple(value) -> bool:
    """Whether Python's reading is comparable leaf by leaf: plain keys, no duplicates (Python keeps the last)."""
    if isinstance(value, Duplicated):
        return False
    if isinstance(value, dict):
        return all(k and all(c.isalnum() or c == "_" for c in k) and simple(v) for k, v in value.items())
    if isinstance(value, list):
        return all(simple(v) for v in value)
    return not (isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value))


def same(printed, expected) -> bool:
    if isinstance(expected, float) or isinstance(printed, float):
        if isinstance(printed, str):  # beyond the double range: printed as written
            return math.isinf(float(printed)) or float(printed) == expected
        return math.isclose(float(printed), float(expected), rel_tol=1e-15)
    return printed == expected and type(printed) is type(expected)


def test_accepts_exactly_what_python_reads_as_one_object(sluice_bin):
    rng = random.Random(11)
    lines = [seed.encode() for seed in SEEDS]
    for _ in range(3000):
        lines.append(mutate(rng, rng.choice(SEEDS).encode()))
    # Line endings would split a line: the mutations never make them, and lines stay as they are.
    lines = [line for line in lines if b"\n" not in line and not line.endswith(b"\r")]
    result = subprocess.run(
        [str(sluice_bin), "logs", "parse", "--format", "json"], input=b"\n".join(lines) + b"\n",
        capture_output=True, timeout=120,
    )  # fmt: skip
    printed = [json.loads(out) for out in result.stdout.decode().splitlines()]
    assert len(printed) == len(lines)
    accepted = compared = 0
    for line, out in zip(lines, printed):
        expected = python_object(line)
        if "error" in out and "line" in out and set(out) == {"line", "error"}:
            assert expected is None, (line, out)
            continue
        if out["$truncated"]:
            assert expected is None, (line, out)
            continue
        assert expected is not None, (line, out)
        accepted += 1
        if simple(expected) and len(set(k for k, _ in leaves(expected))) == len(leaves(expected)):
            out.pop("$truncated")
            want = leaves(expected)
            assert list(out) == [path for path, _ in want], line
            assert all(same(out[path], value) for path, value in want), (line, out, want)
            compared += 1
    print(f"{len(lines)} lines, {accepted} accepted, {compared} compared leaf by leaf")
    assert accepted > 300 and compared > 300, (accepted, compared)

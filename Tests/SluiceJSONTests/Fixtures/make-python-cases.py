"""Writes python-json-cases.json: JSON documents, valid and not, with what Python's json module makes of each.

The differential test (JSONDifferentialTests.swift) decodes every document with SluiceJSON and checks it agrees
with Python: the same documents accepted, to the same values. Python is run strictly (text must be UTF-8; NaN and
Infinity refused; control characters in strings refused, as by default), and documents with lone surrogates
(which Python keeps and SluiceJSON replaces by U+FFFD) or nested past 64 levels are left out. A value is written
canonically: a number as its text, ["n", "text"], so no float formatting differs; strings, lists and objects
(keys sorted) as themselves. Deterministic: a fixed seed.

    python3 Tests/SluiceJSONTests/Fixtures/make-python-cases.py
"""

from __future__ import annotations

import json
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent

SEEDS = [
    b'{"a":[1,2.5,-0,1e-05,true,false,null],"b":{"c":"d\\n\\u00e9\\ud83d\\ude00"}}',
    b'[[[[[]]]],{},"",0,-1.0E+2]',
    b'{"format_version":"1.2","resource_changes":[{"address":"x","change":{"actions":["no-op"]}}]}',
    b' {"k" : "caf\xc3\xa9\\/\\"" , "k": 2} ',
    b'12345678901234567890123',
    b'"tab\\tquote\\"slash\\\\"',
    b'{"level":"info","message":"started","attempt":2,"ratio":0.5}',
]
ALPHABET = b'{}[]:,"\\/ \t\n\r0123456789-+.eEtrufalsn\xc3\xa9\x00\x1f\x7f\xffabu'


class Refused(Exception):
    pass


def refuse_constant(name: str):
    raise Refused(name)


def canonical(value):
    """The value with numbers as ["n", text] (the text kept by the parse hooks)."""
    if isinstance(value, Number):
        return ["n", value.text]
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    return value


class Number:
    def __init__(self, text: str):
        self.text = text


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max((depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    return 0


def has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any(0xD800 <= ord(char) < 0xE000 for char in value)
    if isinstance(value, list):
        return any(has_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(has_surrogate(key) or has_surrogate(item) for key, item in value.items())
    return False


def python_reading(document: bytes):
    """(accepted, canonical value or None), or None for a document to leave out."""
    try:
        text = document.decode("utf-8")
        value = json.loads(text, parse_float=Number, parse_int=Number, parse_constant=refuse_constant)
    except (UnicodeDecodeError, ValueError, Refused, RecursionError):
        return (False, None)
    if has_surrogate(value) or depth(value) > 64:
        return None
    return (True, canonical(value))


def mutations(rng: random.Random, document: bytes, count: int):
    for _ in range(count):
        data = bytearray(document)
        for _ in range(rng.randint(1, 3)):
            kind = rng.randrange(3)
            position = rng.randint(0, len(data))
            if kind == 0 or not data:
                data[position:position] = bytes([rng.choice(ALPHABET)])
            elif kind == 1 and position < len(data):
                del data[position]
            elif position < len(data):
                data[position] = rng.choice(ALPHABET)
        yield bytes(data)


def main() -> None:
    rng = random.Random(12)
    documents = list(SEEDS)
    for seed in SEEDS:
        documents.extend(mutations(rng, seed, 100))
    cases = []
    seen = set()
    for document in documents:
        if document in seen:
            continue
        seen.add(document)
        reading = python_reading(document)
        if reading is None:
            continue
        accepted, value = reading
        cases.append({"hex": document.hex(), "accepted": accepted, "value": value})
    (HERE / "python-json-cases.json").write_text(
        "[\n" + ",\n".join(json.dumps(case, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for case in cases) + "\n]\n", encoding="utf-8"
    )
    print(f"{len(cases)} cases, {sum(case['accepted'] for case in cases)} accepted")


if __name__ == "__main__":
    main()

"""A deterministic corpus of mutated manifests, made from the example in pipelines/ (for test_invariants.py).

Every case is a whole project: the texts of pipelines/sluice.yaml, the pipeline manifest and the view's SQL file,
as bytes (some are not UTF-8 on purpose), plus optional set-up of the folder (symbolic links). A case carries the
hostile strings it injected, so the test can look for them where they must never appear (generated `run:`
scripts).
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

SEED = 9
PROJECT = "pipelines/sluice.yaml"
PIPELINE = "pipelines/integrations-usage.yaml"
VIEW_SQL = "pipelines/views/integration_usage.sql"

# How many mutations each scalar of the example gets, chosen by the seeded generator among MUTATIONS.
PER_SCALAR = 3


@dataclass
class Case:
    """One input: files by path (relative to the project root), and what the test should expect of it."""

    id: str
    files: dict[str, bytes]
    # Strings the mutation injected that must never reach a generated `run:` script.
    markers: list[str] = field(default_factory=list)
    # Symbolic links to create: path (relative to the root) -> target (relative to the case folder, which holds
    # the root and an `outside/` folder next to it).
    links: dict[str, str] = field(default_factory=dict)
    # Files to create outside the root (relative to the case folder).
    outside_files: dict[str, bytes] = field(default_factory=dict)
    # Whether `generate` must refuse (an output path is a symbolic link) rather than succeed.
    generate_refused: bool = False
    # Text of a file the case must not be able to read: it may appear in no output and no message.
    secret: str | None = None


HOSTILE_STRINGS = {
    "tf_interpolation": '${file("secret.txt")}',
    "tf_directive": "%{ if true }yes%{ endif }",
    "gha_expression": "${{ secrets.X }}",
    "shell_semicolon": ";touch pwned;#",
    "shell_subst": "$(id)",
    "backticks": "`id`",
    "quotes": "it's \"quoted\"",
    "newline": "two\nlines",
    "pipe": "a | b",
    "line_separator": "a\u2028b\u2029c\u0085d",
    "nul_and_controls": "a\x00b\x01c\x1bd\x7f",
    "very_long": "x" * 70_000,
    "unicode": "\u00e9\u4e2d\U0001f600\u202e",
    "empty": "",
    "spaces": "   ",
    "yaml_ish": "key: value",
}

NUMBERS = {
    "zero": 0,
    "negative": -1,
    "int32_overflow": 2_147_483_648,
    "int64_max": 9_223_372_036_854_775_807,
    "int64_overflow": 18_446_744_073_709_551_616,
    "huge": 10**40,
    "float": 1.5,
    "cutoff_overflow": 8_796_093_022_208,
}


def _dump(document: Any) -> bytes:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10**9).encode("utf-8")


def _scalar_paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path (keys and list indexes) that leads to a scalar, in document order."""
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _scalar_paths(value, path + (key,))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _scalar_paths(value, path + (index,))]
    return [path]


def _get(document: Any, path: tuple) -> Any:
    for part in path:
        document = document[part]
    return document


def _set(document: Any, path: tuple, value: Any) -> Any:
    changed = copy.deepcopy(document)
    parent = _get(changed, path[:-1])
    parent[path[-1]] = value
    return changed


def _delete(document: Any, path: tuple) -> Any:
    changed = copy.deepcopy(document)
    parent = _get(changed, path[:-1])
    del parent[path[-1]]
    return changed


def _path_id(path: tuple) -> str:
    return ".".join(str(part) for part in path)


# A mutation of one scalar: name -> function of (document, path, original value) giving (document, markers).
Mutation = Callable[[Any, tuple, Any], tuple[Any, list[str]]]


def _replace_with(value: Any, marker: str | None = None) -> Mutation:
    return lambda document, path, _: (_set(document, path, value), [marker] if marker else [])


def _append(text: str) -> Mutation:
    """The original value with hostile text after it (keeps prefixes such as `arn:aws:iam::` that a check wants)."""
    return lambda document, path, original: (_set(document, path, f"{original}{text}"), [text])


MUTATIONS: dict[str, Mutation] = {
    **{f"str_{name}": _replace_with(text, text if len(text) >= 4 else None) for name, text in HOSTILE_STRINGS.items()},
    **{
        f"append_{name}": _append(HOSTILE_STRINGS[name])
        for name in ("tf_interpolation", "tf_directive", "gha_expression", "shell_semicolon", "newline", "pipe")
    },
    **{f"num_{name}": _replace_with(number) for name, number in NUMBERS.items()},
    "type_list": lambda d, p, v: (_set(d, p, [v]), []),
    "type_mapping": lambda d, p, v: (_set(d, p, {"k": v}), []),
    "type_null": _replace_with(None),
    "type_bool": _replace_with(True),
    "type_number_as_string": lambda d, p, v: (_set(d, p, str(v)), []),
    "delete_key": lambda d, p, v: (_delete(d, p), []),
}


def _text_mutations(name: str, text: bytes) -> list[tuple[str, bytes]]:
    """Mutations of a whole file's text: line breaks, aliases, duplicated lines, bytes YAML or UTF-8 refuses."""
    decoded = text.decode("utf-8")
    lines = decoded.split("\n")
    rng = random.Random(f"{SEED}-{name}")
    out: list[tuple[str, bytes]] = []
    for label, newline in (("cr", "\r"), ("crlf", "\r\n"), ("nel", "\u0085"), ("ls", "\u2028"), ("ps", "\u2029")):
        out.append((f"breaks_{label}", newline.join(lines).encode("utf-8")))
    content = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    for round_ in range(6):
        i = rng.choice(content)
        duplicated = lines[: i + 1] + [lines[i]] + lines[i + 1 :]
        out.append((f"duplicate_line_{i + 1}_r{round_}", "\n".join(duplicated).encode("utf-8")))
        crlf_duplicated = "\r".join(duplicated)
        out.append((f"duplicate_line_{i + 1}_cr_r{round_}", crlf_duplicated.encode("utf-8")))
        j = rng.choice(content)
        out.append((f"delete_line_{j + 1}_r{round_}", "\n".join(lines[:j] + lines[j + 1 :]).encode("utf-8")))
        position = rng.randrange(len(text))
        out.append((f"truncate_{round_}", text[:position]))
        byte = rng.choice([b"\x00", b"\x01", b"\x08", b"\x1b", b"\x7f", b"\xff", b"\xc3", b"\xed\xa0\x80"])
        at = rng.randrange(len(text))
        out.append((f"byte_{byte.hex()}_at_{at}_r{round_}", text[:at] + byte + text[at:]))
        tab_line = rng.choice(content)
        tabbed = list(lines)
        tabbed[tab_line] = "\t" + tabbed[tab_line]
        out.append((f"tab_line_{tab_line + 1}_r{round_}", "\n".join(tabbed).encode("utf-8")))
    out.append(("bom", b"\xef\xbb\xbf" + text))
    out.append(("empty", b""))
    out.append(("only_comment", b"# nothing\n"))
    out.append(("a_list", b"- a\n- b\n"))
    out.append(("a_scalar", b"just text\n"))
    out.append(("document_stream", text + b"\n---\n" + text))
    # Anchors and aliases: anchor the first mapping value of a line and repeat it as a later value.
    values = [i for i in content if ": " in lines[i] and not lines[i].rstrip().endswith(":")]
    for round_ in range(4):
        first, second = sorted(rng.sample(values, 2))
        anchored = list(lines)
        key, value = anchored[first].split(": ", 1)
        anchored[first] = f"{key}: &m{round_} {value}"
        key2, _ = anchored[second].split(": ", 1)
        anchored[second] = f"{key2}: *m{round_}"
        out.append((f"alias_{first + 1}_to_{second + 1}_r{round_}", "\n".join(anchored).encode("utf-8")))
    out.append(("undefined_alias", decoded.replace("memory_mb: 1024", "memory_mb: *nowhere").encode("utf-8")))
    return out


def alias_bomb(depth: int) -> bytes:
    """Levels of lists of ten aliases of the level below, the last used as a mapping key (issue 9, item 4)."""
    text = "a0: &a0 [x]\n"
    for level in range(1, depth + 1):
        text += f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]\n"
    return (text + f"? *a{depth}\n: 1\n").encode("utf-8")


def _reproducers(base: dict[str, bytes]) -> list[Case]:
    """Each reproducer of issue 9's items 1-6, 10 and 14 that a manifest can express."""
    project = base[PROJECT].decode("utf-8")
    pipeline = base[PIPELINE].decode("utf-8")
    cases: list[Case] = []

    def with_project(case_id: str, text: str, markers: list[str] | None = None) -> None:
        cases.append(Case(case_id, {**base, PROJECT: text.encode("utf-8")}, markers or []))

    def with_pipeline(case_id: str, text: str | bytes, markers: list[str] | None = None) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        cases.append(Case(case_id, {**base, PIPELINE: data}, markers or []))

    injection = "arn:aws:iam::222222222222:role/x;touch${IFS}pwned;#"
    # The analytics account runs the processor, so its plan role reaches the workflows' `current_image` line.
    plan_role = "arn:aws:iam::222222222222:role/sluice-plan"
    with_project("repro-1-plan-role-shell", project.replace(plan_role, f"'{injection}'"), [";touch${IFS}pwned;#"])
    with_project(
        "repro-1-role-gha-expression",
        project.replace(plan_role, "'arn:aws:iam::222222222222:role/x${{ secrets.X }}'"),
        ["${{ secrets.X }}"],
    )
    with_project(
        "repro-1-environment-gha-expression",
        project.replace("environment: production", "environment: 'prod${{ github.token }}'"),
        ["${{ github.token }}"],
    )
    with_project(
        "repro-2-tag-file", project.replace("team: data-platform", "team: '${file(\"secret.txt\")}'"),
        ['${file("secret.txt")}'],
    )
    with_project(
        "repro-2-tag-directive", project.replace("team: data-platform", "team: '%{ if true }yes%{ endif }'"),
        ["%{ if true }yes%{ endif }"],
    )
    with_project("repro-2-project-name", project.replace("name: acme-logs", "name: 'a${path.cwd}'"), ["${path.cwd}"])
    with_project(
        "repro-2-key-prefix", project.replace("key_prefix: sluice", "key_prefix: 's${uuid()}'"), ["${uuid()}"]
    )
    with_pipeline(
        "repro-2-filter-pattern",
        pipeline.replace("""filter_pattern: '"/integrations/"'""", """filter_pattern: '"${file("x")}"'"""),
        ['${file("x")}'],
    )
    with_pipeline(
        "repro-2-column-comment", pipeline.replace('"From the request path"', '"%{ for x in [1] }x%{ endfor }"'),
        ["%{ for x in [1] }x%{ endfor }"],
    )
    with_pipeline(
        "repro-2-visual-title", pipeline.replace("title: Requests,", "title: '${timestamp()}',"), ["${timestamp()}"]
    )
    with_pipeline(
        "repro-2-environment-value", pipeline.replace("LOG_LEVEL: info", "LOG_LEVEL: '${file(\"/etc/passwd\")}'"),
        ['${file("/etc/passwd")}'],
    )
    with_pipeline(
        "repro-2-quicksight-group", pipeline.replace("group: integrations-analysts", "group: 'g${uuid()}'"),
        ["${uuid()}"],
    )
    with_pipeline(
        "repro-3-bytes-scanned-overflow",
        pipeline.replace("bytes_scanned_cutoff_mb: 10240", "bytes_scanned_cutoff_mb: 8796093022208"),
    )
    cases.append(Case("repro-3-cr-duplicate-pipeline", {**base, PIPELINE: b"a: 1\rb: 1\rb: 2\r"}))
    cases.append(Case("repro-3-cr-duplicate-project", {**base, PROJECT: b"a: 1\rb: 1\rb: 2\r"}))
    cases.append(Case("repro-3-ls-duplicate", {**base, PIPELINE: "a: 1\u2028b: 1\u2028b: 2\u2028".encode()}))
    cases.append(Case("repro-3-nel-duplicate", {**base, PIPELINE: "a: 1\u0085b: 1\u0085b: 2\u0085".encode()}))
    cases.append(Case("repro-4-alias-bomb-7", {**base, PIPELINE: alias_bomb(7)}))
    cases.append(Case("repro-4-alias-bomb-9", {**base, PIPELINE: alias_bomb(9)}))
    cases.append(Case("repro-4-nesting", {**base, PIPELINE: b"a: " + b"[" * 5000}))
    refs = " UNION ALL ".join(['SELECT * FROM {{ ref("integration_requests") }}'] * 3200)
    cases.append(Case("repro-4-many-refs", {**base, VIEW_SQL: refs.encode("utf-8")}))
    long = "v" * 60_000
    cases.append(
        Case(
            "repro-4-long-names",
            {
                **base,
                PIPELINE: pipeline.replace("- name: integration_usage", f"- name: {long}").encode("utf-8"),
                # Not a prefix of the view's name, so a did-you-mean hint would compute their edit distance.
                VIEW_SQL: base[VIEW_SQL].replace(b"integration_requests", f"w{long}".encode("utf-8")),
            },
        )
    )
    for key, old, new in (
        ("expire-days", "expire_days: 30", "expire_days: 2147483648"),
        ("results-expire-days", "results_expire_days: 7", "results_expire_days: 9223372036854775807"),
        ("reserved-concurrency", "reserved_concurrency: 10", "reserved_concurrency: 9223372036854775807"),
        ("cache-ttl", "cache_ttl_seconds: 300", "cache_ttl_seconds: 9223372036854775807"),
    ):
        with_pipeline(f"repro-5-{key}", pipeline.replace(old, new))
    secret = b"SELECT 'TOPSECRET' AS x FROM {{ ref(\"integration_requests\") }}\n"
    linked = Case("repro-6-sql-file-symlink", dict(base), ["TOPSECRET"], secret="TOPSECRET")
    del linked.files[VIEW_SQL]
    linked.links[VIEW_SQL] = "outside/secret.sql"
    linked.outside_files["outside/secret.sql"] = secret
    cases.append(linked)
    escaping = Case(
        "repro-6-sql-file-dotdot",
        {**base, PIPELINE: pipeline.replace("views/integration_usage.sql", "../../outside/secret.sql").encode()},
        ["TOPSECRET"],
        secret="TOPSECRET",
    )
    escaping.outside_files["outside/secret.sql"] = secret
    cases.append(escaping)
    for folder in ("generated", ".github/workflows", "Sources/Processors", "generated/terraform"):
        case = Case(f"repro-6-output-symlink-{folder.replace('/', '-').strip('.')}", dict(base), generate_refused=True)
        case.links[folder] = "outside/target"
        case.outside_files["outside/target/.keep"] = b""
        cases.append(case)
    with_pipeline("repro-10-control-character", pipeline.replace("/haproxy/integrations-api", "/haproxy/int\x01"))
    cases.append(Case("repro-10-not-utf8-project", {**base, PROJECT: base[PROJECT].replace(b"acme-logs", b"acme\xff")}))
    cases.append(Case("repro-10-not-utf8-pipeline", {**base, PIPELINE: base[PIPELINE].replace(b"30", b"3\xe9", 1)}))
    cases.append(Case("repro-10-not-utf8-sql", {**base, VIEW_SQL: base[VIEW_SQL].replace(b"date", b"d\xfate")}))
    with_pipeline("repro-10-title-newline", pipeline.replace("title: Requests,", 'title: "Re\\nquests",'))
    with_pipeline("repro-10-title-pipe", pipeline.replace("title: Requests,", "title: 'Re | quests',"))
    return cases


def corpus(repo_root: Path) -> list[Case]:
    """The whole corpus, the same on every run: reproducers, text mutations, then scalar mutations."""
    base = {path: (repo_root / path).read_bytes() for path in (PROJECT, PIPELINE, VIEW_SQL)}
    cases = [Case("example", dict(base))]
    # The second test project (only required keys), as it is.
    minimal = repo_root / "Tests" / "tools" / "fixtures" / "minimal-project"
    if minimal.is_dir():
        files = {str(p.relative_to(minimal)): p.read_bytes() for p in sorted(minimal.rglob("*")) if p.is_file()}
        cases.append(Case("minimal-project", files))
    cases += _reproducers(base)
    for path in (PROJECT, PIPELINE, VIEW_SQL):
        if path == VIEW_SQL:
            continue
        for name, text in _text_mutations(path, base[path]):
            cases.append(Case(f"text-{Path(path).stem}-{name}", {**base, path: text}))
    rng = random.Random(SEED)
    names = sorted(MUTATIONS)
    for path in (PROJECT, PIPELINE):
        document = yaml.safe_load(base[path])
        for scalar in _scalar_paths(document):
            original = _get(document, scalar)
            for name in rng.sample(names, PER_SCALAR):
                mutated, markers = MUTATIONS[name](document, scalar, original)
                case_id = f"scalar-{Path(path).stem}-{_path_id(scalar)}-{name}"
                cases.append(Case(case_id, {**base, path: _dump(mutated)}, markers))
    return cases

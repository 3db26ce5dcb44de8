"""Differential test of Sluice's SigV4 signer against botocore's.

The Swift test `SigV4DifferentialTests` writes a deterministic corpus of randomized requests (methods, paths with
odd characters and dot segments, repeated, empty and Unicode query keys, headers with runs of whitespace and
duplicates, bodies, dates, regions, services, session tokens) with Sluice's signatures; here botocore signs each
again (`S3SigV4Auth` for s3, `SigV4Auth` for every other service) and the Authorization headers must be equal.
What the generator leaves out, and why, is documented in Tests/SluiceRuntimeTests/SigV4DifferentialCorpus.swift.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from botocore import auth as botocore_auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from toolslib import REPO_ROOT

MINIMUM_CASES = 500


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    swift = shutil.which("swift")
    if swift is None:
        pytest.fail("swift is not on PATH", pytrace=False)
    out = tmp_path_factory.mktemp("sigv4") / "corpus.json"
    env = dict(os.environ, SLUICE_SIGV4_CORPUS_OUT=str(out))
    # --skip-build: scripts/test.sh has built the tests already (`swift build --build-tests` when run by hand).
    result = subprocess.run(
        [swift, "test", "--skip-build", "--filter", "SigV4DifferentialTests"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0 or not out.is_file():
        pytest.fail(
            "the Swift corpus test failed or wrote nothing (build the tests first: swift build --build-tests):\n"
            + result.stdout[-3000:] + result.stderr[-3000:],
            pytrace=False,
        )
    return json.loads(out.read_text(encoding="utf-8"))


def wire_url(case: dict) -> str:
    """The request URL as a client sends it: the already encoded path, the query encoded as SigV4 encodes it."""
    pairs = []
    for item in case["query"]:
        name = quote(item["name"], safe="-_.~")
        pairs.append(name if item.get("value") is None else f"{name}={quote(item['value'], safe='-_.~')}")
    query = "&".join(pairs)
    return f"http://{case['host']}{case['path']}" + (f"?{query}" if query else "")


def botocore_authorization(case: dict, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """botocore's Authorization header and canonical request for the case."""
    moment = datetime.datetime.fromtimestamp(case["epochSeconds"], tz=datetime.timezone.utc).replace(tzinfo=None)
    monkeypatch.setattr(botocore_auth, "get_current_datetime", lambda *args, **kwargs: moment)
    request = AWSRequest(method=case["method"], url=wire_url(case), data=base64.b64decode(case["bodyBase64"]))
    for name, value in case["headers"]:
        request.headers[name] = value  # email.message semantics: a repeated name is added, not replaced
    credentials = Credentials(case["accessKeyID"], case["secretAccessKey"], case.get("sessionToken"))
    # S3 over plain http signs the payload hash, as Sluice's s3 options always do.
    signer_class = botocore_auth.S3SigV4Auth if case["service"] == "s3" else botocore_auth.SigV4Auth
    signer = signer_class(credentials, case["service"], case["region"])
    canonical_requests: list[str] = []
    compute = signer.canonical_request

    def recording(signed_request: AWSRequest) -> str:
        canonical_requests.append(compute(signed_request))
        return canonical_requests[-1]

    monkeypatch.setattr(signer, "canonical_request", recording)
    signer.add_auth(request)
    return request.headers["Authorization"], canonical_requests[-1]


def test_sluice_and_botocore_sign_every_case_alike(corpus: list[dict], monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(corpus) >= MINIMUM_CASES
    assert {case["service"] for case in corpus} >= {"s3", "sqs", "execute-api"}
    assert any(case.get("sessionToken") for case in corpus) and any(not case.get("sessionToken") for case in corpus)
    # The corpus holds what it claims to.
    names = [[item["name"] for item in case["query"]] for case in corpus]
    assert any(len(set(each)) < len(each) for each in names), "no repeated query key"
    assert any("" in each for each in names), "no empty query key"
    assert any(any(not name.isascii() for name in each) for each in names), "no Unicode query key"
    assert any(any(item.get("value") is None for item in case["query"]) for case in corpus), "no bare query key"
    headers = [[name.lower() for name, _ in case["headers"]] for case in corpus]
    assert any(len(set(each)) < len(each) for each in headers), "no duplicate header"
    assert any("  " in value or "\t" in value for case in corpus for _, value in case["headers"]), "no runs of spaces"
    assert any(case["bodyBase64"] for case in corpus) and any(not case["bodyBase64"] for case in corpus)
    assert any("/../" in case["path"] or "/./" in case["path"] or "//" in case["path"] for case in corpus)
    assert any("%25" in case["path"] for case in corpus), "no escaped percent in a path"
    assert len({case["region"] for case in corpus}) >= 5 and len({case["epochSeconds"] for case in corpus}) > 500
    mismatches = []
    for index, case in enumerate(corpus):
        authorization, canonical = botocore_authorization(case, monkeypatch)
        if authorization != case["authorization"]:
            mismatches.append(
                f"case {index} ({case['service']} {case['method']} {wire_url(case)}):\n"
                f"  sluice:   {case['authorization']}\n  botocore: {authorization}\n"
                f"  sluice canonical request:\n{case['canonicalRequest']}\n  botocore canonical request:\n{canonical}"
            )
    assert not mismatches, f"{len(mismatches)} of {len(corpus)} differ; the first:\n" + "\n".join(mismatches[:3])

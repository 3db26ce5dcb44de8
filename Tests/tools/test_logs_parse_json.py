"""`sluice logs parse --format json`: each line's leaves by the paths a column's `from:` names them by."""

from __future__ import annotations

import json
import subprocess


def parse(sluice_bin, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(sluice_bin), "logs", "parse", "--format", "json"], input=text, capture_output=True, text=True, timeout=60
    )


def test_leaves_by_path_and_refusals_in_place(sluice_bin):
    lines = [
        '{"http":{"request":{"status":200}},"items":[{"id":"x"}],"labels":{"app.kubernetes.io/name":"web"},"t":1.5}',
        '{"message":"cut by the logger","user":{"id":"u1","na',
        '[1,2]',
        '{"a":1} trailing',
    ]
    result = parse(sluice_bin, "\r\n".join(lines) + "\n")
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0] == {
        "http.request.status": 200,
        "items[0].id": "x",
        'labels["app.kubernetes.io/name"]': "web",
        "t": 1.5,
        "$truncated": False,
    }
    assert out[1] == {"message": "cut by the logger", "user.id": "u1", "$truncated": True}
    assert out[2] == {"line": 3, "error": "not JSON: expected '{' (a line is one JSON object), found '[' at byte 1"}
    assert out[3] == {"line": 4, "error": "not JSON: 't' after the object at byte 9"}
    assert "2 of 4 lines did not parse as json" in result.stderr

"""`sluice logs parse`: HAProxy lines on stdin, one JSON object per line on stdout."""

from __future__ import annotations

import json
import subprocess

HTTP_LINE = (
    "Feb  6 12:14:14 lb1 haproxy[4242]: 2001:db8::1:51234 [06/Feb/2024:12:14:14.655] api~ integrations/srv2 "
    '10/0/-1/-1/+109 503 +2750 - - SC-- 3/2/1/0/+1 0/0 {acme.example|curl/8.0} "POST /integrations/github HTTP/1.1"'
)
CLF_LINE = (
    '"api" 10.0.1.2 - - [06/Feb/2024:12:14:14 +0000] "GET /integrations/slack HTTP/1.1" 200 2750 "" "" 33312 655 '
    'api integrations srv1 10 0 30 69 109 ---- 1 1 0 0 0 0 0 - -'
)


def parse(sluice_bin, format: str, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(sluice_bin), "logs", "parse", "--format", format], input=text, capture_output=True, text=True, timeout=60
    )


def test_httplog_line_with_syslog_prefix_and_special_values(sluice_bin):
    result = parse(sluice_bin, "haproxy-http", HTTP_LINE + "\n")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["client_address"] == "2001:db8::1" and record["client_port"] == 51234
    assert record["client_family"] == "ipv6"
    assert record["frontend"] == "api" and record["tls"] is True
    assert record["connect_time_ms"] is None and record["response_time_ms"] is None
    assert record["total_time_ms"] == 109 and record["total_time_is_at_least"] is True
    assert record["status"] == 503 and record["bytes_read"] == 2750 and record["bytes_read_is_at_least"] is True
    assert record["retries"] == 1 and record["redispatched"] is True
    assert record["request_headers"] == "acme.example|curl/8.0"
    assert record["method"] == "POST" and record["path"] == "/integrations/github"


def test_clf_line(sluice_bin):
    result = parse(sluice_bin, "haproxy-clf", CLF_LINE + "\n")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["format"] == "clf" and record["client_port"] == 33312
    assert record["accept_timestamp_ms"] == 1707221654655
    assert record["server"] == "srv1" and record["status"] == 200


def test_a_bad_line_keeps_its_place_and_fails_the_run(sluice_bin):
    result = parse(sluice_bin, "haproxy-http", "not a log line\n" + HTTP_LINE)
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[0]["line"] == 1 and lines[0]["error"]
    assert lines[1]["status"] == 503
    assert "1 of 2 lines did not parse" in result.stderr

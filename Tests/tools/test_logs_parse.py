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


APACHE_COMBINED = (
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 '
    '"http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"'
)
NGINX_COMBINED = (
    r'2001:db8::1 - - [06/Feb/2024:12:14:14 +0000] "GET /k\xC3\xA4se?q=\x22a\x22 HTTP/1.1" 499 0 "-" '
    r'"K\xC3\xA4se \xFF" 0.012'
)


def test_combined_lines_print_every_field(sluice_bin):
    result = parse(sluice_bin, "combined", APACHE_COMBINED + "\n" + NGINX_COMBINED + "\n")
    assert result.returncode == 0, result.stderr
    apache, nginx = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(apache) == [
        "client_address", "client_family", "ident", "user", "time_local", "timestamp", "request", "method", "path",
        "query", "http_version", "status", "bytes_sent", "referer", "user_agent", "extra", "truncated",
    ]  # fmt: skip
    assert apache["client_address"] == "127.0.0.1" and apache["client_family"] == "ipv4"
    assert apache["ident"] is None and apache["user"] == "frank"
    assert apache["time_local"] == "10/Oct/2000:13:55:36 -0700"
    assert apache["timestamp"] == "2000-10-10 20:55:36.000"
    assert apache["method"] == "GET" and apache["path"] == "/apache_pb.gif" and apache["http_version"] == "HTTP/1.0"
    assert apache["status"] == 200 and apache["bytes_sent"] == 2326
    assert apache["referer"] == "http://www.example.com/start.html"
    assert apache["user_agent"] == "Mozilla/4.08 [en] (Win98; I ;Nav)"
    assert apache["extra"] is None and apache["truncated"] is False
    # nginx's \xHH escapes decoded; a byte that is no UTF-8 kept as its escape; what follows kept as extra.
    assert nginx["client_family"] == "ipv6" and nginx["status"] == 499
    assert nginx["path"] == "/käse" and nginx["query"] == 'q="a"'
    assert nginx["referer"] is None and nginx["user_agent"] == "Käse \\xFF" and nginx["extra"] == "0.012"


def test_common_lines_and_a_cut_line(sluice_bin):
    common = APACHE_COMBINED.split(' "http')[0]
    cut = common[: common.index("_pb")]
    result = parse(sluice_bin, "common", common + "\n" + cut + "\n")
    assert result.returncode == 0, result.stderr
    whole, truncated = [json.loads(line) for line in result.stdout.splitlines()]
    assert whole["bytes_sent"] == 2326 and whole["referer"] is None and whole["truncated"] is False
    assert truncated["truncated"] is True and truncated["path"] == "/apache" and truncated["status"] is None


def test_a_combined_refusal_says_why(sluice_bin):
    result = parse(sluice_bin, "combined", APACHE_COMBINED.replace(" 200 ", " 2000 ") + "\n")
    assert result.returncode == 1
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert line["line"] == 1
    assert line["error"].startswith("not an NCSA combined line: the status (%>s) is not 3 digits (bad_status at byte")

"""Structured logs with a request id (issue 14, item 4)."""

import json
import logging

from hatecrime.core.logs import JsonFormatter, RequestIdFilter, request_id


def test_every_response_carries_a_request_id(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_the_proxys_request_id_is_kept_when_well_formed_and_replaced_otherwise(client, db):
    given = client.get("/healthz", headers={"X-Request-ID": "proxy-1234abcd"})
    assert given["X-Request-ID"] == "proxy-1234abcd"
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" level="CRITICAL'})
    assert forged["X-Request-ID"] != 'x" level="CRITICAL'


def test_log_lines_are_json_with_the_request_id(caplog):
    record = logging.LogRecord(
        "hatecrime.test", logging.ERROR, __file__, 1, "failed %s", ("x",), None
    )
    token = request_id.set("abc12345")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed x"
    assert line["level"] == "ERROR"
    assert line["request_id"] == "abc12345"


def test_an_exception_is_logged_by_type_and_traceback(caplog):
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "m", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert line["exception"] == "ValueError"
    assert "Traceback" in line["traceback"]

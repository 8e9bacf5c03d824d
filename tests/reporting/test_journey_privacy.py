"""What the public journey leaves behind. The session table is not encrypted: it holds the
draft's random id and, until shown once, sealed (encrypted) codes; never a reference, a
tracking code, a resume code or an answer. An anonymous report leaves no IP address or user
agent anywhere: not in any table (encrypted columns decrypted too), not in the logs."""

import logging
import re
import uuid

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from browser.journey_data import ANONYMOUS_WITNESS, GRACE, walk
from hatecrime.core.crypto import (
    TEXT_PREFIX,
    DecryptionFailed,
    blind_index,
    decrypt_bytes,
    decrypt_text,
)
from hatecrime.reporting.models import Report
from hatecrime.reporting.views.session import CONFIRMATION_KEY, DRAFT_KEY, RESUME_CODE_KEY

pytestmark = pytest.mark.django_db

GRACE_ANSWERS = [
    "Grace Testperson",
    "07700 900123",
    "grace@example.org",
    "followed me off the bus",
    "Mare Street",
    "Tall, grey hoodie",
    "Chinese, East or South East Asian",
]
# What the anonymous witness's browser and network reveal about them.
PROXY = "10.0.0.5"
WITNESS_ADDRESS = "198.51.100.23"
WITNESS_AGENT = "Mozilla/5.0 (X11; Linux) Testbrowser-Zq7/4.2"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def raw_sessions() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        return [row[0] for row in cursor.fetchall()]


def decoded_sessions() -> list[dict]:
    return [SessionStore().decode(raw) for raw in raw_sessions()]


def session_text() -> str:
    """Every session row, raw and decoded."""
    return " ".join([*raw_sessions(), repr(decoded_sessions())])


def shown_codes(page: str) -> tuple[str, str]:
    reference = re.search(r"data-reference>([^<]+)<", page).group(1)
    tracking = re.search(r"data-tracking-code>([^<]+)<", page).group(1)
    return reference, tracking


def assert_session_holds_only_opaque_values() -> None:
    for session in decoded_sessions():
        journey = {key: value for key, value in session.items() if key.startswith("report_")}
        assert set(journey) <= {DRAFT_KEY, CONFIRMATION_KEY, RESUME_CODE_KEY}
        if DRAFT_KEY in journey:
            uuid.UUID(journey[DRAFT_KEY])
        for key in (CONFIRMATION_KEY, RESUME_CODE_KEY):
            if key in journey:
                assert journey[key].startswith(TEXT_PREFIX)


def test_while_grace_answers_the_session_holds_only_her_drafts_id(client):
    walk(client, GRACE)
    assert_session_holds_only_opaque_values()
    raw = session_text()
    for answer in GRACE_ANSWERS:
        assert answer not in raw


def test_after_sending_the_session_holds_neither_the_reference_nor_the_tracking_code(client):
    walk(client, GRACE)
    assert client.post("/report/submit/")["Location"] == "/report/confirmation/"
    assert_session_holds_only_opaque_values()
    before_shown = session_text()
    page = client.get("/report/confirmation/").content.decode()
    reference, tracking_code = shown_codes(page)
    after_shown = session_text()
    for secret in [reference, tracking_code, *GRACE_ANSWERS]:
        assert secret not in before_shown
        assert secret not in after_shown
    assert Report.objects.get().reference == reference
    # Shown once: the sealed details left the session as the page was shown.
    assert all(CONFIRMATION_KEY not in session for session in decoded_sessions())
    assert "data-tracking-code" not in client.get("/report/confirmation/").content.decode()


def test_a_fresh_resume_code_is_sealed_in_the_session_until_shown(client):
    walk(client, GRACE, until="why")
    client.post("/report/why/", {**GRACE["why"], "action": "save"})
    assert_session_holds_only_opaque_values()
    sealed = session_text()
    page = client.get("/report/saved/").content.decode()
    code = re.search(r"data-resume-code>([A-Z0-9-]+)<", page).group(1)
    assert code not in sealed and code.replace("-", "") not in sealed
    assert all(RESUME_CODE_KEY not in session for session in decoded_sessions())


def readable(value) -> str:
    """A column's value as text, decrypted when it is one of the service's encrypted values."""
    if isinstance(value, memoryview | bytes | bytearray):
        raw = bytes(value)
        try:
            return decrypt_bytes(raw).decode("utf-8", "replace")
        except (DecryptionFailed, ValueError, TypeError):
            return raw.decode("latin-1")
    text = str(value)
    if text.startswith(TEXT_PREFIX):
        try:
            return decrypt_text(text)
        except DecryptionFailed:
            return text
    return text


def everything_in_the_database() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.extend(readable(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


def test_an_anonymous_report_leaves_no_address_or_user_agent_anywhere(settings, caplog):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    caplog.set_level(logging.DEBUG)
    witness = Client(
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=WITNESS_ADDRESS, HTTP_USER_AGENT=WITNESS_AGENT
    )
    walk(witness, ANONYMOUS_WITNESS)
    witness.post("/report/submit/")
    reference, tracking_code = shown_codes(witness.get("/report/confirmation/").content.decode())
    tracked = witness.post("/track/", {"reference": reference, "tracking_code": tracking_code})
    assert tracked.status_code == 200

    stored = everything_in_the_database()
    assert "synagogue in Camden" in stored  # the dump does see decrypted answers
    identifying = [WITNESS_ADDRESS, PROXY, WITNESS_AGENT, "Testbrowser-Zq7"]
    identifying += [
        blind_index(address, purpose=purpose)
        for address in (WITNESS_ADDRESS, PROXY)
        for purpose in ("tracking-client", "draft-resume-client")
    ]
    for trace in identifying:
        assert trace not in stored
        assert trace not in caplog.text
    report = Report.objects.get()
    assert report.anonymous is True
    assert report.submitted_by_id is None

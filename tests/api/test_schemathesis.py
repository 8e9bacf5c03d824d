"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis, every
check): each public and staff operation, with a fixed seed so a failure repeats. A longer run
is `bench/api_schema_fuzz.py` (make bench), which sets SCHEMA_FUZZ_EXAMPLES."""

import os

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from api.schema_fuzz import fuzz_every_operation
from personas import api_token, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_test_transaction():
    """As Django's test client does: the test's transaction outlives each WSGI request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_operation_keeps_to_the_schema(settings, in_test_transaction):
    # The per-address limits would (rightly) answer 429 after a few examples from one client.
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 100_000
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 100_000
    officer = make_staff("alice", role="officer", areas=["hackney"])
    examples = int(os.environ.get("SCHEMA_FUZZ_EXAMPLES", "10"))
    counts, failures = fuzz_every_operation(
        headers={"Authorization": f"Token {api_token(officer)}"}, examples=examples
    )
    print(f"schemathesis: {len(counts)} operations, {sum(counts.values())} requests: {counts}")
    assert len(counts) >= 10, counts
    assert not failures, "\n\n".join(failures)
    assert all(n > 0 for n in counts.values()), counts

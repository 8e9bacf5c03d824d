"""What one report costs the database (issue 9's intake figure): the intake asks only for what
it does not already hold. The receipt goes from the report and case the intake just stored,
not from a second read of both; the community taxonomy is read only when communities are named.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Report
from hatecrime.reporting.payload import ReportInvalid

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "A man shouted abuse at me at the bus stop.",
    "occurred_on": "2026-11-01",
    "area": "hackney",
    "behaviours": ["verbal_abuse"],
    "motivations": ["race"],
    "contact": {"name": "Ada Example", "email": "ada@example.org"},
}


def submit(payload, django_capture_on_commit_callbacks):
    with (
        CaptureQueriesContext(connection) as statements,
        django_capture_on_commit_callbacks(execute=True),
    ):
        do_submit_report(payload=payload, channel="online", actor=None)
    return [query["sql"] for query in statements.captured_queries]


def reads_of(table, statements):
    return [sql for sql in statements if sql.startswith("SELECT") and f'FROM "{table}"' in sql]


def test_the_receipt_is_sent_from_the_stored_report_without_reading_it_back(
    django_capture_on_commit_callbacks,
):
    statements = submit(PAYLOAD, django_capture_on_commit_callbacks)
    assert Report.objects.count() == 1
    assert reads_of("reporting_report", statements) == []
    assert reads_of("cases_case", statements) == []


def test_the_taxonomy_is_read_only_when_communities_are_named(django_capture_on_commit_callbacks):
    assert reads_of("core_community", submit(PAYLOAD, django_capture_on_commit_callbacks)) == []
    named = {**PAYLOAD, "targeted_communities": ["chinese"]}
    statements = submit(named, django_capture_on_commit_callbacks)
    assert len(reads_of("core_community", statements)) == 1
    assert Report.objects.latest("pk").targeted_communities == ["chinese"]


def test_an_unknown_community_is_still_refused():
    with pytest.raises(ReportInvalid) as refused:
        do_submit_report(
            payload={**PAYLOAD, "targeted_communities": ["no-such-community"]},
            channel="online",
            actor=None,
        )
    assert "targeted_communities.0" in refused.value.errors

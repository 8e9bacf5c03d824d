"""Rectification through the page: an administrator corrects the victim's detail on their
request; the record holds only the new value (answers and raw body), the blind indexes follow
it, and the `alter` event keeps what was wrong and the value before, encrypted."""

import json

import pytest
from django.db import connection

from cases.factories import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case, CaseIdentifier
from hatecrime.dataprotection.subject_access import SubjectIdentifiers, matches_for
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db

OLD, NEW = "07700 900123", "07700 900456"


@pytest.fixture
def case(db):
    return make_case("hackney")


def _rectify(client, case, **data):
    return client.post(
        f"/staff/records/cases/{case.reference}/rectify/",
        {
            "version": Case.objects.get(pk=case.pk).version,
            "request_reference": "SAR-2027-0142",
            **data,
        },
    )


def test_it_corrects_the_detail_and_the_indexes_follow(client, adam, case):
    client.force_login(adam)
    response = _rectify(
        client, case, detail="phone", value=NEW, what_was_wrong="Two digits swapped"
    )
    assert response.status_code == 302
    report = Report.objects.get(pk=case.report.pk)
    assert report.answers["contact"]["phone"] == NEW
    assert OLD not in json.dumps(report.submitted)  # gone from the raw body too
    assert [m.case.pk for m in matches_for(SubjectIdentifiers(phone=NEW))] == [case.pk]
    assert matches_for(SubjectIdentifiers(phone=OLD)) == []
    assert CaseIdentifier.objects.filter(case=case, kind="suspect_name").exists()  # untouched
    event = AuditEvent.objects.filter(kind="alter", object_id=case.reference).last()
    assert event.actor == adam and "report.contact.phone" in event.fields
    assert OLD in event.justification and "Two digits swapped" in event.justification
    assert OLD not in json.dumps([event.fields, event.detail, event.recipient])
    # ... and the old value is not in the clear in the database: the justification is encrypted.
    with connection.cursor() as cursor:
        cursor.execute("SELECT justification FROM audit_auditevent WHERE seq = %s", [event.seq])
        assert OLD not in str(cursor.fetchone()[0])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": NEW, "what_was_wrong": "x"}, "Select the detail that was wrong"),
        ({"detail": "phone", "what_was_wrong": "x"}, "Enter what the record should say"),
        ({"detail": "phone", "value": NEW}, "Enter what was wrong"),
        ({"detail": "phone", "value": OLD, "what_was_wrong": "x"}, "already says"),
        ({"detail": "email", "value": "not-an-email", "what_was_wrong": "x"}, "correct format"),
        ({"detail": "date_of_birth", "value": "31/02/1980", "what_was_wrong": "x"}, "as a date"),
        ({"detail": "nickname", "value": NEW, "what_was_wrong": "x"}, "Select a valid choice"),
    ],
)
def test_bad_answers_get_an_error_summary(client, adam, case, data, message):
    client.force_login(adam)
    response = _rectify(client, case, **data)
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and message in page
    assert Report.objects.get(pk=case.report.pk).answers["contact"]["phone"] == OLD


def test_only_administrators_rectify(client, alice, hannah, case):
    for person in (alice, hannah):
        client.force_login(person)
        response = _rectify(client, case, detail="phone", value=NEW, what_was_wrong="x")
        assert response.status_code == 404
    assert Report.objects.get(pk=case.report.pk).answers["contact"]["phone"] == OLD


def test_an_anonymous_report_has_nothing_to_rectify(client, adam):
    case = make_case("hackney", submitted={"reporter_role": "victim", "anonymous": True})
    client.force_login(adam)
    response = _rectify(client, case, detail="phone", value=NEW, what_was_wrong="x")
    assert "holds no details of the person it happened to" in response.content.decode()

"""Retention rules are data: seeded by a migration for every kind of record, shown to
administrators, and changed by them with an audit event."""

import importlib

import pytest
from django.apps import apps

from dataprotection.closed_cases import closed_case
from hatecrime.audit.models import AuditEvent
from hatecrime.dataprotection.migrations import __name__ as migrations_package
from hatecrime.dataprotection.models import CaseRetention, RetentionRule

pytestmark = pytest.mark.django_db


def test_every_kind_of_record_has_a_rule():
    rules = {rule.kind: rule for rule in RetentionRule.objects.all()}
    assert set(rules) == {
        "crime", "nchi", "not_recorded", "anonymous_intelligence", "draft", "evidence", "audit",
    }  # fmt: skip
    assert rules["crime"].review_after_months == 72
    assert rules["nchi"].review_after_months == 12
    assert rules["audit"].handling == "kept" and "ADR 0540" in rules["audit"].basis
    assert rules["draft"].handling == "automatic"


def test_administrators_see_the_rules_and_others_do_not(client, adam, hannah, alice):
    client.force_login(adam)
    page = client.get("/staff/records/rules/").content.decode()
    assert "Non-crime hate incident" in page and "never deleted" in page
    for person in (hannah, alice):
        client.force_login(person)
        assert client.get("/staff/records/rules/").status_code == 404
        assert client.post("/staff/records/rules/nchi/", {"basis": "x"}).status_code == 404


def test_an_administrator_changes_a_review_period_audited(client, adam):
    client.force_login(adam)
    response = client.post(
        "/staff/records/rules/nchi/", {"review_after_months": "6", "basis": "Force policy 2027"}
    )
    assert response.status_code == 302
    rule = RetentionRule.objects.get(kind="nchi")
    assert (rule.review_after_months, rule.basis, rule.changed_by) == (6, "Force policy 2027", adam)
    event = AuditEvent.objects.filter(object_type="retention_rule").last()
    assert (event.kind, event.object_id, event.actor) == ("alter", "nchi", adam)
    assert event.detail == {"review_after_months": [12, 6]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"review_after_months": "six", "basis": "x"}, "Enter a whole number of months"),
        ({"review_after_months": "0", "basis": "x"}, "between 1 and 1200"),
        ({"review_after_months": "", "basis": "x"}, "between 1 and 1200"),
        ({"review_after_months": "6", "basis": ""}, "Enter the guidance this rule follows"),
    ],
)
def test_bad_answers_get_an_error_summary(client, adam, data, message):
    client.force_login(adam)
    response = client.post("/staff/records/rules/nchi/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and message in page
    assert RetentionRule.objects.get(kind="nchi").review_after_months == 12


def test_the_audit_rule_has_no_period_to_set(client, adam):
    client.force_login(adam)
    page = client.get("/staff/records/rules/audit/").content.decode()
    assert 'name="review_after_months"' not in page
    response = client.post("/staff/records/rules/audit/", {"basis": "Kept: ADR 0540"})
    assert response.status_code == 302
    assert RetentionRule.objects.get(kind="audit").review_after_months is None


def test_the_migration_gives_cases_closed_before_it_their_review_date(alice):
    case = closed_case(alice)
    CaseRetention.objects.all().delete()
    seed = importlib.import_module(f"{migrations_package}.0002_seed_rules_and_review_dates").seed
    seed(apps, None)
    retention = CaseRetention.objects.get(case=case)
    assert retention.kind == "crime"
    assert retention.review_due_on.year == case.closed_at.year + 6

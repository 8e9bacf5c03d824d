"""Rectification (DPA 2018 Part 3, s.46): an administrator corrects one of the data subject's
own details in a report, on their request (docs/retention.md, ADR 0563).

The report keeps only the corrected value (in its validated answers and in the raw body, so the
wrong one is not left behind); the case's linking identifiers and search keys are written again
from it. The `alter` event holds what was wrong and the value before, in its justification: the
one audit field that is encrypted at rest (and covered by the chain's HMAC), so the old value is
kept for lawfulness checks without lying in the clear in the database, and nowhere else.
"""

import copy
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions import identifiers_in
from hatecrime.cases.models import SUSPECT_KINDS, Case, CaseIdentifier
from hatecrime.cases.search import index_case
from hatecrime.dataprotection.actions import RetentionConflict, RetentionError
from hatecrime.reporting import people
from hatecrime.reporting.models import Report

# The subject's own details a rectification may correct (in the report's contact or victim).
RECTIFIABLE = {
    "name": "Name",
    "email": "Email address",
    "phone": "Phone number",
    "address": "Address",
    "postcode": "Postcode",
    "date_of_birth": "Date of birth",
}


def _value_errors(detail: str, value: str) -> list[str]:
    if not value:
        return ["Enter what the record should say"]
    if detail == "email":
        try:
            validate_email(value)
        except ValidationError:
            return ["Enter an email address in the correct format, like name@example.com"]
    if detail == "date_of_birth":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return ["Enter the date of birth as a date, like 1980-02-03"]
    return []


def _with_detail(submitted: dict[str, Any], section: str, detail: str, value: str) -> Any:
    changed = copy.deepcopy(submitted)
    for part in ("cleaned", "raw"):
        answers = changed.get(part)
        if isinstance(answers, dict) and isinstance(answers.get(section), dict):
            answers[section][detail] = value
    return changed


def _rekey(case: Case, answers: dict[str, Any]) -> None:
    CaseIdentifier.objects.filter(case=case).exclude(kind__in=SUSPECT_KINDS).delete()
    victim = identifiers_in({}, people.victim_details(answers))
    CaseIdentifier.objects.bulk_create(
        [CaseIdentifier(case=case, kind=kind, digest=digest) for kind, digest in victim],
        ignore_conflicts=True,
    )
    index_case(case)


@transaction.atomic
def do_rectify_subject_detail(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    detail: str,
    value: str,
    what_was_wrong: str,
    request_reference: str,
) -> str:
    """Correct the victim's `detail` in the case's report; returns the section changed."""
    if not has_permission(actor, "subject_access"):
        raise RetentionError({"__all__": ["Only an administrator can record a rectification"]})
    answers = case.report.answers
    section = "victim" if people.reports_for_someone_else(answers) else "contact"
    value, what_was_wrong = value.strip(), what_was_wrong.strip()
    errors: dict[str, list[str]] = {}
    if answers.get("anonymous") is True or not isinstance(answers.get(section), dict):
        errors["__all__"] = ["This report holds no details of the person it happened to"]
    if detail not in RECTIFIABLE:
        errors["detail"] = ["Select the detail that was wrong"]
    elif problems := _value_errors(detail, value):
        errors["value"] = problems
    elif "__all__" not in errors and answers[section].get(detail) == value:
        errors["value"] = ["That is what the record already says"]
    if not what_was_wrong:
        errors["what_was_wrong"] = ["Enter what was wrong"]
    if not request_reference.strip():
        errors["request_reference"] = ["Enter the reference of the request"]
    if errors:
        raise RetentionError(errors)
    if not Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1
    ):
        raise RetentionConflict(case.reference)
    before = answers[section].get(detail)
    submitted = _with_detail(case.report.submitted or {}, section, detail, value)
    Report.objects.filter(pk=case.report.pk).update(submitted=submitted)
    case.report.submitted = submitted
    _rekey(case, case.report.answers)
    record_event(
        "alter",
        actor=actor,
        object_type="case",
        object_id=case.reference,
        fields=[f"report.{section}.{detail}", "identifiers", "search_keys"],
        justification=(
            f"Rectification on subject access request {request_reference.strip()}. "
            f"What was wrong: {what_was_wrong}. Before: {before or '(empty)'}"
        ),
        detail={"rectification": True},
    )
    return section

"""Court dates and their results (docs/adr/0820-outcomes-to-the-end.md).

A hearing has a date, a kind and the court (what the victim sees on tracking), and the
officer's own description (encrypted, never shown to the public). Its result is one of a code
list; a sentence is recorded with whether the court increased it for hostility (Sentencing Act
2020 s.66: applied, not applied or not known), and only a sentence carries that answer.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.accounts.models import User
from hatecrime.cases.actions.base import audit_case, change_case, check
from hatecrime.cases.models import (
    Case,
    CourtDate,
    HearingKind,
    HearingResult,
    SentenceUplift,
)

MAX_TEXT = 200


def _text_errors(value: str, name: str, missing: str, errors: dict[str, list[str]]) -> None:
    if not value.strip():
        errors[name] = [missing]
    elif len(value.strip()) > MAX_TEXT:  # refused, never cut short
        errors[name] = [_("This must be 200 characters or fewer")]


@transaction.atomic
def do_add_court_date(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    hearing_on: dt.date,
    description: str,
    court_name: str = "",
    kind: str = HearingKind.OTHER,
    starts_at: dt.time | None = None,
) -> CourtDate:
    errors: dict[str, list[str]] = {}
    _text_errors(description, "description", _("Enter what the hearing is"), errors)
    _text_errors(court_name, "court_name", _("Enter the court"), errors)
    if kind not in HearingKind.values:
        errors["kind"] = [_("Select the kind of hearing")]
    check(errors)
    case = change_case(case, expected_version=expected_version)
    court_date = CourtDate.objects.create(
        case=case,
        hearing_on=hearing_on,
        kind=kind,
        court_name=court_name.strip(),
        starts_at=starts_at,
        description=description.strip(),
        recorded_by=actor,
    )
    detail = {"court_date": court_date.pk}
    audit_case("alter", actor=actor, case=case, fields=["court_dates"], detail=detail)
    return court_date


def _result_errors(
    case: Case, court_date: CourtDate, result: str, sentence_uplift: str, outcome: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if court_date.case_id != case.pk:
        return {"court_date": [_("Select a court date of this case")]}
    if court_date.hearing_on > timezone.localdate():
        errors["court_date"] = [_("This hearing has not happened yet")]
    if result not in HearingResult.values:
        errors["result"] = [_("Select the result")]
    if result == HearingResult.SENTENCED:
        if sentence_uplift not in SentenceUplift.values:
            errors["sentence_uplift"] = [
                _("Select whether the sentence was increased for hostility")
            ]
        if not outcome.strip():
            errors["outcome"] = [_("Enter the sentence")]
    elif sentence_uplift:
        errors["sentence_uplift"] = [_("Record the uplift only with a sentence")]
    return errors


@transaction.atomic
def do_record_court_outcome(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    court_date: CourtDate,
    result: str,
    outcome: str = "",
    sentence_uplift: str = "",
) -> CourtDate:
    """The result of a hearing that has taken place (recorded again, it replaces the last)."""
    check(_result_errors(case, court_date, result, sentence_uplift, outcome))
    case = change_case(case, expected_version=expected_version)
    court_date.result, court_date.sentence_uplift = result, sentence_uplift
    court_date.outcome = outcome.strip()
    court_date.save(update_fields=["result", "sentence_uplift", "outcome"])
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["court_dates.result"],
        detail={"court_date": court_date.pk, "result": result, "uplift": sentence_uplift},
    )
    return court_date

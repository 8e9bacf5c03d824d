"""The force's crime number and classification on a case (docs/adr/0810-crime-number.md), and
the administrator's format they are checked against."""

import re

from django.db import transaction
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions.base import CaseActionError, audit_case, change_case, check
from hatecrime.cases.models import Case, CrimeNumberFormat
from hatecrime.cases.models.crime_number import normalise_crime_number

CLASSIFICATION_MAX = 200


def crime_number_error(value: str, form: CrimeNumberFormat | None = None) -> str:
    """The GOV.UK message for a crime number not in the force's format ("" when it is)."""
    form = form or CrimeNumberFormat.current()
    if form.matches(value):
        return ""
    return (
        f"Enter the crime number in the format of the force's crime recording system: "
        f"{form.description}, like {form.example}"
    )


@transaction.atomic
def do_record_crime_number(
    *, actor: User, case: Case, expected_version: int, crime_number: str, classification: str = ""
) -> Case:
    """Record (or correct, or clear) the crime number and the classification the force's crime
    recording system gave the crime. A classification needs a crime number."""
    number = normalise_crime_number(crime_number)
    classification = " ".join(classification.split())
    errors: dict[str, list[str]] = {}
    if number and (message := crime_number_error(number)):
        errors["crime_number"] = [message]
    if classification and not number:
        errors["crime_number"] = ["Enter the crime number the classification belongs to"]
    if len(classification) > CLASSIFICATION_MAX:
        errors["classification"] = [
            f"The classification must be {CLASSIFICATION_MAX} characters or fewer"
        ]
    check(errors)
    changes = {"crime_number": number, "crime_classification": classification}
    changed = sorted(name for name, value in changes.items() if getattr(case, name) != value)
    case = change_case(case, expected_version=expected_version, **changes)
    audit_case("alter", actor=actor, case=case, fields=changed or ["crime_number"])
    return case


@transaction.atomic
def do_set_crime_number_format(
    *, actor: User, pattern: str, example: str, description: str
) -> CrimeNumberFormat:
    """An administrator sets the format: the pattern must be a valid regular expression that
    the example matches in full. Numbers already recorded are not checked again."""
    if not has_permission(actor, "manage_case_settings"):
        raise CaseActionError("Only an administrator can set the crime number format")
    pattern, example, description = pattern.strip(), example.strip(), description.strip()
    errors: dict[str, list[str]] = {}
    if not pattern:
        errors["pattern"] = ["Enter the pattern crime numbers must match"]
    else:
        try:
            re.compile(pattern)
        except re.error as problem:
            errors["pattern"] = [f"The pattern is not a valid regular expression: {problem}"]
    if not example:
        errors["example"] = ["Enter an example of a crime number"]
    elif "pattern" not in errors and pattern and re.fullmatch(pattern, example) is None:
        errors["example"] = ["The example must match the pattern"]
    if not description:
        errors["description"] = ["Describe the format in words (staff read it in errors)"]
    check(errors)
    form = CrimeNumberFormat.current()
    values = {"pattern": pattern, "example": example, "description": description}
    changed = sorted(name for name, value in values.items() if getattr(form, name) != value)
    for name, value in values.items():
        setattr(form, name, value)
    form.changed_at, form.changed_by = timezone.now(), actor
    form.save()
    record_event(
        "alter",
        actor=actor,
        object_type="crime_number_format",
        object_id="1",
        fields=changed,
        detail={"pattern": pattern, "example": example},
    )
    return form

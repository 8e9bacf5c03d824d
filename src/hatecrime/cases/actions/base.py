"""What every case action shares: the conditional UPDATE that guards against lost updates, the
errors actions raise, and the audit helper that carries an opening justification along."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.audit.actions import record_event
from hatecrime.cases.models import Case
from hatecrime.cases.risk import refresh_withdrawal_risk


class CaseActionError(Exception):
    """The action was refused. `errors` maps a field name (or "__all__") to messages in GOV.UK
    style, for the page or the API to show next to the field."""

    def __init__(self, errors: dict[str, list[str]] | str) -> None:
        self.errors = {"__all__": [errors]} if isinstance(errors, str) else errors
        super().__init__("; ".join(m for messages in self.errors.values() for m in messages))


class CaseEditConflict(CaseActionError):
    """Someone else changed the case since the user loaded it. Nothing was saved."""

    def __init__(self, reference: str, expected: int, current: int | None) -> None:
        self.expected_version, self.current_version = expected, current
        super().__init__(
            f"Someone else changed case {reference} while you were working on it, so your "
            "changes have not been saved. Your answers are shown below: check the case as it "
            "is now and save again."
        )


class UnsafeContact(CaseActionError):
    """The victim said this way of contacting them is not safe."""


def check(errors: dict[str, list[str]]) -> None:
    if errors:
        raise CaseActionError(errors)


def not_future(at: dt.datetime | None, name: str, errors: dict[str, list[str]]) -> dt.datetime:
    """`at`, or now when not given; a time more than five minutes ahead (clocks differ) is
    refused."""
    now = timezone.now()
    if at is not None and at > now + dt.timedelta(minutes=5):
        errors.setdefault(name, []).append(_("The time must be in the past"))
    return at or now


def change_case(case: Case, *, expected_version: int, **changes: Any) -> Case:
    """Apply `changes` only if the case is still at `expected_version`, bumping the version in
    the same conditional UPDATE (atomic on SQLite and PostgreSQL alike)."""
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        current = Case.objects.filter(pk=case.pk).values_list("version", flat=True).first()
        raise CaseEditConflict(case.report.reference, expected_version, current)
    case.refresh_from_db()  # keeps case.access_justification, which is not a column
    return case


def audit_case(
    kind: str,
    *,
    actor: Any,
    case: Case,
    fields: Iterable[str],
    detail: dict[str, Any] | None = None,
    recipient: str = "",
) -> None:
    """Write the case's audit event. Every case action ends with it, after its writes: so a
    change (anything but a `consult`) also brings the case's withdrawal-risk flag and the
    schedules that feed it up to date, in the same transaction (ADR 0800)."""
    record_event(
        kind,
        actor=actor,
        object_type="case",
        object_id=case.report.reference,
        fields=fields,
        justification=case.access_justification,
        recipient=recipient,
        detail=detail,
    )
    if kind != "consult":
        refresh_withdrawal_risk(case)

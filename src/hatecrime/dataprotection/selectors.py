"""Retention reads: the rules, the reviews due in a supervisor's areas, one case's retention
record (audited where it shows what a supervisor wrote)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hatecrime.accounts.permissions import area_ids_of, has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.models import Case
from hatecrime.dataprotection.models import CaseRetention, RetentionDecision, RetentionRule


def retention_rules() -> list[RetentionRule]:
    return list(RetentionRule.objects.select_related("changed_by"))


def reviews_due(user: Any, *, on: dt.date | None = None) -> list[CaseRetention]:
    """Closed cases of the user's areas whose review is due (oldest first); nothing for anyone
    who does not review retention. References, kinds and dates only: nothing personal."""
    if not has_permission(user, "review_retention"):
        return []
    today = on or timezone.localdate()
    return list(
        CaseRetention.objects.filter(
            case__area_id__in=area_ids_of(user),
            disposed_at__isnull=True,
            review_due_on__lte=today,
        )
        .select_related("case__report", "case__area")
        .order_by("review_due_on", "case_id")
    )


@dataclass(frozen=True)
class RetentionRecord:
    retention: CaseRetention | None
    decisions: list[RetentionDecision]

    @property
    def due(self) -> bool:
        today = timezone.localdate()
        due_on = self.retention.review_due_on if self.retention else None
        return due_on is not None and due_on <= today


def retention_record(user: Any, case: Case) -> RetentionRecord:
    """A case's retention and every earlier review, with the reasons supervisors gave (free
    text: its reading is audited as a consult)."""
    retention = CaseRetention.objects.filter(case=case).first()
    decisions = list(
        RetentionDecision.objects.filter(case=case).select_related("decided_by").order_by("pk")
    )
    record_event(
        "consult",
        actor=user,
        object_type="case",
        object_id=case.reference,
        fields=["retention", "retention.decisions"],
        justification=case.access_justification,
    )
    return RetentionRecord(retention=retention, decisions=decisions)

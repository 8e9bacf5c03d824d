"""Which closed cases are due a survey: each stage once per case, within a window after it
falls due (a case closed long before the service sent surveys is not written to out of the
blue). The invitation's unique (case, stage) claims it, so two workers never send one twice."""

import datetime as dt

from django.utils import timezone

from hatecrime.cases.models import Case, CaseStatus
from hatecrime.core.calendar import add_calendar_months
from hatecrime.feedback.actions import do_invite_to_survey
from hatecrime.feedback.models import SurveyStage

WINDOW = dt.timedelta(days=30)
# Calendar months after the closure that each stage is due.
STAGES = ((SurveyStage.AT_CLOSURE, 0), (SurveyStage.THREE_MONTHS, 3))


def invite_due(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for stage, months in STAGES:
        # A month is at most 31 days: a generous range in the database, exact below.
        earliest = now - WINDOW - dt.timedelta(days=31 * months)
        candidates = (
            Case.objects.filter(status=CaseStatus.CLOSED, closed_at__gte=earliest)
            .exclude(survey_invitations__stage=stage)
            .select_related("report", "area")
            .order_by("closed_at", "pk")
        )
        counts[stage] = 0
        for case in candidates:
            assert case.closed_at is not None
            due = add_calendar_months(case.closed_at, months)
            if due <= now < due + WINDOW and do_invite_to_survey(case=case, stage=stage):
                counts[stage] += 1
    return counts

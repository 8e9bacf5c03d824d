"""What 'track my report' says of how the case was dealt with, and of court (docs/adr/0820).

Only the victim sees these: on a report the victim made themselves (`reporter_role` "victim",
anonymous or not). A witness or someone reporting for the victim holds the tracking code of a
case about someone else (docs/adr/0460): they see that it closed, and what the officer chose to
share, never a charge or a court date.

An outcome (charge, summons, caution, community resolution, civil or informal outcome) shows
once the officer has told the victim, so that nobody learns it from a web page first; when the
victim may not be contacted, tracking is the only way they can learn it, so it shows at once.
Hearings show their date, time, kind and court, and the result in words; never the officer's
description, the sentence in their words, or anything about the person charged.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hatecrime.cases.models import (
    OUTCOME_DECISIONS,
    Case,
    DecisionKind,
    HearingKind,
    HearingResult,
    SentenceUplift,
)
from hatecrime.cases.safe_contact import victim_can_be_contacted

_CHARGED = _lazy("Someone was charged or summonsed to court.")
_CAUTIONED = _lazy("Someone was given a caution or a community resolution.")
_OTHERWISE = _lazy("It was dealt with without court, for example by a civil order or mediation.")
OUTCOME_WORDS = {
    DecisionKind.CHARGED: _CHARGED,
    DecisionKind.SUMMONSED: _CHARGED,
    DecisionKind.CAUTIONED: _CAUTIONED,
    DecisionKind.COMMUNITY_RESOLUTION: _CAUTIONED,
    DecisionKind.CIVIL_OUTCOME: _OTHERWISE,
    DecisionKind.INFORMAL_OUTCOME: _OTHERWISE,
}
HEARING_WORDS = {
    HearingKind.FIRST_HEARING: _lazy("Court hearing"),
    HearingKind.TRIAL: _lazy("Trial"),
    HearingKind.SENTENCING: _lazy("Sentencing hearing"),
    HearingKind.OTHER: _lazy("Court hearing"),
}
RESULT_WORDS = {
    HearingResult.ADJOURNED: _lazy("Moved to another date."),
    HearingResult.GUILTY_PLEA: _lazy("Guilty."),
    HearingResult.CONVICTED: _lazy("Guilty."),
    HearingResult.ACQUITTED: _lazy("Not guilty."),
    HearingResult.STOPPED: _lazy("The case was stopped."),
    HearingResult.SENTENCED: _lazy("Sentenced."),
}
UPLIFT_WORDS = _lazy("The court increased the sentence because of hostility.")


@dataclass(frozen=True)
class Hearing:
    on: dt.date
    starts_at: dt.time | None
    text: str
    result: str
    upcoming: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            **({"time": self.starts_at.strftime("%H:%M")} if self.starts_at else {}),
            "hearing": self.text,
            **({"result": self.result} if self.result else {}),
        }


def shows_outcomes(case: Case) -> bool:
    """Whether the holder of the tracking code is the victim (see the module's notes)."""
    return bool(case.report.reporter_role == "victim")


def outcome_entries(case: Case) -> list[tuple[dt.datetime, str]]:
    """(when decided, words) of each outcome the victim may see, oldest first."""
    if not shows_outcomes(case):
        return []
    told_or_cannot_be = not victim_can_be_contacted(case)
    return [
        (decision.decided_at, str(OUTCOME_WORDS[DecisionKind(decision.kind)]))
        for decision in case.decisions.filter(kind__in=OUTCOME_DECISIONS).order_by("decided_at")
        if told_or_cannot_be or decision.victim_told_at is not None
    ]


def _hearing_text(kind: str, court: str) -> str:
    words = str(HEARING_WORDS.get(HearingKind(kind), HEARING_WORDS[HearingKind.OTHER]))
    if not court:
        return words
    return _("%(hearing)s at %(court)s") % {"hearing": words, "court": court}


def _result_text(result: str, uplift: str) -> str:
    if not result:
        return ""
    text = str(RESULT_WORDS[HearingResult(result)])
    if uplift == SentenceUplift.APPLIED:
        text = f"{text} {UPLIFT_WORDS}"
    return text


def hearings(case: Case) -> list[Hearing]:
    """The case's hearings as the victim sees them (none for anyone else)."""
    if not shows_outcomes(case):
        return []
    today = timezone.localdate()
    return [
        Hearing(
            on=court_date.hearing_on,
            starts_at=court_date.starts_at,
            text=_hearing_text(court_date.kind, court_date.court_name),
            result=_result_text(court_date.result, court_date.sentence_uplift),
            upcoming=court_date.hearing_on >= today and not court_date.result,
        )
        for court_date in case.court_dates.order_by("hearing_on", "pk")
    ]


def at_court() -> list[str]:
    """What to expect at court and the special measures the victim can ask for."""
    return [
        _(
            "A Witness Service volunteer can show you the court before the day and stay with "
            "you on the day. You can claim travel costs. Ask your officer."
        ),
        _(
            "You can ask for special measures to help you give evidence, such as a screen so "
            "you do not see the defendant, a video link, or giving evidence in private."
        ),
    ]

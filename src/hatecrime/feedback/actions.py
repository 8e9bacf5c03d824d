"""Sending the feedback survey and storing its answers apart from the case (docs/adr/0822).

The survey goes only to the victim, only by a way they said is safe (email or text, at a safe
time: notifications.victims), never to an anonymous victim or one who may not be contacted,
and never to the person who reported for them. An invitation that may not go is recorded as
not sent, with the reason, and no link exists for it.

The link carries a one-time token; only its keyed hash is kept. Answering claims the
invitation with a conditional UPDATE (so a link works once) and stores the answers with no key
back to the case.
"""

import datetime as dt
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from hatecrime.audit.actions import record_event
from hatecrime.cases.actions import audit_case
from hatecrime.cases.models import Case
from hatecrime.cases.safe_contact import victim_can_be_contacted
from hatecrime.core import languages
from hatecrime.core.crypto import blind_index
from hatecrime.feedback.models import (
    InvitationOutcome,
    SurveyInvitation,
    SurveyResponse,
)
from hatecrime.notifications.victims import message_contact_person, public_link, safe_address

TOKEN_PURPOSE = "survey-token"
LINK_VALID_FOR = dt.timedelta(days=60)
ANSWER_FIELDS = (
    "kept_informed",
    "treated_with_respect",
    "would_report_again",
    "comment",
    "age_band",
    "disability",
)


def token_digest(token: str) -> str:
    return blind_index(token, purpose=TOKEN_PURPOSE)


def survey_link(token: str, language: str = languages.DEFAULT) -> str:
    return public_link(f"feedback/{token}/", language)


def why_no_survey(case: Case) -> str:
    """Why the survey must not go to this case's victim, in words for staff ("" when it may)."""
    report = case.report
    if report.anonymous:
        return "The report was made anonymously"
    if not victim_can_be_contacted(case):
        return "The victim may not be contacted"
    _, address = safe_address(report.answers, only_the_victim=True)
    if not address:
        return "The victim gave no safe way to send it (email or text)"
    return ""


@transaction.atomic
def do_invite_to_survey(*, case: Case, stage: str) -> SurveyInvitation | None:
    """Send this stage's survey for the case, or record why not; None when it already exists
    (another worker claimed it first)."""
    now = timezone.now()
    reason = why_no_survey(case)
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                case=case,
                stage=stage,
                created_at=now,
                outcome=InvitationOutcome.NOT_SENT if reason else InvitationOutcome.SENT,
                not_sent_reason=reason,
            )
    except IntegrityError:
        return None
    if not reason:
        token = secrets.token_urlsafe(32)
        invitation.token_digest = token_digest(token)
        invitation.expires_at = now + LINK_VALID_FOR
        invitation.save(update_fields=["token_digest", "expires_at"])
        report = case.report

        def send() -> None:
            message_contact_person(
                answers=report.answers,
                reference=report.reference,
                template="victim_feedback_survey",
                purpose="feedback_survey",
                case=case,
                language=report.language_for_messages,
                link=survey_link(token, report.language_for_messages),
                only_the_victim=True,
            )

        transaction.on_commit(send)
    audit_case(
        "alter",
        actor="system",
        case=case,
        fields=["survey_invitations"],
        detail={"stage": stage, "sent": not reason},
    )
    return invitation


def open_invitation(token: str) -> SurveyInvitation | None:
    """The invitation this link opens, or None (unknown, used or expired: the same answer)."""
    if not token or len(token) > 100:
        return None
    return (
        SurveyInvitation.objects.select_related("case__report", "case__area")
        .filter(token_digest=token_digest(token), answered=False, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def do_answer_survey(*, token: str, answers: dict[str, Any]) -> bool:
    """Store the answers, apart from the case; False when the link no longer opens."""
    invitation = open_invitation(token)
    if invitation is None:
        return False
    claimed = SurveyInvitation.objects.filter(
        pk=invitation.pk, token_digest=invitation.token_digest, answered=False
    ).update(token_digest=None, answered=True)
    if not claimed:
        return False
    case = invitation.case
    SurveyResponse.objects.create(
        month=timezone.localdate().replace(day=1),
        stage=invitation.stage,
        area=case.area.slug,
        strands=sorted(case.strands or []),
        channel=case.report.channel,
        **{name: answers.get(name) or "" for name in ANSWER_FIELDS},
    )
    record_event(
        "collect",
        actor="public",
        object_type="survey_invitation",
        object_id=str(invitation.pk),
        fields=["answered"],
        justification="feedback survey answered with its one-time link",
    )
    return True

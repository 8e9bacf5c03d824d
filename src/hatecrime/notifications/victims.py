"""Messages about a report go to the person the police contact (reporting/people.py): the
victim, or the person who reported it when the victim does not know about the report or has not
agreed to be contacted. Never to a victim who may not be contacted.

They follow that person's safe-contact answers: email only if they said email is safe, text
only if texts are, never a letter or a voicemail from the service; and they wait (queued) until
the next time the person said is safe (Europe/London, bank holidays included)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.cases.safe_contact import SafeContact, safe_contact_from_answers
from hatecrime.core import languages
from hatecrime.notifications.gateway import send_message
from hatecrime.notifications.models import Message
from hatecrime.reporting import people


def public_link(path: str, language: str = languages.DEFAULT) -> str:
    """A public page in the report's language (`/vi/track`; English has no prefix)."""
    prefix = (
        "" if language == languages.DEFAULT or language not in languages.BY_CODE else f"/{language}"
    )
    return f"{settings.SITE_URL.rstrip('/')}{prefix}/{path}"


def tracking_link(language: str = languages.DEFAULT) -> str:
    """The tracking page in the report's language (`/vi/track/`; English has no prefix)."""
    return public_link("track", language)


def _safe_address(preferences: SafeContact, details: dict[str, Any]) -> str:
    for method, key in (("email", "email"), ("text", "phone")):
        address = details.get(key)
        if address and preferences.stated and method in preferences.methods:
            return str(address)
    return ""


def safe_address(
    answers: dict[str, Any], *, only_by_email: bool = False, only_the_victim: bool = False
) -> tuple[SafeContact, str]:
    """The person the police contact's safe-contact profile, and the first address they said is
    safe to message ("" when there is none). With `only_the_victim`, "" unless that person is
    the victim and the victim may be contacted (never the reporter in their place)."""
    preferences = safe_contact_from_answers(answers)
    if preferences.about_the_victim and not preferences.victim_contactable:
        return preferences, ""
    if only_the_victim and not (preferences.about_the_victim and preferences.victim_contactable):
        return preferences, ""
    details = people.details_of(answers, preferences.person)
    if only_by_email:
        details = {"email": details.get("email")}
    return preferences, _safe_address(preferences, details)


def message_contact_person(
    *,
    answers: dict[str, Any],
    reference: str,
    template: str,
    purpose: str,
    case: Any = None,
    only_by_email: bool = False,
    language: str = languages.DEFAULT,
    link: str = "",
    only_the_victim: bool = False,
) -> Message | None:
    """Send (or queue until a safe time) one message about a report to the person the police
    contact, by the first way they said is safe; None when there is no safe way (nothing sent,
    nothing recorded: an address that is not safe to use is not written anywhere). It is
    written in `language`, the report's. `link` replaces the tracking page's address;
    `only_the_victim` sends nothing when the person the police contact is not the victim."""
    preferences, address = safe_address(
        answers, only_by_email=only_by_email, only_the_victim=only_the_victim
    )
    if not address:
        return None
    context = {"reference": reference, "link": link or tracking_link(language)}
    options = {
        "to": address,
        "template": template,
        "context": context,
        "case": case,
        "language": language,
    }
    not_before = preferences.next_safe_time(timezone.now())
    if not_before is None:
        reason = _("The safe times could not be read; an officer must agree a time")
        return send_message(**options, purpose=purpose, suppressed_reason=reason)
    return send_message(**options, purpose=purpose, not_before=not_before)


def message_victim(case: Any, *, template: str, purpose: str) -> Message | None:
    """A message about the case to the person the police contact (see the module's notes)."""
    return message_contact_person(
        answers=case.report.answers,
        reference=case.report.reference,
        template=template,
        purpose=purpose,
        case=case,
        language=case.report.language_for_messages,
    )


def staff_link(case: Any) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/staff/cases/{case.report.reference}/"


def partner_referral_link(referral: Any) -> str:
    """Partners work referrals on their own page: they can never open the staff case page."""
    return f"{settings.SITE_URL.rstrip('/')}/staff/support/referrals/{referral.pk}/"


def message_staff(
    user: Any,
    case: Any,
    *,
    template: str,
    purpose: str,
    queue: bool = False,
    event: str = "",
    **context: Any,
) -> None:
    """A message about the case to a member of staff; `queue` and `event` as in send_message
    (a job queues it inside the transaction that claims its work, once per event)."""
    if not user.email or not user.is_active:
        return
    send_message(
        to=user.email,
        template=template,
        context={"reference": case.report.reference, "link": staff_link(case), **context},
        case=case,
        purpose=purpose,
        queue=queue,
        event=event,
    )


def message_staff_after_commit(
    people: Iterable[Any], case: Any, *, template: str, purpose: str, **context: Any
) -> None:
    """`message_staff` to each of `people` once the transaction commits; who they are is read
    now, inside the transaction that changed the case."""
    recipients = list(people)

    def send() -> None:
        for person in recipients:
            message_staff(person, case, template=template, purpose=purpose, **context)

    transaction.on_commit(send)

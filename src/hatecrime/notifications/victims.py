"""Messages to victims follow their safe-contact preferences: email only if they allowed
email, text only if they allowed texts, never a letter or a voicemail from the service."""

from typing import Any

from django.conf import settings

from hatecrime.cases.safe_contact import safe_contact_for, victim_details
from hatecrime.notifications.gateway import send_message
from hatecrime.notifications.models import Message


def tracking_link() -> str:
    return f"{settings.SITE_URL.rstrip('/')}/track"


def message_victim(case: Any, *, template: str, purpose: str) -> Message | None:
    """Send by the first safe way the victim allowed; None when there is none (nothing sent)."""
    preferences = safe_contact_for(case)
    details = victim_details(case)
    context = {"reference": case.report.reference, "link": tracking_link()}
    for method, key in (("email", "email"), ("text", "phone")):
        address = details.get(key)
        if address and preferences.stated and method in preferences.methods:
            return send_message(
                to=address, template=template, context=context, case=case, purpose=purpose
            )
    return None


def staff_link(case: Any) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/staff/cases/{case.report.reference}/"


def partner_referral_link(referral: Any) -> str:
    """Partners work referrals on their own page: they can never open the staff case page."""
    return f"{settings.SITE_URL.rstrip('/')}/staff/support/referrals/{referral.pk}/"


def message_staff(user: Any, case: Any, *, template: str, purpose: str, **context: Any) -> None:
    if not user.email or not user.is_active:
        return
    send_message(
        to=user.email,
        template=template,
        context={"reference": case.report.reference, "link": staff_link(case), **context},
        case=case,
        purpose=purpose,
    )

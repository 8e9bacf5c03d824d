"""The one way the service sends a message: GOV.UK Notify when NOTIFY_API_KEY is set, SMTP when
EMAIL_HOST is set, otherwise the console. Every message is recorded and audited as a disclosure.

Call `send_message` from `transaction.on_commit` (actions do), so nothing is sent for a change
that rolled back.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from hatecrime.audit.actions import record_event
from hatecrime.core.crypto import blind_index
from hatecrime.notifications.models import Message, MessageStatus
from hatecrime.notifications.templates import ALLOWED_CONTEXT, TEMPLATES

log = logging.getLogger(__name__)


class UnsafeTemplateContext(ValueError):
    """A message was given context outside the allowed keys (it could leak personal data)."""


def render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    extra = set(context) - ALLOWED_CONTEXT
    if extra:
        raise UnsafeTemplateContext(f"not allowed in a message: {sorted(extra)}")
    chosen = TEMPLATES[template]
    values = {key: "" for key in ALLOWED_CONTEXT} | {k: str(v) for k, v in context.items()}
    return chosen.subject.format_map(values), chosen.body.format_map(values)


def channel_for(to: str) -> str:
    email = "@" in to
    if settings.NOTIFY_API_KEY:
        return "notify_email" if email else "notify_sms"
    if settings.EMAIL_HOST and email:
        return "email"
    return "console"


def _notify_client() -> Any:
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(settings.NOTIFY_API_KEY)


def _deliver(channel: str, to: str, subject: str, body: str) -> str:
    if channel == "notify_email":
        template_id = getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", "")
        response = _notify_client().send_email_notification(
            email_address=to,
            template_id=template_id,
            personalisation={"subject": subject, "body": body},
        )
        return str(response.get("id", ""))
    if channel == "notify_sms":
        template_id = getattr(settings, "NOTIFY_SMS_TEMPLATE_ID", "")
        response = _notify_client().send_sms_notification(
            phone_number=to, template_id=template_id, personalisation={"body": body}
        )
        return str(response.get("id", ""))
    if channel == "email":
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        return ""
    log.info("message (console) template=%s\n%s\n%s", channel, subject, body)
    return ""


def send_message(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    case: Any = None,
    purpose: str,
    suppressed_reason: str = "",
) -> Message:
    """Send one message (or record that it was not sent: `suppressed_reason`)."""
    subject, body = render(template, context)
    channel = channel_for(to)
    status, provider_reference, error = MessageStatus.SENT, "", suppressed_reason
    if suppressed_reason:
        status = MessageStatus.SUPPRESSED
    else:
        try:
            provider_reference = _deliver(channel, to, subject, body)
        except Exception as failure:  # the provider's errors vary; the record says it failed
            log.exception("sending %s failed", template)
            status, error = MessageStatus.FAILED, type(failure).__name__
    with transaction.atomic():
        message = Message.objects.create(
            case=case,
            recipient=to,
            recipient_digest=blind_index(to, purpose="message-recipient"),
            channel=channel,
            template=template,
            purpose=purpose,
            status=status,
            provider_reference=provider_reference[:128],
            error=error[:300],
        )
        record_event(
            "disclose",
            actor="system",
            object_type="case" if case is not None else "message",
            object_id=case.report.reference if case is not None else str(message.pk),
            fields=sorted(k for k in context if k != "link"),
            recipient=f"message:{message.pk} ({channel})",
            detail={"template": template, "purpose": purpose, "status": status},
        )
    return message

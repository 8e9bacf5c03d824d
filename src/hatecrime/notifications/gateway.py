"""The one way the service sends a message: GOV.UK Notify when NOTIFY_API_KEY is set, SMTP when
EMAIL_HOST is set, otherwise the console. Every message is recorded and audited as a disclosure.

Call `send_message` from `transaction.on_commit` (actions do), so nothing is sent for a change
that rolled back. A message with `not_before` in the future is queued (encrypted, with its
context) and sent by the worker's `notifications.due_messages` sweep once that time comes.
"""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from notifications_python_client.notifications import NotificationsAPIClient

from hatecrime.audit.actions import record_event
from hatecrime.core import languages
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
    # str(): a message to the public is translated into the active language (gettext_lazy).
    return str(chosen.subject).format_map(values), str(chosen.body).format_map(values)


def channel_for(to: str) -> str:
    email = "@" in to
    if settings.NOTIFY_API_KEY:
        return "notify_email" if email else "notify_sms"
    if settings.EMAIL_HOST and email:
        return "email"
    return "console"


def _notify_client() -> Any:
    return NotificationsAPIClient(settings.NOTIFY_API_KEY)


def _deliver(channel: str, to: str, subject: str, body: str) -> str:
    if channel == "notify_email":
        template_id = settings.NOTIFY_EMAIL_TEMPLATE_ID
        response = _notify_client().send_email_notification(
            email_address=to,
            template_id=template_id,
            personalisation={"subject": subject, "body": body},
        )
        return str(response.get("id", ""))
    if channel == "notify_sms":
        template_id = settings.NOTIFY_SMS_TEMPLATE_ID
        response = _notify_client().send_sms_notification(
            phone_number=to, template_id=template_id, personalisation={"body": body}
        )
        return str(response.get("id", ""))
    if channel == "email":
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        return ""
    log.info("message (console) template=%s\n%s\n%s", channel, subject, body)
    return ""


def _record(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    case: Any,
    purpose: str,
    status: str,
    channel: str,
    provider_reference: str = "",
    error: str = "",
    send_after: dt.datetime | None = None,
    language: str = languages.DEFAULT,
) -> Message:
    message = Message.objects.create(
        language=language,
        case=case,
        recipient=to,
        recipient_digest=blind_index(to, purpose="message-recipient"),
        channel=channel,
        template=template,
        purpose=purpose,
        status=status,
        provider_reference=provider_reference[:128],
        error=error[:300],
        send_after=send_after,
        sent_at=timezone.now() if status == MessageStatus.SENT else None,
        context=context if status == MessageStatus.QUEUED else None,
    )
    if status != MessageStatus.QUEUED:
        _audit_disclosure(message, context)
    return message


def _audit_disclosure(message: Message, context: dict[str, Any]) -> None:
    case = message.case
    record_event(
        "disclose",
        actor="system",
        object_type="case" if case is not None else "message",
        object_id=case.report.reference if case is not None else str(message.pk),
        fields=sorted(k for k in context if k != "link"),
        recipient=f"message:{message.pk} ({message.channel})",
        detail={"template": message.template, "purpose": message.purpose, "status": message.status},
    )


def _attempt(
    channel: str, to: str, template: str, context: dict[str, Any], language: str
) -> tuple[str, str, str]:
    """Deliver now, written in `language`: (status, provider reference, error)."""
    with translation.override(language):
        subject, body = render(template, context)
    try:
        return MessageStatus.SENT, _deliver(channel, to, subject, body), ""
    except Exception as failure:  # the provider's errors vary; the record says it failed
        log.exception("sending %s failed", template)
        return MessageStatus.FAILED, "", type(failure).__name__


def send_message(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    case: Any = None,
    purpose: str,
    suppressed_reason: str = "",
    not_before: dt.datetime | None = None,
    language: str = languages.DEFAULT,
) -> Message:
    """Send one message, or record that it was not sent (`suppressed_reason`), or queue it
    until `not_before` (a time the person said is safe): `send_due_messages` sends it then.
    Messages to the public are written in `language` (the report's); staff's in English."""
    render(template, context)  # refuse unsafe context before anything is recorded
    channel = channel_for(to)
    options = {
        "to": to,
        "template": template,
        "context": context,
        "case": case,
        "language": language,
    }
    with transaction.atomic():
        if suppressed_reason:
            return _record(
                **options,
                purpose=purpose,
                status=MessageStatus.SUPPRESSED,
                channel=channel,
                error=suppressed_reason,
            )
        if not_before is not None and not_before > timezone.now():
            return _record(
                **options,
                purpose=purpose,
                status=MessageStatus.QUEUED,
                channel=channel,
                send_after=not_before,
            )
    status, provider_reference, error = _attempt(channel, to, template, context, language)
    with transaction.atomic():
        return _record(
            **options,
            purpose=purpose,
            status=status,
            channel=channel,
            provider_reference=provider_reference,
            error=error,
        )


def send_due_messages(*, limit: int = 100) -> int:
    """Send the queued messages whose safe time has come. Each is claimed with a conditional
    UPDATE (queued -> sending), so several workers never send one twice."""
    now = timezone.now()
    due = list(
        Message.objects.filter(status=MessageStatus.QUEUED, send_after__lte=now)
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in due:
        claimed = Message.objects.filter(pk=pk, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SENDING
        )
        if not claimed:
            continue
        message = Message.objects.select_related("case__report").get(pk=pk)
        context = dict(message.context or {})
        status, provider_reference, error = _attempt(
            message.channel, message.recipient, message.template, context, message.language
        )
        with transaction.atomic():
            message.status, message.error = status, error[:300]
            message.provider_reference = provider_reference[:128]
            message.sent_at = timezone.now() if status == MessageStatus.SENT else None
            message.context = None  # not kept once it has gone
            message.save(
                update_fields=["status", "error", "provider_reference", "sent_at", "context"]
            )
            _audit_disclosure(message, context)
        sent += status == MessageStatus.SENT
    return sent

"""The one way the service sends a message: GOV.UK Notify when NOTIFY_API_KEY is set, SMTP when
EMAIL_HOST is set, otherwise the console. Every message is recorded and audited as a disclosure.

Call `send_message` from `transaction.on_commit` (actions do), so nothing is sent for a change
that rolled back. A message with `not_before` in the future is queued (encrypted, with its
context) and sent by the worker's `notifications.due_messages` sweep once that time comes; so
is one sent with `queue=True`, which a job uses inside the transaction that claims its work (an
outbox: the message is stored with the claim, or neither is).

At most once per recipient and event, with failed sends tried again (docs/adr/0771): a message
is recorded as "sending" before it is handed to the provider, and only a row claimed with a
conditional UPDATE is sent, so a process that dies after handing it over leaves a row that is
never sent again (marked failed, "interrupted", after INTERRUPTED_AFTER); a message given an
`event` is stored once per recipient (a unique constraint); a send the provider refused is tried
again after RETRY_DELAYS, up to MAX_ATTEMPTS tries in all.
"""

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
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


# A send the provider refused is tried again after these delays (then given up).
RETRY_DELAYS = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A message still "sending" this long after its try began was in a process that died.
INTERRUPTED_AFTER = dt.timedelta(minutes=10)
INTERRUPTED = "Interrupted while sending: not sent again, as it may have gone"


def _record(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    case: Any,
    purpose: str,
    status: str,
    channel: str,
    error: str = "",
    send_after: dt.datetime | None = None,
    language: str = languages.DEFAULT,
    event: str = "",
) -> tuple[Message, bool]:
    """The message's row, and whether it is new (False: this event's message to this
    recipient exists already, and nothing more may be sent)."""
    digest = blind_index(to, purpose="message-recipient")
    now = timezone.now()
    keep_context = status in (MessageStatus.QUEUED, MessageStatus.SENDING)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                language=language,
                case=case,
                recipient=to,
                recipient_digest=digest,
                channel=channel,
                template=template,
                purpose=purpose,
                status=status,
                error=error[:300],
                send_after=send_after,
                attempted_at=now if status == MessageStatus.SENDING else None,
                # Kept (encrypted) only until the message has gone.
                context=context if keep_context else None,
                event=event,
            )
    except IntegrityError:
        if not event:
            raise
        return Message.objects.get(event=event, recipient_digest=digest), False
    if status == MessageStatus.SUPPRESSED:
        _audit_disclosure(message, context)
    return message, True


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


def _send_claimed(message: Message, context: dict[str, Any]) -> Message:
    """Hand a message this process has claimed ("sending") to the provider, and record how it
    went: sent, or failed and (while tries are left) due again after a delay."""
    status, provider_reference, error = _attempt(
        message.channel, message.recipient, message.template, context, message.language
    )
    now = timezone.now()
    with transaction.atomic():
        message.attempts += 1
        message.status, message.error = status, error[:300]
        message.provider_reference = provider_reference[:128]
        message.sent_at = now if status == MessageStatus.SENT else None
        retry = status == MessageStatus.FAILED and message.attempts < MAX_ATTEMPTS
        message.send_after = now + RETRY_DELAYS[message.attempts - 1] if retry else None
        message.context = context if retry else None  # not kept once it has gone
        message.save(
            update_fields=[
                "status",
                "error",
                "provider_reference",
                "sent_at",
                "send_after",
                "context",
                "attempts",
            ]
        )
        _audit_disclosure(message, context)
    return message


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
    queue: bool = False,
    event: str = "",
) -> Message:
    """Send one message, or record that it was not sent (`suppressed_reason`), or queue it
    until `not_before` (a time the person said is safe) or, with `queue`, for the worker's next
    sweep: `send_due_messages` sends it then. With `event`, at most one message is ever
    recorded and sent for that event to that recipient (the first; later calls return it).
    Messages to the public are written in `language` (the report's); staff's in English."""
    render(template, context)  # refuse unsafe context before anything is recorded
    options = {
        "to": to,
        "template": template,
        "context": context,
        "case": case,
        "language": language,
        "purpose": purpose,
        "channel": channel_for(to),
        "event": event,
    }
    now = timezone.now()
    if suppressed_reason:
        status, send_after = MessageStatus.SUPPRESSED, None
    elif queue or (not_before is not None and not_before > now):
        status, send_after = MessageStatus.QUEUED, max(not_before or now, now)
    else:
        status, send_after = MessageStatus.SENDING, None
    message, new = _record(**options, status=status, send_after=send_after, error=suppressed_reason)
    if not new or status != MessageStatus.SENDING:
        return message
    return _send_claimed(message, context)


def mark_interrupted_messages(now: dt.datetime | None = None) -> int:
    """Messages left "sending" by a process that died: failed, never sent again."""
    cutoff = (now or timezone.now()) - INTERRUPTED_AFTER
    return Message.objects.filter(
        Q(attempted_at__lt=cutoff) | Q(attempted_at__isnull=True), status=MessageStatus.SENDING
    ).update(status=MessageStatus.FAILED, error=INTERRUPTED, context=None)


def send_due_messages(*, limit: int = 100) -> int:
    """Send the queued messages whose time has come, and try again the failed ones whose retry
    is due. Each is claimed with a conditional UPDATE (to "sending"), so several workers never
    send one twice."""
    now = timezone.now()
    mark_interrupted_messages(now)
    due = list(
        Message.objects.filter(
            status__in=[MessageStatus.QUEUED, MessageStatus.FAILED],
            send_after__lte=now,
            context__isnull=False,
        )
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in due:
        claimed = Message.objects.filter(
            pk=pk, status__in=[MessageStatus.QUEUED, MessageStatus.FAILED], send_after__lte=now
        ).update(status=MessageStatus.SENDING, attempted_at=timezone.now())
        if not claimed:
            continue
        message = Message.objects.select_related("case__report").get(pk=pk)
        message = _send_claimed(message, dict(message.context or {}))
        sent += message.status == MessageStatus.SENT
    return sent

from unittest import mock

import pytest

from cases.factories import VICTIM_REPORT, events, make_case
from hatecrime.notifications.gateway import UnsafeTemplateContext, render, send_message
from hatecrime.notifications.models import Message
from hatecrime.notifications.templates import TEMPLATES
from hatecrime.notifications.victims import message_victim

SPECIAL = [
    VICTIM_REPORT["what_happened"],
    "religion",
    "Vera",
    "Jon Suspect",
    "abuse",
]


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_no_template_carries_special_category_details(db, template):
    case = make_case("hackney")
    case.targeted_community_other = "Jewish community"
    subject, body = render(template, {"reference": case.report.reference, "link": "https://x/t"})
    text = subject + body
    # Case messages name the case by its reference; others (monitoring alarms) name no case.
    about_a_case = "{reference}" in TEMPLATES[template].subject + TEMPLATES[template].body
    assert (case.report.reference in text) == about_a_case
    assert "https://x/t" in text
    for secret in [*SPECIAL, *case.strands, case.targeted_community_other]:
        assert secret.casefold() not in text.casefold()


def test_a_message_cannot_be_given_personal_context(db):
    with pytest.raises(UnsafeTemplateContext):
        render("victim_update_available", {"reference": "HC-1", "name": "Vera"})


def test_every_message_is_recorded_encrypted_and_audited(db):
    case = make_case("hackney")
    message = send_message(
        to="vera@example.invalid",
        template="victim_update_available",
        context={"reference": case.report.reference, "link": "l"},
        case=case,
        purpose="update",
    )
    assert message.status == "sent" and message.channel == "console"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT recipient FROM notifications_message WHERE id = %s", [message.pk])
        assert "vera" not in cursor.fetchone()[0]
    (disclosure,) = events("disclose", case.report.reference)
    assert disclosure.recipient.startswith(f"message:{message.pk}")


def test_notify_is_used_when_a_key_is_set(db, settings):
    settings.NOTIFY_API_KEY = "test-key"
    client = mock.Mock()
    client.send_email_notification.return_value = {"id": "notify-1"}
    with mock.patch("hatecrime.notifications.gateway._notify_client", return_value=client):
        message = send_message(
            to="a@example.invalid",
            template="officer_case_assigned",
            context={"reference": "HC-1", "link": "l"},
            purpose="assigned",
        )
    assert message.channel == "notify_email" and message.provider_reference == "notify-1"
    personalisation = client.send_email_notification.call_args.kwargs["personalisation"]
    assert "HC-1" in personalisation["body"]


def test_a_provider_failure_is_recorded(db, settings):
    settings.NOTIFY_API_KEY = "test-key"
    with mock.patch("hatecrime.notifications.gateway._notify_client", side_effect=OSError):
        message = send_message(
            to="a@example.invalid",
            template="officer_case_assigned",
            context={"reference": "HC-1", "link": "l"},
            purpose="assigned",
        )
    assert message.status == "failed"


def test_no_email_to_a_victim_who_did_not_allow_email(db):
    payload = dict(VICTIM_REPORT)
    payload["safe_contact"] = {**VICTIM_REPORT["safe_contact"], "methods": ["phone"]}
    case = make_case("hackney", submitted=payload)
    assert message_victim(case, template="victim_update_available", purpose="update") is None
    assert Message.objects.count() == 0


def test_a_victim_who_allowed_texts_gets_a_text(db, settings):
    settings.NOTIFY_API_KEY = "test-key"
    payload = dict(VICTIM_REPORT)
    payload["safe_contact"] = {**VICTIM_REPORT["safe_contact"], "methods": ["text"]}
    case = make_case("hackney", submitted=payload)
    client = mock.Mock()
    client.send_sms_notification.return_value = {"id": "sms-1"}
    with mock.patch("hatecrime.notifications.gateway._notify_client", return_value=client):
        message = message_victim(case, template="victim_update_available", purpose="update")
    assert message.channel == "notify_sms"
    assert client.send_sms_notification.call_args.kwargs["phone_number"] == "07700 900123"

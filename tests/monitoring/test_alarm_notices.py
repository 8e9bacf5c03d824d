"""Alarm notices: shown to their recipient by area name, dismissed by a POST, audited."""

import pytest

from hatecrime.audit.models import AuditEvent
from hatecrime.monitoring.actions import do_run_weekly_detection
from hatecrime.monitoring.models import AlarmNotice
from personas import PASSWORD


@pytest.fixture
def notice_for_hannah(surge_in_hackney, hannah, cora):
    do_run_weekly_detection()
    return AlarmNotice.objects.filter(recipient=hannah).first()


def test_the_weekly_job_discloses_notices_and_the_audit_says_to_whom(notice_for_hannah, hannah):
    assert notice_for_hannah is not None
    disclosed = AuditEvent.objects.filter(kind="disclose", object_type="detection_run")
    assert f"user {hannah.pk}" in set(disclosed.values_list("recipient", flat=True))
    assert AuditEvent.objects.filter(kind="combine", object_type="dataset").exists()


def test_a_notice_names_the_area_not_its_code(client, notice_for_hannah):
    assert client.login(username="hannah", password=PASSWORD)
    html = client.get("/staff/monitoring/").content.decode()
    banner = html.split('id="notices-title"')[1].split("</ul>")[0]
    assert "Hackney, Race" in banner and "hackney" not in banner.replace("Hackney", "")


def test_the_recipient_dismisses_a_notice(client, notice_for_hannah, hannah):
    assert client.login(username="hannah", password=PASSWORD)
    path = f"/staff/monitoring/notices/{notice_for_hannah.pk}/dismiss/"
    assert client.post(path).status_code == 302
    notice_for_hannah.refresh_from_db()
    assert notice_for_hannah.seen_on is not None
    audit = AuditEvent.objects.get(object_type="alarm_notice")
    assert (audit.kind, audit.actor_id) == ("alter", hannah.pk)
    assert path not in client.get("/staff/monitoring/").content.decode()


@pytest.mark.parametrize("persona", ["ann", "cora", "alice"])
def test_no_one_else_can_dismiss_it(client, notice_for_hannah, persona, request):
    user = request.getfixturevalue(persona)
    assert client.login(username=user.username, password=PASSWORD)
    path = f"/staff/monitoring/notices/{notice_for_hannah.pk}/dismiss/"
    assert client.post(path).status_code == 404
    notice_for_hannah.refresh_from_db()
    assert notice_for_hannah.seen_on is None


def test_dismissing_needs_a_post(client, notice_for_hannah):
    assert client.login(username="hannah", password=PASSWORD)
    path = f"/staff/monitoring/notices/{notice_for_hannah.pk}/dismiss/"
    assert client.get(path).status_code == 405
    notice_for_hannah.refresh_from_db()
    assert notice_for_hannah.seen_on is None

"""Trigger events: recorded by analysts and command through one audited action."""

import pytest

from hatecrime.audit.models import AuditEvent
from hatecrime.monitoring.models import TriggerEvent
from personas import PASSWORD

EVENT = {"date": "2020-03-23", "label": "COVID-19 lockdown, March 2020"}


@pytest.mark.parametrize("persona", ["ann", "cora"])
def test_analysts_and_command_record_a_trigger_event_with_its_audit_event(client, persona, request):
    user = request.getfixturevalue(persona)
    assert client.login(username=user.username, password=PASSWORD)
    assert client.post("/staff/monitoring/events/", EVENT).status_code == 302
    event = TriggerEvent.objects.get()
    assert event.label == EVENT["label"] and event.created_by == user
    audit = AuditEvent.objects.get(object_type="trigger_event")
    assert (audit.kind, audit.object_id, audit.actor_id) == ("collect", str(event.pk), user.pk)


@pytest.mark.parametrize("persona", ["hannah", "alice", "carl", "pat", "adam"])
def test_no_one_else_may_record_one(client, persona, request):
    user = request.getfixturevalue(persona)
    assert client.login(username=user.username, password=PASSWORD)
    assert client.post("/staff/monitoring/events/", EVENT).status_code == 404
    assert not TriggerEvent.objects.exists()
    assert not AuditEvent.objects.filter(object_type="trigger_event").exists()


def test_a_trigger_event_without_a_label_is_refused_with_a_field_error(client, ann):
    assert client.login(username="ann", password=PASSWORD)
    response = client.post("/staff/monitoring/events/", {"date": "2020-03-23", "label": ""})
    assert response.status_code == 200 and "govuk-error-message" in response.content.decode()
    assert not TriggerEvent.objects.exists()

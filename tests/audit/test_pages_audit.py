import pytest
from django.db import connection

from hatecrime.audit.actions import record_event
from hatecrime.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["hannah", "adam"])
def test_supervisors_and_administrators_search_the_audit(client, request, persona):
    record_event("consult", actor="system", object_type="case", object_id="HC-TEST-0001")
    client.force_login(request.getfixturevalue(persona))
    page = client.get("/staff/audit/?object_id=HC-TEST-0001").content.decode()
    assert "HC-TEST-0001" in page and "1 event" in page


def test_the_search_is_itself_audited(client, adam):
    client.force_login(adam)
    client.get("/staff/audit/?kind=consult")
    search = AuditEvent.objects.get(object_type="audit")
    assert search.actor == adam and search.fields == ["kind"]


def test_opening_the_page_without_filters_does_not_search(client, adam):
    client.force_login(adam)
    assert client.get("/staff/audit/").status_code == 200
    assert not AuditEvent.objects.filter(object_type="audit").exists()


@pytest.mark.parametrize("persona", ["alice", "carl", "ann", "cora", "pat"])
def test_other_roles_get_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/audit/?kind=consult").status_code == 404


def test_justifications_are_shown_and_one_no_key_opens_is_named_not_a_server_error(client, adam):
    """The database lets the justification alone be rewritten (for rotate_keys): whatever a
    database writer puts there, the search shows the other events and names that one."""
    record_event(
        "consult", actor="system", object_type="case", object_id="HC-KEPT", justification="On duty"
    )
    spoilt = record_event(
        "consult", actor="system", object_type="case", object_id="HC-SPOILT", justification="x"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET justification = %s WHERE seq = %s",
            ["not encrypted", spoilt.seq],
        )
    client.force_login(adam)
    response = client.get("/staff/audit/?kind=consult&object_type=case")
    assert response.status_code == 200
    page = response.content.decode()
    assert "HC-KEPT" in page and "On duty" in page
    assert "HC-SPOILT" in page
    assert page.count("Cannot be read: changed after it was written") == 1
    assert "not encrypted" not in page

import pytest

from hatecrime.accounts.navigation import items_for

pytestmark = pytest.mark.django_db


def _labels(response):
    return [str(item["label"]) for item in response.context["staff_navigation"]]


def test_an_officer_sees_the_queue_and_not_the_admin_pages():
    labels = [str(item["label"]) for item in items_for("officer", "/staff/cases/")]
    assert "Case queue" in labels and "Users" not in labels and "Audit" not in labels


def test_an_analyst_sees_monitoring_and_suspects_across_areas_only():
    labels = [str(item["label"]) for item in items_for("analyst", "/staff/")]
    assert labels == ["Monitoring", "Suspects across areas"]


def test_a_supervisor_sees_the_access_requests_and_an_officer_does_not():
    assert "Access requests" in [str(item["label"]) for item in items_for("supervisor", "/")]
    assert "Access requests" not in [str(item["label"]) for item in items_for("officer", "/")]


def test_an_administrator_sees_users_and_areas_but_no_cases(client, adam):
    client.force_login(adam)
    labels = _labels(client.get("/staff/users/"))
    assert {"Users", "Areas", "Support organisations", "Audit"} <= set(labels)
    assert "Case queue" not in labels


def test_the_active_item_is_marked(client, adam):
    client.force_login(adam)
    items = client.get("/staff/areas/").context["staff_navigation"]
    assert [str(i["label"]) for i in items if i["active"]] == ["Areas"]

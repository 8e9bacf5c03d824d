import pytest

from hatecrime.accounts.models import User
from hatecrime.audit.models import AuditEvent
from hatecrime.core.models import Area

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/staff/users/", "/staff/users/new/", "/staff/areas/", "/staff/areas/hackney/"]


@pytest.mark.parametrize("persona", ["alice", "hannah", "carl", "ann", "cora", "pat"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_only_administrators_see_admin_pages(client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_adam_sees_admin_pages(client, adam, url):
    client.force_login(adam)
    assert client.get(url).status_code == 200


def test_adam_creates_an_officer_for_newham(client, adam):
    client.force_login(adam)
    newham = Area.objects.get(slug="newham")
    response = client.post(
        "/staff/users/new/",
        {
            "username": "dee",
            "first_name": "Dee",
            "last_name": "Ola",
            "email": "dee@example.invalid",
            "role": "officer",
            "direct_phone": "020 7946 0444",
            "areas": [newham.pk],
            "password": "a-long-first-password",
        },
    )
    assert response.status_code == 302
    dee = User.objects.get(username="dee")
    assert dee.role == "officer" and list(dee.areas.all()) == [newham]
    assert dee.check_password("a-long-first-password")
    event = AuditEvent.objects.get(object_type="user", object_id=str(dee.pk))
    assert event.kind == "collect" and event.actor == adam


def test_a_role_change_applies_at_once(client, adam, alice):
    alice_client = client.__class__()
    alice_client.force_login(alice)
    assert alice_client.get("/staff/")["Location"] == "/staff/cases/"
    client.force_login(adam)
    client.post(
        f"/staff/users/{alice.pk}/",
        {
            "username": "alice",
            "role": "analyst",
            "first_name": "",
            "last_name": "",
            "email": "",
            "direct_phone": "",
        },
    )
    assert alice_client.get("/staff/")["Location"] == "/staff/monitoring/"
    event = AuditEvent.objects.get(object_type="user", object_id=str(alice.pk))
    assert set(event.fields) >= {"role", "areas", "direct_phone"}


def test_adam_deactivates_alice_and_her_session_ends(client, adam, alice):
    alice_client = client.__class__()
    alice_client.force_login(alice)
    client.force_login(adam)
    client.post(f"/staff/users/{alice.pk}/deactivate/", {"active": "no"})
    assert not User.objects.get(pk=alice.pk).is_active
    assert alice_client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def area_form(slug, **changes):
    """What the area's form posts: its current values, with the changes."""
    area = Area.objects.get(slug=slug)
    values = {
        "name": area.name, "code": area.code, "force": area.force_id or "",
        "csu_phone": area.csu_phone, "csu_hours": area.csu_hours,
        "tile_row": "" if area.tile_row is None else area.tile_row,
        "tile_col": "" if area.tile_col is None else area.tile_col,
        "is_active": "on" if area.is_active else "",
    }  # fmt: skip
    return {key: value for key, value in (values | changes).items() if value != ""}


def test_adam_changes_the_csu_phone_of_hackney(client, adam):
    client.force_login(adam)
    response = client.post("/staff/areas/hackney/", area_form("hackney", csu_phone="020 7946 1234"))
    assert response.status_code == 302
    assert Area.objects.get(slug="hackney").csu_phone == "020 7946 1234"
    assert AuditEvent.objects.get(object_type="area").fields == ["csu_phone"]


def test_a_user_form_error_is_shown_in_govuk_style(client, adam):
    client.force_login(adam)
    page = client.post("/staff/users/new/", {"username": ""}).content.decode()
    assert "govuk-error-summary" in page and "govuk-error-message" in page


def test_adam_sets_when_the_hackney_csu_answers_its_number(client, adam):
    client.force_login(adam)
    form = client.get("/staff/areas/hackney/").content.decode()
    assert 'name="csu_hours"' in form
    hours = "Monday to Friday, 8am to 6pm"
    response = client.post(
        "/staff/areas/hackney/", area_form("hackney", csu_phone="020 7946 1234", csu_hours=hours)
    )
    assert response.status_code == 302
    assert Area.objects.get(slug="hackney").csu_hours == hours
    assert sorted(AuditEvent.objects.get(object_type="area").fields) == ["csu_hours", "csu_phone"]
    assert hours in client.get("/staff/areas/").content.decode()

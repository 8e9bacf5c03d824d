import pytest

from accounts.staff_cases import PERSONAL_VALUES, make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case
from hatecrime.cases.views.actions import ACTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def hackney_case(db):
    return make_case("hackney")


@pytest.fixture
def camden_case(db):
    return make_case("camden")


def _case_pages(case):
    base = f"/staff/cases/{case.report.reference}/"
    return [base] + [f"{base}{slug}/" for slug in ACTIONS]


def test_alice_sees_her_boroughs_queue_without_camden(client, alice, hackney_case, camden_case):
    client.force_login(alice)
    page = client.get("/staff/cases/").content.decode()
    assert hackney_case.report.reference in page
    assert camden_case.report.reference not in page
    # The queue shows no personal data.
    assert not any(value in page for value in PERSONAL_VALUES)


def test_the_queue_puts_high_risk_first(client, alice):
    older, newer = make_case(), make_case()
    Case.objects.filter(pk=newer.pk).update(risk_level="high")
    client.force_login(alice)
    page = client.get("/staff/cases/").content.decode()
    assert page.index(newer.report.reference) < page.index(older.report.reference)


def test_the_queue_query_count_does_not_grow_with_cases(
    client, alice, django_assert_max_num_queries
):
    for _ in range(3):
        make_case()
    client.force_login(alice)
    with django_assert_max_num_queries(12) as few:
        client.get("/staff/cases/")
    for _ in range(10):
        make_case()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/staff/cases/").content.decode()
    assert page.count('class="govuk-link" href="/staff/cases/') >= 13


def test_bob_of_camden_gets_404_on_every_hackney_case_page(client, bob, hackney_case):
    client.force_login(bob)
    for url in _case_pages(hackney_case):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": 1}).status_code == 404, url


def test_a_case_that_does_not_exist_is_the_same_404(client, alice):
    client.force_login(alice)
    assert client.get("/staff/cases/NOPE123/").status_code == 404


@pytest.mark.parametrize("persona", ["carl", "ann", "cora", "pat", "adam"])
def test_roles_that_do_not_work_cases_get_404_everywhere(client, request, persona, hackney_case):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/cases/").status_code == 404
    for url in _case_pages(hackney_case):
        response = client.get(url)
        assert response.status_code == 404, url
        assert not any(value in response.content.decode() for value in PERSONAL_VALUES)


def test_alice_reads_the_case_as_submitted_and_it_is_audited(client, alice, hackney_case):
    client.force_login(alice)
    page = client.get(f"/staff/cases/{hackney_case.report.reference}/").content.decode()
    assert "spat at outside the shop" in page
    safe_contact = page[page.index('id="safe-contact"') :][:2000]
    assert "Do not leave a voicemail" in safe_contact or "Do not leave voicemails" in safe_contact
    event = AuditEvent.objects.filter(kind="consult", object_id=hackney_case.report.reference).get()
    assert event.actor == alice


def test_alice_does_not_see_the_assign_action(client, alice, hackney_case):
    client.force_login(alice)
    ref = hackney_case.report.reference
    assert "/assign/" not in client.get(f"/staff/cases/{ref}/").content.decode()
    assert client.get(f"/staff/cases/{ref}/assign/").status_code == 404


def test_hannah_assigns_the_case_to_alice(client, hannah, alice, hackney_case):
    client.force_login(hannah)
    ref = hackney_case.report.reference
    response = client.post(f"/staff/cases/{ref}/assign/", {"version": 1, "officer": alice.pk})
    assert response.status_code == 302
    assert Case.objects.get(pk=hackney_case.pk).assigned_officer == alice

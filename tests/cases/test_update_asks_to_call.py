"""An update that asks the victim to call can be shown on tracking only once tracking shows a
number to call (the officer's, or the Community Safety Unit's)."""

import pytest

from api.test_cases_api import client_for
from cases.factories import make_case
from hatecrime.cases.models import Case
from hatecrime.core.models import Area

pytestmark = pytest.mark.django_db

CALL_ME = "Please call me when you can about the witness."


@pytest.fixture
def case(db):
    Area.objects.filter(slug="hackney").update(csu_phone="", csu_hours="")
    return make_case("hackney")


def post_update(client, case, **data):
    version = Case.objects.get(pk=case.pk).version
    form = {"version": version, "method": "phone", **data}
    return client.post(f"/staff/cases/{case.report.reference}/update/", form)


def test_a_call_me_update_is_refused_on_tracking_with_no_number_shown(client, case, alice):
    alice.direct_phone = ""
    alice.save()
    client.force_login(alice)
    response = post_update(client, case, text=CALL_ME, share_on_tracking="on")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "shows no number for this case yet" in html
    assert not case.updates.exists()


def test_the_box_asks_to_call_is_refused_too_whatever_the_words(client, case, alice):
    alice.direct_phone = ""
    alice.save()
    client.force_login(alice)
    text = "Get in touch on the usual number."
    response = post_update(client, case, text=text, share_on_tracking="on", asks_to_call="on")
    assert "shows no number for this case yet" in response.content.decode()
    assert not case.updates.exists()


def test_a_call_me_update_not_shown_on_tracking_is_recorded(client, case, alice):
    alice.direct_phone = ""
    alice.save()
    client.force_login(alice)
    assert post_update(client, case, text=CALL_ME).status_code == 302
    assert case.updates.get().shared_at is None


def test_a_call_me_update_is_shared_once_the_csu_number_is_shown(client, case, alice):
    Area.objects.filter(slug="hackney").update(csu_phone="020 7946 0100")
    client.force_login(alice)
    assert post_update(client, case, text=CALL_ME, share_on_tracking="on").status_code == 302
    assert case.updates.get().shared_at is not None


def test_the_api_refuses_a_call_me_update_with_a_field_error(case, alice):
    alice.direct_phone = ""
    alice.save()
    body = {
        "expected_version": Case.objects.get(pk=case.pk).version,
        "text": CALL_ME,
        "method": "phone",
        "share_on_tracking": True,
    }
    response = client_for(alice).post(
        f"/api/v1/cases/{case.report.reference}/updates", body, format="json"
    )
    assert response.status_code == 400
    assert "share_on_tracking" in response.json()["errors"]
    assert not case.updates.exists()

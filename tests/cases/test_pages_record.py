import pytest

from hatecrime.cases.models import Case
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db

A_PHONE_REPORT = {
    "channel": "phone",
    "reporter_role": "victim",
    "what_happened": "Shouted at outside the shop on the high street.",
    "behaviours": ["verbal_abuse"],
    "occurred_on": "2026-11-18",
    "borough": "hackney",
    "motivations": ["religion"],
    "contact__name": "Sam Example",
    "contact__phone": "07700 900123",
    "safe_contact__methods": ["phone"],
    "safe_contact__safe_times": "After 6pm",
}


def test_carl_records_a_phone_report_for_hackney(client, carl):
    client.force_login(carl)
    response = client.post("/staff/cases/record/", A_PHONE_REPORT)
    page = response.content.decode()
    assert response.status_code == 200, page
    report = Report.objects.get()
    assert report.reference in page
    assert 'id="tracking-code"' in page
    assert report.channel == "phone" and report.submitted_by == carl
    assert report.area.slug == "hackney"
    assert Case.objects.get(report=report).area.slug == "hackney"


def test_the_payload_rules_show_as_govuk_errors(client, carl):
    client.force_login(carl)
    response = client.post("/staff/cases/record/", {**A_PHONE_REPORT, "what_happened": ""})
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_what_happened"' in page
    assert Report.objects.count() == 0
    # What was typed is kept.
    assert "Sam Example" in page


def test_a_channel_is_required(client, carl):
    client.force_login(carl)
    data = {key: value for key, value in A_PHONE_REPORT.items() if key != "channel"}
    page = client.post("/staff/cases/record/", data).content.decode()
    assert "Select how the report was made" in page


def test_an_anonymous_report_needs_no_contact_details(client, alice):
    client.force_login(alice)
    data = {k: v for k, v in A_PHONE_REPORT.items() if not k.startswith(("contact__", "safe_"))}
    response = client.post("/staff/cases/record/", {**data, "anonymous": "on"})
    assert Report.objects.get().anonymous is True, response.content.decode()[:3000]


@pytest.mark.parametrize("persona", ["ann", "cora", "pat", "adam"])
def test_other_roles_cannot_record_reports(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/staff/cases/record/").status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get("/staff/cases/record/")["Location"].startswith("/staff/sign-in/")


def a_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_carl_attaches_evidence_the_caller_sent(client, carl):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hatecrime.reporting.models import Evidence

    client.force_login(carl)
    photo = SimpleUploadedFile("photo.png", a_png(), content_type="image/png")
    response = client.post("/staff/cases/record/", {**A_PHONE_REPORT, "evidence": [photo]})
    assert response.status_code == 200
    (evidence,) = Evidence.objects.filter(report=Report.objects.get())
    assert evidence.content_type == "image/png"


def test_a_file_that_is_not_evidence_is_refused_with_a_govuk_error(client, carl):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(carl)
    page = SimpleUploadedFile("photo.jpg", b"<html><script>x</script></html>", "image/jpeg")
    response = client.post("/staff/cases/record/", {**A_PHONE_REPORT, "evidence": [page]})
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "must be a JPG, PNG, GIF, WebP or PDF" in content
    assert not Report.objects.exists()


def test_carl_records_whether_the_victim_of_a_witness_report_knows(client, carl):
    client.force_login(carl)
    data = {
        **A_PHONE_REPORT,
        "reporter_role": "witness",
        "victim_knows": "no",
        "victim__name": "Neil Neighbour",
        "victim__phone": "07700 900456",
        "safe_contact__safe_days": "working_days",
        "safe_contact__safe_from": "18:00",
    }
    response = client.post("/staff/cases/record/", data)
    assert response.status_code == 200
    answers = Report.objects.get().answers
    assert answers["victim_knows"] == "no"
    # The call handler's safe-contact answers describe the caller, not the victim.
    assert answers["safe_contact"]["about"] == "reporter"
    assert answers["safe_contact"]["safe_days"] == "working_days"

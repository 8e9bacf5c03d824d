"""The evidence page: files are checked as they are added and kept encrypted with the draft."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from browser.journey_data import GRACE, walk
from hatecrime.reporting.drafts.models import DraftEvidence
from hatecrime.reporting.models import Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def png(name="screenshot.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_screenshot_is_kept_encrypted_with_the_draft_and_sent_with_the_report(client):
    walk(client, GRACE, until="evidence")
    response = client.post("/report/evidence/", {"action": "upload", "upload": [png()]})
    assert response.status_code == 302
    page = client.get("/report/evidence/").content.decode()
    assert "screenshot.png" in page
    stored = DraftEvidence.objects.get()
    assert b"PNG" not in bytes(stored.content)[:16]
    walk(client, {k: v for k, v in GRACE.items() if k not in ORDER_BEFORE_EVIDENCE})
    client.post("/report/submit/")
    assert Evidence.objects.count() == 1
    assert DraftEvidence.objects.count() == 0


ORDER_BEFORE_EVIDENCE = {
    "who",
    "anonymous",
    "what-happened",
    "behaviour",
    "when",
    "where",
    "why",
    "injuries",
    "suspects",
    "witnesses",
}


def test_an_html_file_named_like_a_photo_is_refused_with_a_clear_error(client):
    walk(client, GRACE, until="evidence")
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    response = client.post("/report/evidence/", {"action": "upload", "upload": [fake]})
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "photo.jpg: The selected file must be a JPG, PNG, GIF, WebP or PDF" in page
    assert DraftEvidence.objects.count() == 0


def test_too_many_files_are_refused(client, settings):
    settings.HATECRIME_EVIDENCE_MAX_FILES = 1
    walk(client, GRACE, until="evidence")
    client.post("/report/evidence/", {"action": "upload", "upload": [png()]})
    response = client.post("/report/evidence/", {"action": "upload", "upload": [png("two.png")]})
    assert "You can add up to 1 files" in response.content.decode()
    assert DraftEvidence.objects.count() == 1


def test_a_file_can_be_removed(client):
    walk(client, GRACE, until="evidence")
    client.post("/report/evidence/", {"action": "upload", "upload": [png()]})
    item = DraftEvidence.objects.get()
    client.post("/report/evidence/", {"action": f"remove-{item.pk}"})
    assert DraftEvidence.objects.count() == 0


@pytest.mark.parametrize("action", ["remove-abc", "remove-", "remove-99999999999999999999999"])
def test_a_remove_action_not_made_by_the_page_removes_nothing_and_does_not_fail(client, action):
    walk(client, GRACE, until="evidence")
    client.post("/report/evidence/", {"action": "upload", "upload": [png()]})
    response = client.post("/report/evidence/", {"action": action})
    assert response.status_code == 302
    assert DraftEvidence.objects.count() == 1


def test_the_report_pixel_budget_counts_the_images_the_draft_already_holds(client, settings):
    settings.HATECRIME_EVIDENCE_MAX_PIXELS = 16
    settings.HATECRIME_EVIDENCE_REPORT_MAX_PIXELS = 20
    walk(client, GRACE, until="evidence")
    first = client.post("/report/evidence/", {"action": "upload", "upload": [png("one.png")]})
    assert first.status_code == 302
    second = client.post("/report/evidence/", {"action": "upload", "upload": [png("two.png")]})
    page = second.content.decode()
    assert "<title>Error:" in page
    assert "two.png: The selected images are too large together" in page
    assert DraftEvidence.objects.count() == 1

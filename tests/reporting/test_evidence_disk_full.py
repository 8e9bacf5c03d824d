"""The evidence disk full (issue 14, item 5): the report is refused clearly, nothing of it
remains (no report, no evidence row, no file or part of one), and the same key works again once
there is room."""

import base64
import errno
import io
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from browser.journey_data import GRACE, walk
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.models import Evidence, IdempotencyRecord, Report

pytestmark = pytest.mark.django_db


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def disk_fills_up(monkeypatch):
    """The evidence disk has room for one file: the second file's write fails with ENOSPC
    (after part of it was written, as on a real disk). Call it to free the space."""
    real_fsync = os.fsync
    synced = []

    def fsync(fd):
        synced.append(fd)
        if len(synced) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return lambda: monkeypatch.setattr(os, "fsync", real_fsync)


def files_in_evidence_root() -> list[str]:
    root = settings.EVIDENCE_ROOT
    return sorted(os.listdir(root)) if root.exists() else []


def evidence_items() -> list[dict[str, str]]:
    return [
        {"name": f"{colour}.png", "content_type": "image/png",
         "content_base64": base64.b64encode(png(colour)).decode()}
        for colour in ("red", "blue")
    ]  # fmt: skip


def report_with_evidence() -> dict:
    return {
        "reporter_role": "victim",
        "anonymous": True,
        "what_happened": "Shouted at on Mare Street by a man in a red coat",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
        "evidence": evidence_items(),
    }


def test_the_api_refuses_the_report_clearly_and_keeps_nothing_of_it(client, disk_fills_up):
    body = report_with_evidence()
    response = client.post(
        "/api/v1/reports", data=body, content_type="application/json",
        headers={"Idempotency-Key": "disk-full-1"},
    )  # fmt: skip
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Nothing was stored" in response.json()["detail"]
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert files_in_evidence_root() == []  # neither the first file nor part of the second
    assert not IdempotencyRecord.objects.exists()  # the key is free to try again

    disk_fills_up()  # room again
    again = client.post(
        "/api/v1/reports", data=body, content_type="application/json",
        headers={"Idempotency-Key": "disk-full-1"},
    )  # fmt: skip
    assert again.status_code == 201
    assert Evidence.objects.count() == 2 and len(files_in_evidence_root()) == 2


@pytest.fixture
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


@pytest.mark.usefixtures("_today")
def test_the_send_page_says_the_report_was_not_sent_and_keeps_the_answers(client, disk_fills_up):
    walk(client, GRACE, until="evidence")
    for colour in ("red", "blue"):
        upload = SimpleUploadedFile(f"{colour}.png", png(colour), content_type="image/png")
        client.post("/report/evidence/", {"action": "upload", "upload": [upload]})
    walk(client, {k: v for k, v in GRACE.items() if k in ("evidence", "support", "contact")})
    response = client.post("/report/submit/")
    page = response.content.decode()
    assert response.status_code == 503
    assert "could not be sent" in page and "999" in page and "101" in page
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert files_in_evidence_root() == []
    assert Draft.objects.get().evidence.count() == 2  # everything typed and added is kept

"""Evidence uploads: sniffed, limited, cleaned of EXIF and GPS, encrypted, never orphaned."""

import io

import pytest
from django.db import OperationalError
from PIL import Image

from hatecrime.reporting import actions
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.evidence import EvidenceInvalid, EvidenceUpload, prepare_evidence
from hatecrime.reporting.evidence_store import read_evidence
from hatecrime.reporting.models import Evidence
from pdf_files import letter_pdf

PAYLOAD = {
    "reporter_role": "victim",
    "anonymous": True,
    "what_happened": "Hate mail through the door",
    "occurred_on": "2026-11-01",
    "borough": "hackney",
    "motivations": ["race"],
}


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Ltd"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90 degrees
    gps = {1: "N", 2: (51.0, 32.0, 42.0), 3: "W", 4: (0.0, 3.0, 25.0)}
    exif[0x8825] = gps
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif.tobytes())
    return output.getvalue()


def test_an_html_file_named_jpg_is_refused():
    upload = EvidenceUpload("photo.jpg", b"<html><body>hi</body></html>", "image/jpeg")
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([upload])
    assert raised.value.errors == {
        "evidence.0": ["The selected file must be a JPG, PNG, GIF, WebP or PDF"]
    }


def test_exif_and_gps_are_removed_and_orientation_applied():
    original = jpeg_with_gps()
    assert b"SpyCam" in original
    [cleaned] = prepare_evidence([EvidenceUpload("me.jpg", original, "image/jpeg")])
    assert cleaned.metadata_removed
    assert b"SpyCam" not in cleaned.cleaned
    with Image.open(io.BytesIO(cleaned.cleaned)) as image:
        assert not image.getexif()
        assert image.size == (20, 40)


def test_too_many_files_are_refused(settings):
    settings.HATECRIME_EVIDENCE_MAX_FILES = 1
    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, format="PNG")
    uploads = [EvidenceUpload(f"{n}.png", png.getvalue()) for n in range(2)]
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence(uploads)
    assert raised.value.errors == {"evidence": ["Select 1 files or fewer"]}


def test_a_file_too_large_is_refused(settings):
    settings.HATECRIME_EVIDENCE_MAX_BYTES = 100
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([EvidenceUpload("big.pdf", b"%PDF-1.4" + b"x" * 200)])
    assert "smaller than" in raised.value.errors["evidence.0"][0]


@pytest.mark.django_db
def test_files_are_encrypted_at_rest(settings):
    pdf = letter_pdf("Taunting letter signed Zebedee")
    submitted = do_submit_report(
        payload=PAYLOAD, evidence=[EvidenceUpload("x.pdf", pdf)], channel="online", actor=None
    )
    evidence = Evidence.objects.get(report=submitted.report)
    on_disk = (settings.EVIDENCE_ROOT / evidence.stored_name).read_bytes()
    assert b"Zebedee" not in on_disk
    assert read_evidence(evidence.stored_name) == pdf
    assert evidence.original_name == "x.pdf"


@pytest.mark.django_db
def test_no_file_is_left_when_the_report_is_not_stored(settings, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(actions, "record_event", broken)
    pdf = letter_pdf()
    with pytest.raises(ReportNotStored):
        do_submit_report(
            payload=PAYLOAD, evidence=[EvidenceUpload("x.pdf", pdf)], channel="online", actor=None
        )
    assert not Evidence.objects.exists()
    root = settings.EVIDENCE_ROOT
    assert not root.exists() or not any(root.iterdir())

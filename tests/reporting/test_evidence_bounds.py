"""Evidence cleaning bounded (docs/adr/0530): pixel budgets read from image headers before any
decoding, decoding in a pool bounded in time and memory, PDFs rewritten without active content."""

import io
import struct
import time
import zipfile
import zlib

import pikepdf
import pytest
from PIL import Image

from hatecrime.reporting import evidence
from hatecrime.reporting.evidence import (
    DecodingFailed,
    EvidenceInvalid,
    EvidenceUpload,
    _clean_bounded,
    _decoding_pool,
    _discard_pool,
    prepare_evidence,
)
from pdf_files import letter_pdf, pdf_bytes, raw_letter_pdf


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height; its pixel data is a few bytes (a bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def png(width: int, height: int) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "blue").save(output, format="PNG")
    return output.getvalue()


@pytest.fixture
def fresh_pool():
    """A pool started with the test's settings, stopped afterwards."""
    pool = evidence._pool
    if pool is not None:
        _discard_pool(pool)
    yield
    pool = evidence._pool
    if pool is not None:
        _discard_pool(pool)


def test_a_7000_by_7000_png_is_refused_from_its_header_without_decoding(monkeypatch):
    def never(*args: object) -> bytes:
        raise AssertionError("decoded")

    monkeypatch.setattr(evidence, "_clean_bounded", never)
    bomb = png_header_only(7000, 7000)
    assert len(bomb) < 1000
    started = time.monotonic()
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([EvidenceUpload("bomb.png", bomb, "image/png")])
    assert time.monotonic() - started < 1
    assert raised.value.errors == {
        "evidence.0": [
            "The selected image is too large: it must be 24 megapixels or fewer. "
            "Send a smaller copy or a screenshot"
        ]
    }


def test_a_header_past_pillows_own_bomb_limit_is_too_large_not_damaged():
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([EvidenceUpload("huge.png", png_header_only(60000, 60000))])
    assert "too large" in raised.value.errors["evidence.0"][0]


def test_the_report_budget_counts_every_image_and_those_already_in_the_draft(settings):
    settings.HATECRIME_EVIDENCE_MAX_PIXELS = 100
    settings.HATECRIME_EVIDENCE_REPORT_MAX_PIXELS = 150
    [alone] = prepare_evidence([EvidenceUpload("a.png", png(10, 10))])
    assert alone.content_type == "image/png"
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([EvidenceUpload("a.png", png(10, 10)), EvidenceUpload("b.png", png(8, 8))])
    assert raised.value.errors == {
        "evidence": [
            "The selected images are too large together: a report can hold 0.00015 megapixels "
            "of images. Send fewer images or smaller copies"
        ]
    }
    with pytest.raises(EvidenceInvalid):
        prepare_evidence([EvidenceUpload("b.png", png(8, 8))], pixels_already=100)
    # PDFs have no pixels: they do not count.
    prepare_evidence([EvidenceUpload("l.pdf", letter_pdf())], pixels_already=150)


def test_an_image_at_the_file_budget_is_cleaned(settings):
    settings.HATECRIME_EVIDENCE_MAX_PIXELS = 400
    [cleaned] = prepare_evidence([EvidenceUpload("ok.png", png(20, 20))])
    with Image.open(io.BytesIO(cleaned.cleaned)) as image:
        assert image.size == (20, 20)
    with pytest.raises(EvidenceInvalid):
        prepare_evidence([EvidenceUpload("big.png", png(21, 20))])


def test_decoding_that_overruns_its_time_is_stopped_and_the_pool_recovers(settings, fresh_pool):
    settings.HATECRIME_EVIDENCE_DECODE_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(DecodingFailed):
        _clean_bounded(time.sleep, 30)
    # Stopped, not waited for: well under the 30 s the decoder asked for, with room for a slow,
    # loaded machine to kill and restart the pool (a speed figure belongs in bench/, not here).
    assert time.monotonic() - started < 25
    [cleaned] = prepare_evidence([EvidenceUpload("after.png", png(4, 4))])
    assert cleaned.cleaned.startswith(b"\x89PNG")


def test_decoding_cannot_grow_past_its_memory_bound(settings, fresh_pool):
    settings.HATECRIME_EVIDENCE_DECODE_MEMORY_MB = 400
    with pytest.raises(MemoryError):
        _clean_bounded(bytearray, 1024 * 1024 * 1024)
    assert _decoding_pool() is evidence._pool  # the pool itself survives a MemoryError


def test_a_decoder_overrun_is_a_clear_error_for_the_file(settings, monkeypatch):
    def overrun(*args: object) -> bytes:
        raise DecodingFailed("over its time or memory")

    monkeypatch.setattr(evidence, "_clean_bounded", overrun)
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([EvidenceUpload("slow.png", png(4, 4))])
    assert raised.value.errors == {
        "evidence.0": [
            "The selected file took too long to check: send a smaller copy or a screenshot"
        ]
    }


def active_pdf() -> bytes:
    pdf = raw_letter_pdf("Threatening letter")
    script = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')"))
    )
    pdf.Root.OpenAction = script
    pdf.Root.AA = pikepdf.Dictionary(WC=script)
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pdf.make_stream(b"<xdp/>"))
    attached = pdf.make_stream(b"MZ embedded executable payload")
    attached.Type = pikepdf.Name.EmbeddedFile
    filespec = pikepdf.Dictionary(
        Type=pikepdf.Name.Filespec, F=pikepdf.String("run.exe"), EF=pikepdf.Dictionary(F=attached)
    )
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), script])),
        EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("run"), filespec])),
    )
    page = pdf.pages[0]
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    link_js = pikepdf.Dictionary(
        S=pikepdf.Name.URI,
        URI=pikepdf.String("https://example.org/"),
        Next=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(2)")),
    )
    page.obj.AA = pikepdf.Dictionary(O=script)
    page.obj.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[0, 0, 10, 10],
                    A=launch,
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[0, 10, 10, 20],
                    A=link_js,
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.FileAttachment,
                    Rect=[0, 20, 10, 30],
                    FS=filespec,
                ),
            ]
        )
    )
    return pdf_bytes(pdf)


def test_a_pdf_with_javascript_launch_forms_and_attachments_is_rewritten_without_them():
    original = active_pdf()
    assert b"app.alert" in original
    [prepared] = prepare_evidence([EvidenceUpload("letter.pdf", original)])
    assert prepared.content_type == "application/pdf"
    assert prepared.cleaned != original
    with pikepdf.open(io.BytesIO(prepared.cleaned)) as cleaned:
        root = cleaned.Root
        for key in ("/OpenAction", "/AA", "/AcroForm"):
            assert key not in root
        assert "/Names" not in root or not any(
            key in root.Names for key in ("/JavaScript", "/EmbeddedFiles")
        )
        page = cleaned.pages[0]
        assert "/AA" not in page.obj
        annotations = list(page.obj.get("/Annots", []))
        assert [str(a.Subtype) for a in annotations] == ["/Link", "/Link"]
        assert "/A" not in annotations[0]  # the launch action is gone
        assert str(annotations[1].A.S) == "/URI" and "/Next" not in annotations[1].A
        everything = b"".join(
            obj.read_bytes() if isinstance(obj, pikepdf.Stream) else repr(obj).encode()
            for obj in cleaned.objects
        )
        assert b"app.alert" not in everything
        assert b"MZ embedded" not in everything
        assert b"cmd.exe" not in everything
        assert len(cleaned.pages) == 1
        assert b"Threatening letter" in cleaned.pages[0].Contents.read_bytes()


def test_a_pdf_html_polyglot_is_not_kept_byte_for_byte():
    pdf = raw_letter_pdf("letter")
    plain = io.BytesIO()
    pdf.save(plain, compress_streams=False)
    body = plain.getvalue()
    header, rest = body.split(b"\n", 1)
    html = b"<html><body><script>document.location='https://evil.example/'</script></body></html>"
    polyglot = header + b"\n%" + html + b"\n" + rest + html
    [prepared] = prepare_evidence([EvidenceUpload("letter.pdf", polyglot)])
    assert prepared.cleaned != polyglot
    assert b"<script" not in prepared.cleaned
    assert b"<html" not in prepared.cleaned


def test_a_pdf_that_cannot_be_parsed_is_refused_with_a_clear_message():
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([EvidenceUpload("x.pdf", b"%PDF-1.4\nnot really a pdf\n%%EOF")])
    assert raised.value.errors == {
        "evidence.0": ["The selected PDF could not be opened: it may be damaged"]
    }


def test_a_pdf_with_a_password_is_refused_saying_so():
    locked = io.BytesIO()
    raw_letter_pdf().save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    with pytest.raises(EvidenceInvalid) as raised:
        prepare_evidence([EvidenceUpload("x.pdf", locked.getvalue())])
    assert raised.value.errors == {
        "evidence.0": ["The selected PDF is protected by a password: remove the password first"]
    }


def test_existing_refusals_are_kept():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("a.txt", "x")
    for name, content in (
        ("a.svg", svg),
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("a.zip", zipped.getvalue()),
    ):
        with pytest.raises(EvidenceInvalid) as raised:
            prepare_evidence([EvidenceUpload(name, content)])
        assert raised.value.errors == {
            "evidence.0": ["The selected file must be a JPG, PNG, GIF, WebP or PDF"]
        }

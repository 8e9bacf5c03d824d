"""PDFs are kept without who made them: the document information (author, title, producer,
dates) and XMP metadata go, with the rest of what clean_pdf removes (docs/adr/0530)."""

import io

import pikepdf

from hatecrime.reporting.evidence import EvidenceUpload, prepare_evidence
from pdf_files import pdf_bytes, raw_letter_pdf

AUTHOR = "Grace Testperson"


def pdf_with_metadata() -> bytes:
    pdf = raw_letter_pdf("Threatening letter")
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Title"] = "Letter to Grace"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:creator"] = [AUTHOR]
        xmp["xmp:CreatorTool"] = "Grace's laptop"
    image = pdf.make_stream(b"\x00" * 3, Width=1, Height=1, BitsPerComponent=8)
    image["/Metadata"] = pdf.make_stream(f"<x:xmpmeta>{AUTHOR}</x:xmpmeta>".encode())
    pdf.pages[0].obj["/PieceInfo"] = pikepdf.Dictionary(App=pikepdf.String(AUTHOR))
    pdf.pages[0].obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    return pdf_bytes(pdf)


def test_a_pdfs_author_and_xmp_metadata_are_removed():
    original = pdf_with_metadata()
    assert AUTHOR.encode() in original
    [prepared] = prepare_evidence([EvidenceUpload("letter.pdf", original)])
    with pikepdf.open(io.BytesIO(prepared.cleaned)) as cleaned:
        assert "/Info" not in cleaned.trailer
        assert "/Metadata" not in cleaned.Root
        everything = b"".join(
            obj.read_bytes() if isinstance(obj, pikepdf.Stream) else repr(obj).encode()
            for obj in cleaned.objects
        )
        assert AUTHOR.encode() not in everything
        assert b"Grace's laptop" not in everything
        assert b"Threatening letter" in cleaned.pages[0].Contents.read_bytes()
    assert AUTHOR.encode() not in prepared.cleaned

"""The work done on evidence bytes in the bounded decoding pool (docs/adr/0530): no Django here,
so a pool process starts with Pillow and pikepdf only.

Each pool process limits its own address space (`limit_process`), so a file that decodes to
more than it should fails there with MemoryError instead of growing the web worker.
"""

import io
import resource

import pikepdf
from PIL import Image, ImageOps

IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
# Actions a PDF may keep: moving within the document and plain links. Every other action
# (JavaScript, Launch, SubmitForm, ImportData, GoToR/GoToE, Rendition, RichMediaExecute, ...)
# is removed wherever it appears.
KEPT_ACTIONS = {"/GoTo", "/URI"}
# Annotations that carry files, forms or media: removed from every page.
REMOVED_ANNOTATIONS = {
    "/FileAttachment",
    "/Widget",
    "/Screen",
    "/Movie",
    "/Sound",
    "/RichMedia",
    "/3D",
}


class PdfRefused(Exception):
    """The PDF cannot be opened (damaged, or protected by a password)."""


def limit_process(memory_bytes: int) -> None:
    """Pool initializer: cap this process's address space."""
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def clean_image(content: bytes, content_type: str, max_pixels: int) -> bytes:
    """Decode and re-encode only the pixels (and a palette): no EXIF, XMP, ICC or text chunks,
    after applying the orientation EXIF carried. Pillow's own decompression-bomb check is set
    to the budget too (an error past twice of it), should a header have been misread."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    with Image.open(io.BytesIO(content)) as opened:
        image = ImageOps.exif_transpose(opened) or opened
        image.load()
        if getattr(opened, "is_animated", False):
            # Animated GIFs/WebPs keep their first frame only: what matters as evidence is
            # normally a screenshot, and re-encoding every frame would be slow.
            image.seek(0)
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
        palette = image.getpalette() if image.mode == "P" else None
        if palette:
            clean.putpalette(palette)
        output = io.BytesIO()
        fmt = IMAGE_FORMATS[content_type]
        if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(output, format=fmt, **({"quality": 92} if fmt in ("JPEG", "WEBP") else {}))
        return output.getvalue()


def _strip_actions(obj: pikepdf.Dictionary) -> None:
    # /Next chains actions after an action (an outline item's /Next is its sibling: kept).
    for key in ("/AA", "/JS", "/Next") if "/S" in obj else ("/AA", "/JS"):
        if key in obj:
            del obj[key]
    action = obj.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") not in KEPT_ACTIONS:
        del obj["/A"]
    elif isinstance(action, pikepdf.Dictionary):
        _strip_actions(action)


# Who made the file and with what: XMP packets (the catalogue's, a page's or an image's
# /Metadata) and applications' private data (/PieceInfo). The document information dictionary
# (author, title, dates) is removed from the trailer in `clean_pdf`.
METADATA_KEYS = ("/Metadata", "/PieceInfo")


def _strip_metadata(obj: pikepdf.Dictionary) -> None:
    for key in METADATA_KEYS:
        if key in obj:
            del obj[key]


def _walk(start: pikepdf.Object) -> None:
    """Visit every dictionary, array and stream reachable from `start` (without recursion, so a
    deeply nested file cannot exhaust the stack), stripping actions and emptying embedded files."""
    seen: set[tuple[int, int]] = set()
    pending: list[object] = [start]
    while pending:
        obj = pending.pop()
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            if obj.get("/Type") == "/EmbeddedFile":
                obj.write(b"")
            _strip_actions(obj.stream_dict)
            _strip_metadata(obj.stream_dict)
            pending.extend(obj.stream_dict.values())
        elif isinstance(obj, pikepdf.Dictionary):
            _strip_actions(obj)
            _strip_metadata(obj)
            pending.extend(obj.values())
        else:
            pending.extend(obj)


def clean_pdf(content: bytes) -> bytes:
    """Rewrite a PDF without active content or metadata: no JavaScript, open or additional
    actions, launch or other non-navigation actions, embedded files, forms (AcroForm, XFA),
    media annotations, document information (author, title) or XMP.
    The file is written anew by qpdf (streams recompressed, comments and trailing bytes gone),
    so nothing outside the PDF's own objects (e.g. an HTML polyglot's markup) survives as is."""
    try:
        pdf = pikepdf.open(io.BytesIO(content))
    except pikepdf.PasswordError as error:
        raise PdfRefused("password") from error
    except pikepdf.PdfError as error:
        raise PdfRefused("damaged") from error
    with pdf:
        # What a filled-in form or a stamp shows is drawn into the page before the annotations
        # that carried it are removed.
        pdf.flatten_annotations("all")
        root = pdf.Root
        for key in ("/OpenAction", "/AA", "/AcroForm", "/JavaScript"):
            if key in root:
                del root[key]
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            for key in ("/JavaScript", "/EmbeddedFiles", "/XFAResources"):
                if key in names:
                    del names[key]
        for page in pdf.pages:
            if "/AA" in page.obj:
                del page.obj["/AA"]
            annotations = page.obj.get("/Annots")
            if isinstance(annotations, pikepdf.Array):
                kept = pikepdf.Array(
                    annotation
                    for annotation in annotations
                    if isinstance(annotation, pikepdf.Dictionary)
                    and annotation.get("/Subtype") not in REMOVED_ANNOTATIONS
                )
                page.obj["/Annots"] = kept
        # The author, title, producer and dates (a name or a device can identify the reporter).
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        # Actions hide in outlines, annotations and each other's /Next: every object reachable
        # from the trailer (the only ones written) is checked, direct or indirect; metadata
        # (XMP) goes on the way.
        _walk(pdf.trailer)
        output = io.BytesIO()
        pdf.save(
            output,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
        return output.getvalue()

"""Evidence files (docs/adr/0303-evidence-storage.md): checked and cleaned here before the
report's transaction, then encrypted and stored with random names by `evidence_store` (the
"evidence" storage: a private folder, or an S3-compatible bucket), and removed again if the
transaction does not commit, so no file is left without its report.

The real type is sniffed from the bytes, never taken from the name or the declared type.
Images are decoded and re-encoded from their pixels, which drops EXIF (GPS, camera serial)
after applying the orientation it carried; their size is checked from the header first (a
pixel budget per file and per report). PDFs are rewritten without active content. Both run in
a small process pool bounded in time and memory (docs/adr/0530-bounded-evidence-cleaning.md).
"""

import io
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

from hatecrime.core.crypto import keyed_digest
from hatecrime.reporting.cleaning import (
    IMAGE_FORMATS,
    PdfRefused,
    clean_image,
    clean_pdf,
    limit_process,
)
from hatecrime.reporting.payload import ReportInvalid

IMAGE_TYPES = IMAGE_FORMATS
ALLOWED_TYPES = {*IMAGE_TYPES, "application/pdf"}
# Pillow cannot read HEIC without an extra library, so its metadata could not be removed:
# refused with a message that says what to do instead.
HEIC_TYPES = {"image/heic", "image/heif", "image/avif"}
# The longest name and declared type of an evidence item sent through the API (the OpenAPI
# schema reads them here; a longer one is a field error, never cut short).
EVIDENCE_LIMITS = {"name": 255, "content_type": 100}
# Files are identified by a keyed digest, never a plain SHA-256 (docs/adr/0531).
EVIDENCE_DIGEST_PURPOSE = "evidence-file"


@dataclass(frozen=True)
class EvidenceUpload:
    name: str
    content: bytes
    declared_type: str = ""


@dataclass(frozen=True)
class PreparedEvidence:
    original_name: str
    content_type: str
    cleaned: bytes
    digest: str
    metadata_removed: bool


class EvidenceInvalid(ReportInvalid):
    """An upload breaks the limits or is not an allowed kind of file (errors under `evidence`)."""


def _sniff(content: bytes) -> str | None:
    kind = filetype.guess(content)
    return kind.mime if kind else None


def image_pixels(content: bytes) -> int:
    """Width x height from the image's header alone (nothing is decoded); ValueError if the
    header cannot be read. Pillow's own decompression-bomb refusal counts as too large."""
    try:
        with Image.open(io.BytesIO(content)) as opened:
            return int(opened.width) * int(opened.height)
    except Image.DecompressionBombError:
        return settings.HATECRIME_EVIDENCE_MAX_PIXELS + 1
    except Exception as error:  # any header the decoder cannot read means a damaged file
        raise ValueError("unreadable image header") from error


# One small pool per web worker process (docs/adr/0530): decoding happens there, bounded in
# time and memory, so a heavy file neither holds the worker's interpreter nor grows it, and at
# most HATECRIME_EVIDENCE_DECODE_WORKERS files are decoded at once per web worker.
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _decoding_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=settings.HATECRIME_EVIDENCE_DECODE_WORKERS,
                # spawn: a clean interpreter, never a fork of a threaded web worker.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=limit_process,
                initargs=(settings.HATECRIME_EVIDENCE_DECODE_MEMORY_MB * 1024 * 1024,),
            )
        return _pool


def _discard_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool whose process overran or died; the next file starts a fresh one."""
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    for process in list(pool._processes.values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


class DecodingFailed(Exception):
    """The file could not be cleaned within its time and memory (or is damaged)."""


def _clean_bounded(function: Callable[..., bytes], *args: object) -> bytes:
    pool = _decoding_pool()
    try:
        future = pool.submit(function, *args)
    except BrokenProcessPool:
        _discard_pool(pool)
        pool = _decoding_pool()
        future = pool.submit(function, *args)
    try:
        return future.result(timeout=settings.HATECRIME_EVIDENCE_DECODE_SECONDS)
    except (FutureTimeout, BrokenProcessPool) as error:
        _discard_pool(pool)
        raise DecodingFailed("over its time or memory") from error


def _clean(content: bytes, content_type: str) -> bytes:
    """Cleaned bytes of an image or PDF (PdfRefused, DecodingFailed or a decoder's error)."""
    if content_type in IMAGE_TYPES:
        return _clean_bounded(
            clean_image, content, content_type, settings.HATECRIME_EVIDENCE_MAX_PIXELS
        )
    return _clean_bounded(clean_pdf, content)


def prepare_evidence(
    uploads: Sequence[EvidenceUpload], *, pixels_already: int = 0
) -> list[PreparedEvidence]:
    """Check and clean every upload; raise EvidenceInvalid with a message per file.

    Image sizes are checked from their headers before anything is decoded: each image within
    HATECRIME_EVIDENCE_MAX_PIXELS, and all of a report's images (`pixels_already` counts those
    a draft holds) within HATECRIME_EVIDENCE_REPORT_MAX_PIXELS."""
    errors: dict[str, list[str]] = {}
    if len(uploads) > settings.HATECRIME_EVIDENCE_MAX_FILES:
        errors["evidence"] = [
            _("Select %(max)s files or fewer") % {"max": settings.HATECRIME_EVIDENCE_MAX_FILES}
        ]
        raise EvidenceInvalid(errors)
    limit_mb = settings.HATECRIME_EVIDENCE_MAX_BYTES / (1024 * 1024)
    per_file_mp = settings.HATECRIME_EVIDENCE_MAX_PIXELS / 1_000_000
    checked: list[tuple[int, EvidenceUpload, str]] = []
    report_pixels = pixels_already
    for index, upload in enumerate(uploads):
        path = f"evidence.{index}"
        if not upload.content:
            errors[path] = [_("The selected file is empty")]
            continue
        if len(upload.content) > settings.HATECRIME_EVIDENCE_MAX_BYTES:
            errors[path] = [
                _("The selected file must be smaller than %(size)s MB") % {"size": f"{limit_mb:g}"}
            ]
            continue
        sniffed = _sniff(upload.content)
        if sniffed in HEIC_TYPES:
            errors[path] = [_("The selected photo is in HEIC format: save it as a JPEG first")]
            continue
        if sniffed not in ALLOWED_TYPES:
            errors[path] = [_("The selected file must be a JPG, PNG, GIF, WebP or PDF")]
            continue
        if sniffed in IMAGE_TYPES:
            try:
                pixels = image_pixels(upload.content)
            except ValueError:
                errors[path] = [_("The selected image could not be opened: it may be damaged")]
                continue
            if pixels > settings.HATECRIME_EVIDENCE_MAX_PIXELS:
                errors[path] = [
                    _(
                        "The selected image is too large: it must be %(mp)s megapixels or fewer. "
                        "Send a smaller copy or a screenshot"
                    )
                    % {"mp": f"{per_file_mp:g}"}
                ]
                continue
            report_pixels += pixels
        checked.append((index, upload, sniffed))
    if report_pixels > settings.HATECRIME_EVIDENCE_REPORT_MAX_PIXELS and not errors:
        errors["evidence"] = [
            _(
                "The selected images are too large together: a report can hold %(mp)s "
                "megapixels of images. Send fewer images or smaller copies"
            )
            % {"mp": f"{settings.HATECRIME_EVIDENCE_REPORT_MAX_PIXELS / 1_000_000:g}"}
        ]
    if errors:
        raise EvidenceInvalid(errors)
    prepared: list[PreparedEvidence] = []
    for index, upload, sniffed in checked:
        path = f"evidence.{index}"
        try:
            cleaned = _clean(upload.content, sniffed)
        except PdfRefused as refused:
            errors[path] = [
                _("The selected PDF is protected by a password: remove the password first")
                if str(refused) == "password"
                else _("The selected PDF could not be opened: it may be damaged")
            ]
            continue
        except DecodingFailed:
            errors[path] = [
                _("The selected file took too long to check: send a smaller copy or a screenshot")
            ]
            continue
        except Exception:  # any decoder failure means a damaged file
            errors[path] = [_("The selected file could not be opened: it may be damaged")]
            continue
        prepared.append(
            PreparedEvidence(
                original_name=(upload.name or "")[:255],
                content_type=sniffed,
                cleaned=cleaned,
                digest=keyed_digest(cleaned, purpose=EVIDENCE_DIGEST_PURPOSE),
                metadata_removed=sniffed in IMAGE_TYPES,
            )
        )
    if errors:
        raise EvidenceInvalid(errors)
    return prepared

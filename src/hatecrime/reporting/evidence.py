"""Evidence files (docs/adr/0303-evidence-storage.md): checked, cleaned and encrypted before the
report's transaction; written under EVIDENCE_ROOT (outside the web root) with random names;
removed again if the transaction does not commit, so no file is left without its report.

The real type is sniffed from the bytes, never taken from the name or the declared type.
Images are decoded and re-encoded from their pixels, which drops EXIF (GPS, camera serial)
after applying the orientation it carried.
"""

import hashlib
import io
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from hatecrime.core.crypto import decrypt_bytes, encrypt_bytes, is_current, register_rotation_hook
from hatecrime.reporting.models import Evidence
from hatecrime.reporting.payload import ReportInvalid

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
ALLOWED_TYPES = {*IMAGE_TYPES, "application/pdf"}
# Pillow cannot read HEIC without an extra library, so its metadata could not be removed:
# refused with a message that says what to do instead.
HEIC_TYPES = {"image/heic", "image/heif", "image/avif"}
MAX_PIXELS = 50_000_000
# The longest name and declared type of an evidence item sent through the API (the OpenAPI
# schema reads them here; a longer one is a field error, never cut short).
EVIDENCE_LIMITS = {"name": 255, "content_type": 100}


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
    sha256: str
    metadata_removed: bool


class EvidenceInvalid(ReportInvalid):
    """An upload breaks the limits or is not an allowed kind of file (errors under `evidence`)."""


def _sniff(content: bytes) -> str | None:
    kind = filetype.guess(content)
    return kind.mime if kind else None


def _strip_image(content: bytes, content_type: str) -> bytes:
    with Image.open(io.BytesIO(content)) as opened:
        if opened.width * opened.height > MAX_PIXELS:
            raise ValueError("image too large")
        image = ImageOps.exif_transpose(opened) or opened
        image.load()
        if getattr(opened, "is_animated", False):
            # Animated GIFs/WebPs keep their first frame only: what matters as evidence is
            # normally a screenshot, and re-encoding every frame would be slow.
            image.seek(0)
        # Only the pixels (and a palette) are copied: no EXIF, XMP, ICC or text chunks.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
        palette = image.getpalette() if image.mode == "P" else None
        if palette:
            clean.putpalette(palette)
        output = io.BytesIO()
        fmt = IMAGE_TYPES[content_type]
        if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(output, format=fmt, **({"quality": 92} if fmt in ("JPEG", "WEBP") else {}))
        return output.getvalue()


def prepare_evidence(uploads: Sequence[EvidenceUpload]) -> list[PreparedEvidence]:
    """Check and clean every upload; raise EvidenceInvalid with a message per file."""
    errors: dict[str, list[str]] = {}
    if len(uploads) > settings.HATECRIME_EVIDENCE_MAX_FILES:
        errors["evidence"] = [
            _("Select %(max)s files or fewer") % {"max": settings.HATECRIME_EVIDENCE_MAX_FILES}
        ]
        raise EvidenceInvalid(errors)
    prepared: list[PreparedEvidence] = []
    limit_mb = settings.HATECRIME_EVIDENCE_MAX_BYTES / (1024 * 1024)
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
        cleaned, stripped = upload.content, False
        if sniffed in IMAGE_TYPES:
            try:
                cleaned, stripped = _strip_image(upload.content, sniffed), True
            except Exception:  # any decoder failure means a damaged file
                errors[path] = [_("The selected image could not be opened: it may be damaged")]
                continue
        prepared.append(
            PreparedEvidence(
                original_name=(upload.name or "")[:255],
                content_type=sniffed,
                cleaned=cleaned,
                sha256=hashlib.sha256(cleaned).hexdigest(),
                metadata_removed=stripped,
            )
        )
    if errors:
        raise EvidenceInvalid(errors)
    return prepared


def evidence_root() -> Path:
    return Path(settings.EVIDENCE_ROOT)


def new_stored_name() -> str:
    return secrets.token_hex(20)


def write_encrypted(stored_name: str, content: bytes) -> Path:
    """Write encrypted bytes durably (fsync) under EVIDENCE_ROOT; returns the path."""
    root = evidence_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = root / stored_name
    temporary = root / f".{stored_name}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(encrypt_bytes(content))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    return final


def read_evidence(stored_name: str) -> bytes:
    return decrypt_bytes((evidence_root() / stored_name).read_bytes())


def remove_files(paths: Sequence[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


@register_rotation_hook
def rotate_evidence_files() -> int:
    """Re-encrypt every evidence file not made with the primary key; returns how many."""

    count = 0
    for stored_name in Evidence.objects.values_list("stored_name", flat=True).iterator():
        path = evidence_root() / stored_name
        if not path.exists():
            continue
        token = path.read_bytes()
        if is_current(token):
            continue
        write_encrypted(stored_name, decrypt_bytes(token))
        count += 1
    return count

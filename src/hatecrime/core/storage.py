"""Private storage backends for Django's storage API (docs/adr/0751-evidence-in-object-storage.md).

Both keep what they are given private and never give out a URL: files are served only by the
application's own audited views. Both list what they hold with each item's last change
(`entries`), which the orphan sweep and the backup need, in one request per 1,000 objects on S3
rather than one per object.

- `DurableFileSystemStorage`: a file is written to a temporary twin, fsynced, renamed over its
  name and the directory fsynced, so a name that exists holds the whole file, and a file whose
  save returned survives a power cut; mode 0600 in 0700 folders; a failed write leaves nothing.
- `core.storage_s3.PrivateS3Storage` (its own module, so that boto3 is imported only where
  it is configured): django-storages' S3 backend with a private ACL, no URLs, and short
  timeouts with few retries, so that a store that does not answer refuses a report in seconds
  rather than holding the request for minutes.

`StorageUnavailable` (an OSError) is what callers see when the store cannot be written or read
for any reason other than a missing file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class StorageUnavailable(OSError):
    """The store could not be written or read (disk full, store down, refused)."""


@dataclass(frozen=True)
class StoredEntry:
    name: str
    modified: dt.datetime


class NoUrls:
    def url(self, name: str | None, *args: Any, **kwargs: Any) -> str:
        raise ValueError("private files have no URL: serve them through an audited view")


class DurableFileSystemStorage(NoUrls, FileSystemStorage):
    def __init__(self, location: str | Path | None = None) -> None:
        super().__init__(
            location=location,
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
            allow_overwrite=True,  # names are random; a re-encrypted file replaces its old one
        )

    def _save(self, name: str, content: Any) -> str:
        final = Path(self.path(name))
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = final.with_name(f".{final.name}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        try:
            with os.fdopen(os.open(temporary, flags, 0o600), "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        try:
            _fsync_directory(final.parent)
        except BaseException:
            final.unlink(missing_ok=True)  # a failed save leaves nothing, whatever step failed
            raise
        return name

    def entries(self) -> Iterator[StoredEntry]:
        """Files at the top of the folder (temporary twins included), with their mtime."""
        try:
            scanned = list(os.scandir(self.location))
        except FileNotFoundError:
            return
        for entry in scanned:
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                modified = entry.stat(follow_symlinks=False).st_mtime
            except FileNotFoundError:
                continue  # removed meanwhile
            yield StoredEntry(entry.name, dt.datetime.fromtimestamp(modified, dt.UTC))


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable: without it a power cut can lose the new name."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class EvidenceFileSystemStorage(DurableFileSystemStorage):
    """The default evidence store: the folder EVIDENCE_ROOT names, read at each use (so a test
    that moves it moves the store)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.EVIDENCE_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

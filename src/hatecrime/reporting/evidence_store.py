"""Where evidence files are kept: one storage, `STORAGES["evidence"]`, for every write, read and
delete (docs/adr/0751-evidence-in-object-storage.md). A folder by default
(`core.storage.EvidenceFileSystemStorage` on EVIDENCE_ROOT), an S3-compatible bucket in production
(`core.storage.PrivateS3Storage`). Files are encrypted here, before the bytes leave the
process, so neither the disk nor the bucket ever holds a readable file.

A write that fails raises StorageUnavailable and leaves nothing behind (the folder removes its
temporary file, an S3 PUT is all or nothing); the callers write before their transaction and
remove what they wrote if it does not commit
(reporting.actions, cases.actions.additions), and `jobs.delete_orphan_evidence` removes what a
process that died in between left.
"""

import logging
import re
import secrets
from collections.abc import Iterable, Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from hatecrime.core.crypto import decrypt_bytes, encrypt_bytes, is_current, register_rotation_hook
from hatecrime.core.storage import StorageUnavailable, StoredEntry
from hatecrime.reporting.models import Evidence

logger = logging.getLogger(__name__)

STORAGE_ALIAS = "evidence"
# What new_stored_name makes: the only names the backup copies and a restore writes.
STORED_NAME = re.compile(r"^[0-9a-f]{40}\Z")


def evidence_storage() -> Storage:
    return storages[STORAGE_ALIAS]


def new_stored_name() -> str:
    return secrets.token_hex(20)


def store_token(stored_name: str, token: bytes) -> None:
    """Store bytes already encrypted (a re-encryption, a restore) under `stored_name`."""
    try:
        saved = evidence_storage().save(stored_name, ContentFile(token))
    except Exception as error:  # whatever the backend raises, the file is not stored
        logger.exception("evidence could not be stored")
        raise StorageUnavailable(f"evidence could not be stored: {error}") from error
    if saved != stored_name:  # never expected: the backends overwrite, they never rename
        raise StorageUnavailable(f"the evidence store renamed {stored_name} to {saved}")


def write_encrypted(stored_name: str, content: bytes) -> None:
    """Encrypt and store; when this returns, the file is stored durably."""
    store_token(stored_name, encrypt_bytes(content))


def read_token(stored_name: str) -> bytes:
    """The stored (encrypted) bytes; FileNotFoundError if there is no such file,
    StorageUnavailable if the store cannot be read."""
    try:
        with evidence_storage().open(stored_name, "rb") as handle:
            return bytes(handle.read())
    except FileNotFoundError:
        raise
    except Exception as error:
        raise StorageUnavailable(f"evidence could not be read: {error}") from error


def read_evidence(stored_name: str) -> bytes:
    return decrypt_bytes(read_token(stored_name))


def remove_files(stored_names: Iterable[str]) -> None:
    """Delete files, never raising: callers run this while failing or after a commit. At the
    first that cannot be deleted the store is taken to be failing and the rest are left (each
    try could wait for the store's timeout); having no Evidence row, the orphan sweep deletes
    them within hours."""
    storage = evidence_storage()
    for stored_name in stored_names:
        try:
            storage.delete(stored_name)
        except Exception:
            logger.exception("evidence %s could not be deleted; the orphan sweep will", stored_name)
            return


def stored_entries() -> Iterator[StoredEntry]:
    """Everything in the store with its last change (both backends provide `entries`)."""
    try:
        yield from evidence_storage().entries()  # type: ignore[attr-defined]
    except Exception as error:
        raise StorageUnavailable(f"the evidence store could not be listed: {error}") from error


@register_rotation_hook
def rotate_evidence_files() -> int:
    """Re-encrypt every evidence file not made with the primary key; returns how many."""
    count = 0
    for stored_name in Evidence.objects.values_list("stored_name", flat=True).iterator():
        try:
            token = read_token(stored_name)
        except FileNotFoundError:
            continue
        if is_current(token):
            continue
        write_encrypted(stored_name, decrypt_bytes(token))
        count += 1
    return count

"""Settings for the test suite: fixed keys, fast hashing, tasks run at once."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault(
    "HATECRIME_ENCRYPTION_KEYS", "test1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
)
os.environ.setdefault("HATECRIME_BLIND_INDEX_KEY", "YmxpbmQtaW5kZXgta2V5LWZvci10ZXN0cy0wMDAwMDA=")
os.environ.setdefault(
    "HATECRIME_AUDIT_KEY", "audit-test1:YXVkaXQta2V5LWZvci10aGUtdGVzdHMtMDAwMDAwMDA="
)

from hatecrime.settings.base import *  # noqa: F403
from hatecrime.settings.base import DATABASES, VAR_DIR

# Tests of the address lock's slow-down set it themselves.
SIGN_IN_ADDRESS_LOCK_DELAY_SECONDS = 0
# Many tests build their cases through the public API and pages, all from 127.0.0.1: the
# intake limits' own tests set the budgets they test (docs/adr/0550).
HATECRIME_INTAKE_REPORTS_PER_HOUR = 10_000
HATECRIME_INTAKE_DRAFT_SAVES_PER_HOUR = 10_000
HATECRIME_INTAKE_EVIDENCE_PER_HOUR = 10_000
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Evidence in a folder (each test's own: tests/conftest.py); the S3 tests start their own store
# and point "evidence" at it (tests/evidence_stores.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "evidence": {"BACKEND": "hatecrime.core.storage.EvidenceFileSystemStorage"},
}
EVIDENCE_ROOT = VAR_DIR / "test-evidence"
OPEN_DATA_DIR = VAR_DIR / f"test-open-data-{os.getpid()}"  # tests that make it use their own
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so that tests of concurrency and of raw database bytes see real pages.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

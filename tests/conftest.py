"""Shared fixtures: the named people of the tests live in personas.py."""

import pytest
from django.core.management.commands import flush
from django.utils import translation

from hatecrime.audit.triggers import allow_flush

pytest_plugins = ["personas", "support.partners", "evidence_stores"]


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.HATECRIME_ERASURE_LEDGER_FILE = tmp_path / "erasure-ledger.log"


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to a page in another language leaves that language active in the thread (each
    real request sets its own, so only tests see it): every test starts in English."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _flush_may_empty_the_audit():
    """Between transactional tests Django empties every table: on SQLite with DELETE, on
    PostgreSQL with TRUNCATE, which the audit's triggers refuse except under allow_flush
    (hatecrime.audit.triggers)."""
    original = flush.Command.handle

    def handle(self, *args, **options):
        with allow_flush():
            return original(self, *args, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original

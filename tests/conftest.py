"""Shared fixtures: the named people of the tests live in personas.py."""

import pytest

pytest_plugins = ["personas", "support.partners"]


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"

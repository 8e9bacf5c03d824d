"""The taxonomy's labels are in the catalogues (core/community_words.py) and shown translated."""

import polib
import pytest
from django.utils import translation

from hatecrime.core import catalogues, communities, languages
from hatecrime.core.community_words import LABELS
from hatecrime.core.models import Community

pytestmark = pytest.mark.django_db


def test_every_label_of_the_loaded_taxonomy_is_marked_for_translation():
    missing = set(Community.objects.values_list("label", flat=True)) - set(LABELS)
    assert not missing, f"add to core/community_words.py and run makemessages: {sorted(missing)}"


def test_every_label_is_in_the_catalogues():
    po = polib.pofile(str(catalogues.po_path(languages.EASY_READ)))
    assert set(LABELS) <= {entry.msgid for entry in po}


def test_a_label_is_shown_in_the_active_language(monkeypatch):
    monkeypatch.setattr(
        communities, "gettext", lambda label: {"Chinese": "Người Hoa"}.get(label, label)
    )
    with translation.override("vi"):
        grouped = dict(communities.grouped_choices())
    options = dict(grouped["East or South East Asian"])
    assert options["chinese"] == "Người Hoa"
    assert communities.labels()["chinese"] == "Người Hoa"

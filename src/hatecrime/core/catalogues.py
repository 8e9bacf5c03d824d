"""The translation catalogues of the public side (ADR 0700, docs/translation.md).

One gettext catalogue per language, src/hatecrime/locale/<locale>/LC_MESSAGES/django.po, made
by `hatecrime makemessages` from the public code only (staff pages stay in English and are left
out, so translators see only what the public sees). The compiled .mo files are committed and
made by `hatecrime compilemessages` in Python (polib), so neither `make run` nor `make test`
needs GNU gettext; tests/core/test_catalogues.py fails when a .mo is older than its .po.
"""

from pathlib import Path

import polib  # type: ignore[import-untyped]  # stub gap: polib ships no type hints and no stubs package is installed
from django.conf import settings
from django.utils.translation import to_locale

from hatecrime.core import languages

# What makemessages leaves out: staff-only apps and templates (each name matches a directory or
# file anywhere under src/hatecrime), and code that shows nothing to the public.
STAFF_ONLY = (
    "accounts",
    "api",
    "audit",
    "cases",
    "monitoring",
    "support",
    "staff_base.html",
    "settings",
    "migrations",
    "management",
    "static",
    "demo",
    "demo.py",
    "demo_history.py",
)


# Plural rules for the languages Django has no catalogue of its own to copy them from (CLDR).
PLURAL_FORMS = {
    languages.EASY_READ: "nplurals=2; plural=(n != 1);",
    "gu": "nplurals=2; plural=(n != 1);",
    "so": "nplurals=2; plural=(n != 1);",
    "tl": "nplurals=2; plural=(n != 1 && n != 2 && n != 3 && "
    "(n % 10 == 4 || n % 10 == 6 || n % 10 == 9));",
}


def locale_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0])


def po_path(code: str) -> Path:
    return locale_dir() / to_locale(code) / "LC_MESSAGES" / "django.po"


def translated_codes() -> list[str]:
    """Every language but English, the source language, which has no catalogue."""
    return [language.code for language in languages.REGISTRY if language.code != languages.DEFAULT]


def compile_catalogue(po: Path) -> Path:
    """Write the .mo next to a .po (only translated, non-fuzzy messages, as msgfmt does)."""
    mo = po.with_suffix(".mo")
    polib.pofile(str(po)).save_as_mofile(str(mo))
    return mo


def is_current(po: Path) -> bool:
    """Whether the .mo next to a .po holds exactly the .po's translated messages."""
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return False
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo))}
    wanted = {
        (entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(po)).translated_entries()
    }
    if compiled.keys() != wanted.keys():
        return False
    return all(
        compiled[key].msgstr == entry.msgstr
        and {int(k): v for k, v in compiled[key].msgstr_plural.items()}
        == {int(k): v for k, v in entry.msgstr_plural.items()}
        for key, entry in wanted.items()
    )


def tidy_header(code: str) -> None:
    """Give a catalogue a stable header after makemessages: its language and plural rule, no
    creation date (which would change every file on every run and make translators' merges
    conflict), and not fuzzy."""
    po = polib.pofile(str(po_path(code)), wrapwidth=78)
    language = languages.BY_CODE[code]
    po.metadata["Project-Id-Version"] = "hatecrime"
    po.metadata["Language"] = to_locale(code)
    po.metadata["Language-Team"] = f"{language.english_name} ({language.name})"
    po.metadata.pop("POT-Creation-Date", None)
    po.metadata.pop("Report-Msgid-Bugs-To", None)
    if "INTEGER" in po.metadata.get("Plural-Forms", "INTEGER") and code in PLURAL_FORMS:
        po.metadata["Plural-Forms"] = PLURAL_FORMS[code]
    po.metadata_is_fuzzy = False
    po.header = f"{language.english_name} ({language.name}) messages of the hatecrime public pages."
    po.save()

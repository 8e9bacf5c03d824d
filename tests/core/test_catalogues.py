"""The translation catalogues (src/hatecrime/locale, docs/translation.md): every language of the
registry has one and a glossary; every compiled .mo is current; and a SHIPPED language is
complete: nothing untranslated or fuzzy, the same placeholders and markup as the English, and
the fixed terms of the glossary (numbers and names) kept as they are."""

import csv
import re
from collections import Counter

import polib
import pytest

from hatecrime.core import catalogues, languages

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}|<[^>]+>")
TRANSLATED = catalogues.translated_codes()
SHIPPED = [code for code in TRANSLATED if languages.BY_CODE[code].shipped]


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def glossary(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


MASTER = glossary(catalogues.locale_dir() / "glossary.csv")


def catalogue_problems(po: polib.POFile) -> list[str]:
    """What stops a catalogue from being shipped, one line per message."""
    problems = []
    exact = [row["term"] for row in MASTER if row["kind"] == "exact"]
    for entry in po:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {entry.msgid!r}")
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(translations):
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        for translation in translations:
            if placeholders(translation) != placeholders(entry.msgid):
                problems.append(
                    f"placeholders or markup differ: {entry.msgid!r} -> {translation!r}"
                )
            for term in exact:
                if term in entry.msgid and term not in translation:
                    problems.append(f"fixed term {term!r} missing: {entry.msgid!r}")
    return problems


def test_the_problems_found_are_the_right_ones():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Call %(number)s now", msgstr="Gọi ngay"))
    po.append(polib.POEntry(msgid="Hello", msgstr=""))
    po.append(polib.POEntry(msgid="Bye", msgstr="Tạm biệt", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Call 999.", msgstr="Gọi ٩٩٩."))
    po.append(polib.POEntry(msgid="Ref {reference}", msgstr="Mã {reference}"))
    po.append(polib.POEntry(msgid='<a href="%(u)s">x</a>', msgstr='<a href="%(u)s">y</a>'))
    problems = catalogue_problems(po)
    assert len(problems) == 4
    assert problems[0].startswith("placeholders or markup differ")
    assert problems[1].startswith("untranslated")
    assert problems[2].startswith("fuzzy")
    assert problems[3].startswith("fixed term '999'")


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_has_a_catalogue_and_a_glossary(code):
    po_path = catalogues.po_path(code)
    assert po_path.exists(), f"run `hatecrime makemessages` for {code}"
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == po_path.parent.parent.name
    assert "INTEGER" not in po.metadata.get("Plural-Forms", "INTEGER")
    rows = glossary(po_path.parent.parent / "glossary.csv")
    assert [row["key"] for row in rows] == [row["key"] for row in MASTER]


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_compiled_catalogue_is_current(code):
    assert catalogues.is_current(catalogues.po_path(code)), (
        f"{code}: the .mo is older than the .po; run `hatecrime compilemessages`"
    )


def test_every_shipped_language_is_complete():
    for code in SHIPPED:
        problems = catalogue_problems(polib.pofile(str(catalogues.po_path(code))))
        assert not problems, f"{code} cannot be shipped:\n" + "\n".join(problems[:40])


def test_every_shipped_language_has_its_glossary_and_translator_recorded():
    for code in SHIPPED:
        assert languages.BY_CODE[code].translator, code
        rows = glossary(catalogues.po_path(code).parent.parent / "glossary.csv")
        assert all(row["translation"].strip() for row in rows), f"{code}: glossary incomplete"


def test_english_is_shipped_and_the_source():
    assert languages.BY_CODE["en-gb"].shipped
    assert not catalogues.po_path("en-gb").exists()

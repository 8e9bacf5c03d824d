"""The public pages show no English in another language.

1. A pseudo-translation: every message of the catalogue becomes ⟦message⟧ in a throwaway
   catalogue, and every public page (the journey's questions, with and without errors, check
   your answers, confirmation, save and resume, track, the error pages) is rendered in it. Any
   visible English word outside ⟦ ⟧ was never marked for translation, or was translated before
   the page's language was chosen (a gettext at import time): it would show in English in every
   language. Only what the person typed, names, numbers and codes may be outside.
2. Every SHIPPED language: its pages show no English sentence of the catalogue that the
   language translates differently.
"""

import html
import re
from html.parser import HTMLParser

import polib
import pytest
from django.utils.translation import to_locale

from browser.journey_data import GRACE, ORDER, step_path, walk
from hatecrime.accounts.models import User
from hatecrime.cases.actions import do_record_decision
from hatecrime.cases.models import Case
from hatecrime.core import catalogues, languages
from hatecrime.core.models import CENTRAL_STRANDS, Area
from hatecrime.reporting import checks

pytestmark = pytest.mark.django_db

PSEUDO = "so"  # any registry language: its catalogue is replaced by the pseudo one here
OPEN, CLOSE = "⟦", "⟧"

PAGES = [
    "/",
    "/not-sure/",
    "/other-ways-to-report/",
    "/privacy/",
    "/accessibility/",
    "/open-data/",
    "/resume/",
    "/track/",
    "/no-such-page/",
    "/report/expired/",
]


class VisibleText(HTMLParser):
    """The text a person sees or hears: text nodes outside script and style, the title, and
    the attributes read aloud (aria-label, alt)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self.skipping += 1
        for name, value in attrs:
            if name in ("aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def outside_translations(text: str) -> str:
    """What is left once every ⟦translated⟧ piece (nested ones too) is taken out."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", text)
    return text


@pytest.fixture
def pseudo(settings, tmp_path):
    """A catalogue in which every message is ⟦message⟧, placeholders kept, for PSEUDO."""
    po = polib.pofile(str(catalogues.po_path(languages.EASY_READ)))
    po.metadata["Language"] = to_locale(PSEUDO)
    for entry in po:
        entry.msgstr = f"{OPEN}{entry.msgid}{CLOSE}"
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    target = tmp_path / to_locale(PSEUDO) / "LC_MESSAGES"
    target.mkdir(parents=True)
    po.save_as_mofile(str(target / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path), *settings.LOCALE_PATHS]
    settings.HATECRIME_PREVIEW_LANGUAGES = [PSEUDO]
    # Validation remembers its messages per language for the life of the process
    # (reporting/checks.py): forget the pseudo ones, before and after.
    checks._translated.clear()
    yield f"/{PSEUDO}"
    checks._translated.clear()


# English that may stand outside the catalogue: the words Grace typed or chose from data (her
# name, the place, the borough), the names of the languages in the switch, month names (data:
# Django's catalogues, or languages.OWN_MONTHS for the languages it lacks; ADR 0701).
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]
MONTHS += [name for _pattern, names in languages.OWN_MONTHS.values() for name in names]


def _typed_words(values) -> set[str]:
    """The words of what Grace typed (not the codes of the choices she made)."""
    found: set[str] = set()
    for value in values:
        if isinstance(value, dict | list):
            found |= _typed_words(value.values() if isinstance(value, dict) else value)
        elif not re.fullmatch(r"[a-z0-9_]*", str(value)):
            found |= set(re.findall(r"[A-Za-z]+", str(value)))
    return found


ALLOWED = {*MONTHS, "HC", "GOV", "UK"} | _typed_words(GRACE.values())
# The open data's column names and strand codes, as they stand in the file (data, not words).
ALLOWED |= {"period", "start", "strand", "total", "all", "CSV"}
ALLOWED |= {word for strand in CENTRAL_STRANDS for word in strand.value.split("_")}
ALLOWED |= {
    word for language in languages.REGISTRY for word in re.findall(r"[A-Za-z]+", language.name)
}


# Codes, email addresses and postcodes are not words.
NOT_WORDS = re.compile(
    r"\b(?:HC-)?[A-Z0-9]{4}(?:-[A-Z0-9]{4}){1,2}\b|\S+@\S+|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b",
    re.IGNORECASE,
)


def english_words(text: str, names: set[str] = frozenset()) -> list[str]:
    """English words left in `text`, apart from ALLOWED and `names` (places, people)."""
    text = NOT_WORDS.sub(" ", text)
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in ALLOWED | names]


def pages_of_the_journey(client, prefix: str) -> dict[str, str]:
    """Every page a person sees, in the language of `prefix`: the fixed pages, each question
    empty and with its errors, check your answers, save, resume, confirmation, track."""
    seen = {path: client.get(f"{prefix}{path}").content.decode() for path in PAGES}
    for slug in ORDER:
        if slug in GRACE:
            errors = client.post(step_path(slug, prefix), {})
            if errors.status_code == 200:  # the pages with a required question
                seen[f"{slug} (errors)"] = errors.content.decode()
            seen[slug] = client.get(step_path(slug, prefix)).content.decode()
            client.post(step_path(slug, prefix), GRACE[slug])
    walk(client, GRACE, prefix=prefix)
    seen["check"] = client.get(f"{prefix}/report/check-answers/").content.decode()
    client.post(f"{prefix}/report/submit/")
    confirmation = client.get(f"{prefix}/report/confirmation/").content.decode()
    seen["confirmation"] = confirmation
    reference = re.search(r"data-reference>([^<]+)<", confirmation).group(1)
    tracking = re.search(r"data-tracking-code>([^<]+)<", confirmation).group(1)
    # A decision the victim can ask to have reviewed (Victims' Right to Review).
    case = Case.objects.get(report__reference=reference)
    officer, _ = User.objects.get_or_create(username="pages-officer", role="officer")
    do_record_decision(
        actor=officer,
        case=case,
        expected_version=case.version,
        kind="no_further_action",
        reasons="No witness",
    )
    right = case.rights_to_review.get()
    seen["track (found)"] = client.post(
        f"{prefix}/track/", {"reference": reference, "tracking_code": tracking}
    ).content.decode()
    seen["track add"] = client.get(f"{prefix}/track/add/information/").content.decode()
    review = f"{prefix}/track/review/{right.pk}/"
    seen["track review"] = client.get(review).content.decode()
    seen["track review (errors)"] = client.post(review, {"reason": "1" * 2001}).content.decode()
    client.post(review, {"reason": ""})
    seen["track review asked"] = client.get(f"{prefix}/track/review/asked/").content.decode()
    assert (
        'id="reason"' in seen["track review"]
        and 'id="reason-error"' in seen["track review (errors)"]
    )
    assert "data-review-asked" in seen["track review asked"]
    seen["track (review asked)"] = client.post(
        f"{prefix}/track/", {"reference": reference, "tracking_code": tracking}
    ).content.decode()
    seen["track (wrong code)"] = client.post(
        f"{prefix}/track/", {"reference": reference, "tracking_code": "WRONG"}
    ).content.decode()
    return seen


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def test_the_check_sees_what_is_not_marked():
    text = visible_text(f"<p>{OPEN}Hello{CLOSE} Goodbye</p><script>var x</script>")
    assert english_words(outside_translations(text)) == ["Goodbye"]
    assert (
        english_words("HC-7K3M-Q9XD ACDE-FGH2-JK34 grace@example.org E8 1HB Hackney", {"Hackney"})
        == []
    )
    nested = outside_translations(f"{OPEN}All {OPEN}Chinese{CLOSE}{CLOSE} left")
    assert english_words(nested) == ["left"]


def test_every_public_page_is_marked_for_translation(client, pseudo):
    # The boroughs are names (Hackney, Tower Hamlets): they are not translated.
    names = {word for name in Area.objects.values_list("name", flat=True) for word in name.split()}
    found = {}
    for name, page in pages_of_the_journey(client, pseudo).items():
        assert f'lang="{languages.BY_CODE[PSEUDO].lang}"' in page, name
        words = english_words(outside_translations(visible_text(page)), names)
        if words:
            found[name] = words
    assert not found, f"English outside the catalogue: {found}"


def shipped_sentences(code: str) -> list[str]:
    """The English sentences (three words or more, without placeholders or markup) that the
    language's catalogue translates differently."""
    po = polib.pofile(str(catalogues.po_path(code)))
    return [
        html.unescape(entry.msgid)
        for entry in po.translated_entries()
        if entry.msgstr != entry.msgid
        and len(entry.msgid.split()) >= 3
        and not re.search(r"[%{<]", entry.msgid)
    ]


@pytest.mark.parametrize(
    "code", [lang.code for lang in languages.REGISTRY if lang.shipped and lang.code != "en-gb"]
)
def test_a_shipped_language_shows_no_english_sentence(client, settings, code):
    settings.HATECRIME_PREVIEW_LANGUAGES = []
    sentences = shipped_sentences(code)
    assert sentences
    found = {}
    for name, page in pages_of_the_journey(client, f"/{code}").items():
        text = visible_text(page)
        left = [sentence for sentence in sentences if sentence in text]
        if left:
            found[name] = left
    assert not found, f"{code}: English sentences on its pages: {found}"

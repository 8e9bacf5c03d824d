"""Decision letters (docs/adr/0811, 0812): administrators write the wording per decision and
language, checked against the reading-age test (Flesch-Kincaid grade 8 for English, sentence
length for every language), audited; tracking falls back to the translated default."""

import pytest
from django.test import Client

from cases.factories import VICTIM_REPORT, events
from hatecrime.cases.actions import do_record_decision
from hatecrime.cases.models import Case, DecisionLetter
from hatecrime.core.readability import measure, plain_words_problems, syllables
from hatecrime.reporting.actions import do_submit_report

pytestmark = pytest.mark.django_db

EASY = "We will not charge anyone for now. If we get new evidence, we will look again."
HARD = (
    "Subsequent to a comprehensive evaluation of the evidential material, the investigating "
    "officer determined that prosecution would not satisfy the evidential sufficiency test."
)
URL = "/staff/cases/decision-letters/no_further_action/en-gb/"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


def test_the_grade_of_plain_and_hard_english():
    assert measure(EASY).grade < 5
    assert measure(HARD).grade > 14
    assert [syllables(w) for w in ("plain", "evidence", "decided", "charge")] == [1, 3, 3, 1]
    assert plain_words_problems(EASY) == []


def test_other_languages_are_checked_on_sentence_length_only():
    long_polish = " ".join(["słowo"] * 26) + "."
    assert plain_words_problems(long_polish, "pl") == [
        "Sentence 1 has 26 words: keep each sentence to 25 words or fewer"
    ]
    assert plain_words_problems(HARD, "pl") == []  # no grade outside English
    assert "characters" in plain_words_problems("我" * 51 + "。", "zh-hans")[0]


def test_adam_writes_an_english_letter_and_it_is_audited(client, adam):
    client.force_login(adam)
    listing = client.get("/staff/cases/decision-letters/").content.decode()
    assert "Translated default" in listing and URL in listing
    assert client.post(URL, {"text": EASY}).status_code == 302
    letter = DecisionLetter.objects.get()
    assert (letter.kind, letter.language, letter.text, letter.changed_by) == (
        "no_further_action",
        "en-gb",
        EASY,
        adam,
    )
    event = events("collect")[-1]
    assert (event.object_type, event.object_id, event.actor) == (
        "decision_letter",
        "no_further_action:en-gb",
        adam,
    )


def test_a_letter_above_the_reading_age_is_refused_with_a_govuk_error(client, adam):
    client.force_login(adam)
    response = client.post(URL, {"text": HARD})
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html and 'href="#id_text"' in html
    assert "This reads at school grade" in html
    assert "so that it reads at grade 8 or lower (a reading age of 13)" in html
    assert not DecisionLetter.objects.exists()


def test_a_polish_letter_with_a_long_sentence_is_refused(client, adam):
    client.force_login(adam)
    url = "/staff/cases/decision-letters/no_further_action/pl/"
    html = client.post(url, {"text": " ".join(["słowo"] * 30) + "."}).content.decode()
    assert "Sentence 1 has 30 words" in html


def test_only_administrators_keep_the_letters(client, alice, hannah):
    for person in (alice, hannah):
        client.force_login(person)
        assert client.get("/staff/cases/decision-letters/").status_code == 404
        assert client.get(URL).status_code == 404


def test_an_unknown_kind_or_language_is_not_found(client, adam):
    client.force_login(adam)
    assert client.get("/staff/cases/decision-letters/arrested/en-gb/").status_code == 404
    assert client.get("/staff/cases/decision-letters/no_further_action/xx/").status_code == 404


def test_tracking_shows_the_administrators_letter_and_falls_back_per_language(client, adam, alice):
    client.force_login(adam)
    client.post(URL, {"text": EASY})
    submitted = do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)
    case = Case.objects.get(report__reference=submitted.reference)
    do_record_decision(
        actor=alice,
        case=case,
        expected_version=case.version,
        kind="no_further_action",
        reasons="No witness",
    )
    public = Client()
    data = {"reference": submitted.reference, "tracking_code": submitted.tracking_code}
    assert EASY in public.post("/track/", data).content.decode()
    polish = public.post("/pl/track/", data).content.decode()
    assert EASY not in polish  # no Polish letter written: the translated default
    assert "nie podejmiemy dalszych działań" in polish


def test_going_back_to_the_default_is_audited(client, adam):
    client.force_login(adam)
    client.post(URL, {"text": EASY})
    assert client.post(URL, {"use_default": "yes"}).status_code == 302
    assert not DecisionLetter.objects.exists()
    assert events("erase")[-1].object_id == "no_further_action:en-gb"

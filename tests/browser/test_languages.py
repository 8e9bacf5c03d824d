"""Languages in a real browser: the switch is in sight on a phone and takes you to the same page
in another language; Arabic pages are mirrored (measured against the English page); pages in
Easy Read, Arabic, Urdu, Chinese (Simplified), Vietnamese and Bengali pass axe with the switch
open. Arabic is also previewed (HATECRIME_PREVIEW_LANGUAGES), so the layout is measured whether
or not its translation is shipped (unshipped, it shows the English text right to left)."""

import pytest

from browser.conftest import PHONE
from cases.factories import VICTIM_REPORT
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHEVRON = """() => {
  const style = getComputedStyle(document.querySelector('.govuk-back-link'), '::before');
  return {left: parseFloat(style.left), right: parseFloat(style.right),
          borderLeft: parseFloat(style.borderLeftWidth),
          borderRight: parseFloat(style.borderRightWidth), transform: style.transform};
}"""


@pytest.fixture
def arabic(settings):
    settings.HATECRIME_PREVIEW_LANGUAGES = ["ar"]


# A checked checkbox added to the page (the question pages with checkboxes need answers first).
TICK = """() => {
  const box = document.createElement('div');
  box.className = 'govuk-checkboxes';
  box.innerHTML = '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
    + 'type="checkbox" id="tick" checked><label class="govuk-label govuk-checkboxes__label" '
    + 'for="tick">x</label></div>';
  document.querySelector('main').append(box);
  const style = getComputedStyle(document.querySelector('label[for=tick]'), '::after');
  return {transform: style.transform, borderLeft: parseFloat(style.borderLeftWidth),
          borderRight: parseFloat(style.borderRightWidth)};
}"""


def layout(page, url):
    page.goto(url)
    return {
        "tick": page.evaluate(TICK),
        "dir": page.evaluate("() => document.documentElement.dir"),
        "radio": page.locator(".govuk-radios__input").first.bounding_box(),
        "label": page.locator(".govuk-radios__label").first.bounding_box(),
        "back": page.locator(".govuk-back-link").bounding_box(),
        "chevron": page.evaluate(CHEVRON),
        "width": page.evaluate("() => document.documentElement.clientWidth"),
    }


def test_arabic_pages_are_mirrored(live_server, new_page, arabic):
    page = new_page(viewport=PHONE)
    english = layout(page, f"{live_server.url}/report/who/")
    mirrored = layout(page, f"{live_server.url}/ar/report/who/")
    assert english["dir"] == "ltr" and mirrored["dir"] == "rtl"
    width = english["width"]
    assert mirrored["width"] == width

    # English: the radio is left of its label; Arabic: right of it, not overlapping.
    radio, label = english["radio"], english["label"]
    assert radio["x"] + radio["width"] <= label["x"] + 1
    radio, label = mirrored["radio"], mirrored["label"]
    assert radio["x"] >= label["x"] + label["width"] - 1
    # ...at the mirror image of where it is in English.
    mirror_x = width - (mirrored["radio"]["x"] + mirrored["radio"]["width"])
    assert abs(mirror_x - english["radio"]["x"]) <= 2

    # The back link starts at the right edge, its chevron on the right pointing right.
    assert (
        abs(english["back"]["x"] - (width - mirrored["back"]["x"] - mirrored["back"]["width"])) <= 2
    )
    # The chevron (a corner of two borders, turned) sits at the start of the link: on the
    # left in English, on the right in Arabic, drawn with the mirrored borders and turn.
    chevron, mirrored_chevron = english["chevron"], mirrored["chevron"]
    assert (
        chevron["left"] < chevron["right"] and mirrored_chevron["right"] < mirrored_chevron["left"]
    )
    assert chevron["left"] == mirrored_chevron["right"]
    assert chevron["borderRight"] > 0 and chevron["borderLeft"] == 0
    assert mirrored_chevron["borderLeft"] > 0 and mirrored_chevron["borderRight"] == 0
    assert chevron["transform"] != mirrored_chevron["transform"]

    # A tick is the same tick in both: not a mirror image.
    assert english["tick"] == mirrored["tick"]
    assert english["tick"]["borderLeft"] > 0 and english["tick"]["borderRight"] == 0


def test_the_switch_is_in_sight_on_a_phone_and_keeps_the_page(live_server, new_page, arabic):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/privacy/")
    summary = page.locator(".app-language-switch__summary")
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the switch needs scrolling to"
    summary.click()
    arabic_link = page.locator('.app-language-switch a[lang="ar"]')
    assert arabic_link.get_attribute("dir") == "rtl"
    assert arabic_link.inner_text() == "العربية"
    with page.expect_navigation():
        arabic_link.click()
    assert page.url == f"{live_server.url}/ar/privacy/"
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    page.locator(".app-language-switch__summary").click()
    with page.expect_navigation():
        page.locator('.app-language-switch a[lang="en-GB"]').first.click()
    # Chosen on our own page: English stays English, whatever the browser prefers.
    assert page.url == f"{live_server.url}/privacy/"


def test_the_browser_language_chooses_the_first_page(live_server, new_page, arabic):
    page = new_page(viewport=PHONE, locale="ar")
    page.goto(f"{live_server.url}/track/")
    assert page.url == f"{live_server.url}/ar/track/"


@pytest.mark.parametrize("prefix", ["/en-x-easy", "/ar", "/ur", "/zh-hans", "/vi", "/bn"])
def test_pages_in_other_languages_are_accessible(
    live_server, new_page, assert_accessible, arabic, prefix
):
    page = new_page(viewport=PHONE)
    for path in ["/", "/report/who/", "/track/"]:
        page.goto(f"{live_server.url}{prefix}{path}")
        page.locator(".app-language-switch__summary").click()
        assert_accessible(page, label=f"{prefix}{path}")


def test_the_language_for_messages_is_chosen_on_tracking(
    live_server, new_page, assert_accessible, arabic
):
    """On a phone, in Arabic: track a report, choose Vietnamese for messages with the keyboard,
    see it confirmed; the pages pass axe and each language is named in itself with its lang."""
    submitted = do_submit_report(payload=VICTIM_REPORT, channel="online", actor=None)
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/ar/track/")
    page.fill("#reference", submitted.reference)
    page.fill("#tracking_code", submitted.tracking_code)
    page.locator("form button").click()
    row = page.locator("[data-message-language]")
    assert row.get_attribute("data-message-language") == "en-gb"
    assert_accessible(page, label="/ar/track/ (tracked)")
    row.locator("a").click()
    assert page.url == f"{live_server.url}/ar/track/language/"
    assert page.locator("html").get_attribute("dir") == "rtl"
    vietnamese = page.locator('label[for="language-vi"]')
    assert vietnamese.get_attribute("lang") == "vi" and vietnamese.inner_text() == "Tiếng Việt"
    assert_accessible(page, label="/ar/track/language/")
    page.locator("#language-vi").focus()
    page.keyboard.press("Space")
    page.locator("form button").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/ar/track/added/")
    assert Report.objects.get().message_language == "vi"

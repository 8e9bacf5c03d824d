"""The languages of the public side: URLs that carry the language, the switch, lang and dir,
the browser's language for the first page, and English staff pages (ADR 0700)."""

import re

import pytest

from browser.journey_data import GRACE, walk
from hatecrime.api.v1.reports import report_language
from hatecrime.core import languages
from hatecrime.core.language_middleware import preferred_language
from hatecrime.reporting.models import Report

pytestmark = pytest.mark.django_db

EASY = languages.EASY_READ


@pytest.fixture
def offered(settings):
    """Easy Read, Arabic and Vietnamese offered (previewed) whether or not they are shipped."""
    settings.HATECRIME_PREVIEW_LANGUAGES = [EASY, "ar", "vi"]
    settings.HATECRIME_HIDDEN_LANGUAGES = []
    return settings


def test_the_registry_has_every_language_the_issue_asks_for():
    required = {
        "en-gb", EASY, "cy", "zh-hans", "zh-hant", "vi", "ko", "ja", "th", "tl", "ms", "id",
        "km", "my", "ar", "ur", "fa", "pl", "ro", "bn", "gu", "pa", "ta", "tr", "so", "pt",
        "es", "it", "fr", "lt", "bg", "uk", "ru", "sq",
    }  # fmt: skip
    assert required <= set(languages.BY_CODE)
    assert len(languages.REGISTRY) >= 30
    assert {language.code for language in languages.REGISTRY if language.bidi} == {"ar", "ur", "fa"}


def test_each_language_is_named_in_itself():
    assert languages.BY_CODE["vi"].name == "Tiếng Việt"
    assert languages.BY_CODE["zh-hans"].name == "中文（简体）"
    assert languages.BY_CODE["ar"].name == "العربية"


def test_a_public_page_in_a_language_has_its_prefix_lang_and_dir(client, offered):
    page = client.get("/ar/track/")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl"' in page.content.decode()
    assert "build/app.rtl.css" in page.content.decode()
    assert page["Content-Language"] == "ar"
    english = client.get("/track/").content.decode()
    assert '<html lang="en-GB" dir="ltr"' in english and "build/app.css" in english


def test_links_and_redirects_keep_the_language(client, offered):
    page = client.get("/vi/").content.decode()
    assert 'href="/vi/report/who/"' in page
    assert 'href="/vi/privacy/"' in page and 'href="/vi/track/"' in page
    # A question's answer leads to the next question in the same language.
    response = client.post("/vi/report/who/", GRACE["who"])
    assert response.status_code == 302 and response["Location"].startswith("/vi/report/")


def test_the_switch_links_to_this_page_in_every_offered_language(client, offered):
    offered.HATECRIME_HIDDEN_LANGUAGES = ["pl"]
    page = client.get("/vi/privacy/").content.decode()
    switch = page[page.index('class="app-language-switch"') : page.index("</nav>")]
    assert 'href="/privacy/" lang="en-GB"' in switch
    assert f'href="/{EASY}/privacy/"' in switch
    assert 'href="/ar/privacy/" lang="ar" hreflang="ar" dir="rtl">العربية</a>' in switch
    assert (
        'href="/vi/privacy/" lang="vi" hreflang="vi" dir="ltr" aria-current="true">Tiếng Việt'
        in switch
    )
    # Only offered languages: not Polish (hidden by the operator).
    assert "/pl/" not in switch
    # The switch comes before the page's own content (near the top on a phone).
    assert page.index('class="app-language-switch"') < page.index('id="main-content"')


def test_a_language_not_offered_redirects_to_english(client, settings):
    settings.HATECRIME_PREVIEW_LANGUAGES = []
    unshipped = [language.code for language in languages.REGISTRY if not language.shipped]
    if unshipped:  # not shipped and not previewed: not offered
        response = client.get(f"/{unshipped[0]}/track/?x=1")
        assert response.status_code == 302 and response["Location"] == "/track/?x=1"
    settings.HATECRIME_HIDDEN_LANGUAGES = ["pl"]
    response = client.get("/pl/track/?x=1")
    assert response.status_code == 302 and response["Location"] == "/track/?x=1"
    settings.HATECRIME_PREVIEW_LANGUAGES = ["pl"]
    settings.HATECRIME_HIDDEN_LANGUAGES = ["pl"]
    assert client.get("/pl/track/")["Location"] == "/track/"
    # English has no prefix.
    assert client.get("/en-gb/privacy/")["Location"] == "/privacy/"


def test_only_english_means_no_switch(client, settings):
    settings.HATECRIME_PREVIEW_LANGUAGES = []
    settings.HATECRIME_HIDDEN_LANGUAGES = [code for code in languages.BY_CODE if code != "en-gb"]
    page = client.get("/").content.decode()
    assert "app-language-switch" not in page


def test_the_browser_language_chooses_the_first_page(client, offered):
    response = client.get("/track/", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/vi/track/"
    assert "Accept-Language" in response["Vary"]
    # A language the service does not offer (here: hidden) is passed over for the next one.
    offered.HATECRIME_HIDDEN_LANGUAGES = ["pl"]
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="pl,ar;q=0.8")
    assert response["Location"] == "/ar/"
    # English first: English.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,vi;q=0.5").status_code == 200


def test_choosing_english_in_the_switch_is_not_undone_by_the_browser_language(client, offered):
    """The switch's English link comes from one of our pages (same-origin Referer): no redirect,
    and nothing is stored to remember it."""
    response = client.get(
        "/track/", HTTP_ACCEPT_LANGUAGE="vi", HTTP_REFERER="http://testserver/vi/track/"
    )
    assert response.status_code == 200
    assert '<html lang="en-GB"' in response.content.decode()
    assert set(response.cookies) <= {"csrftoken"}  # no language cookie
    assert "django_language" not in client.cookies
    # A link from another site is a first page.
    response = client.get("/track/", HTTP_ACCEPT_LANGUAGE="vi", HTTP_REFERER="https://example.org/")
    assert response["Location"] == "/vi/track/"


def test_posts_and_the_exit_are_never_redirected_by_the_browser_language(client, offered):
    assert client.post("/track/", {}, HTTP_ACCEPT_LANGUAGE="vi").status_code == 200
    exit_page = client.get("/exit/", HTTP_ACCEPT_LANGUAGE="vi")
    assert not exit_page["Location"].startswith("/vi/")


def test_staff_pages_and_the_api_stay_english_and_unprefixed(client, offered):
    response = client.get("/staff/sign-in/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert '<html lang="en-GB" dir="ltr"' in response.content.decode()
    assert "app-language-switch" not in response.content.decode()
    assert client.get("/ar/staff/sign-in/").status_code == 404
    assert client.get("/api/v1/schema", HTTP_ACCEPT_LANGUAGE="ar").status_code == 200
    assert client.get("/vi/api/v1/schema").status_code == 404


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-CN,zh;q=0.9", "zh-hans"),
        ("zh-HK", "zh-hant"),
        ("zh-TW", "zh-hant"),
        ("fil-PH", "tl"),
        ("pt-BR,pt;q=0.8", "pt"),
        ("en-US", "en-gb"),
        ("*", "en-gb"),
        ("", "en-gb"),
    ],
)
def test_browser_language_tags_map_to_ours(settings, header, expected):
    settings.HATECRIME_PREVIEW_LANGUAGES = ["zh-hans", "zh-hant", "tl", "pt"]
    assert preferred_language(header) == expected


def test_the_preferred_language_is_only_an_offered_one(settings):
    settings.HATECRIME_PREVIEW_LANGUAGES = []
    settings.HATECRIME_HIDDEN_LANGUAGES = [EASY, "vi", "ar"]  # neither offered, shipped or not
    assert preferred_language("vi,ar") == "en-gb"


def test_a_report_made_in_arabic_keeps_its_language_and_shows_codes_left_to_right(
    client, offered, time_machine
):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    walk(client, GRACE, prefix="/ar")
    assert client.post("/ar/report/submit/")["Location"] == "/ar/report/confirmation/"
    page = client.get("/ar/report/confirmation/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    reference = re.search(r'class="app-code" dir="ltr" data-reference>([^<]+)<', page).group(1)
    assert re.search(r'class="app-code" dir="ltr" data-tracking-code>', page)
    assert Report.objects.get(reference=reference).language == "ar"


def test_an_unknown_page_is_in_english_and_says_call_999(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en-GB" dir="ltr"' in response.content.decode()
    assert "If you are in immediate danger, call 999." in response.content.decode()


def test_an_unknown_page_under_a_language_is_in_that_language(client, offered):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl"' in response.content.decode()


def test_a_language_not_yet_reviewed_says_so_and_gives_the_numbers(client, offered):
    assert not languages.BY_CODE["vi"].reviewed
    page = client.get("/vi/").content.decode()
    assert "data-translation-notice" in page
    notice = page.split("data-translation-notice>")[1].split("</p>")[0]
    assert "101" in notice and "999" in notice


def test_english_has_no_translation_notice(client, offered):
    assert "data-translation-notice" not in client.get("/").content.decode()


def test_the_switch_on_a_missing_page_offers_the_start_page_and_never_repeats_the_address(
    client, offered
):
    page = client.get("/vi/no-such-page-abc/").content.decode()
    assert "no-such-page-abc" not in page
    assert 'href="/vi/"' in page


@pytest.mark.parametrize(
    ("header", "expected"),
    [("vi-VN", "vi"), ("zh-HK", "zh-hant"), ("", "en-gb"), ("xh", "xh"), ("AR, en", "ar")],
)
def test_an_api_report_language_comes_from_content_language(header, expected):
    assert report_language(header) == expected

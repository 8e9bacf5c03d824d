"""The whole report journey in Chromium: on a 360-pixel phone with the keyboard only, and on a
desktop; axe on every page of it, error states included."""

import re

import pytest

from browser.conftest import DESKTOP, PHONE, tab_to
from browser.journey_data import FEMI_FOR_NEIGHBOUR, GRACE, ORDER, step_path, walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_by_keyboard(page, answers):
    for name, value in answers.items():
        if name in ("action", "change"):
            continue
        kind = page.evaluate(
            "(n) => { const e = document.querySelector(`[name='${n}']`);"
            " return e ? (e.type || e.tagName.toLowerCase()) : null }",
            name,
        )
        if kind == "radio":
            tab_to(page, f"input[name='{name}']")
            for _press in range(10):
                if page.evaluate("() => document.activeElement.value") == value:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        elif kind == "checkbox":
            for item in value:
                tab_to(page, f"input[name='{name}'][value='{item}']")
                page.keyboard.press("Space")
        elif kind == "select-one":
            label = page.evaluate(
                "([n, v]) => document.querySelector("
                "`select[name='${n}'] option[value='${v}']`).text",
                [name, value],
            )
            tab_to(page, f"select[name='{name}']")
            page.keyboard.type(label)
        elif kind is not None:
            tab_to(page, f"[name='{name}']")
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            page.keyboard.type(value)
        else:
            raise AssertionError(f"no field {name} on {page.url}")


def fill_with_mouse(page, answers):
    for name, value in answers.items():
        if name in ("action", "change"):
            continue
        field = page.locator(f"[name='{name}']").first
        kind = field.evaluate("(e) => e.type || e.tagName.toLowerCase()")
        if kind == "radio":
            page.locator(f"input[name='{name}'][value='{value}']").check()
        elif kind == "checkbox":
            for item in value:
                page.locator(f"input[name='{name}'][value='{item}']").check()
        elif kind == "select-one":
            field.select_option(value)
        else:
            field.fill(value)


def test_grace_reports_on_a_phone_with_the_keyboard_only(live_server, new_page, assert_accessible):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/")
    tab_to(page, "a.govuk-button--start")
    page.keyboard.press("Enter")
    for slug in [slug for slug in ORDER if slug in GRACE]:
        page.wait_for_url(f"**{step_path(slug)}")
        fill_by_keyboard(page, GRACE[slug])
        tab_to(page, "button[value='continue']")
        page.keyboard.press("Enter")
    page.wait_for_url("**/report/check-answers/")
    assert "Grace Testperson" in page.content()
    tab_to(page, "form[action='/report/submit/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/confirmation/")
    assert re.search(r"HC-[A-Z0-9]{4}-[A-Z0-9]{4}", page.inner_text(".govuk-panel"))
    assert "within 24 hours" in page.content()
    assert_accessible(page, label="confirmation on a phone")
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_femi_reports_for_his_neighbour_on_a_desktop_and_every_page_is_accessible(
    live_server, new_page, assert_accessible
):
    from hatecrime.reporting.models import Report

    page = new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/report/who/")
    for slug in ORDER:
        page.wait_for_url(f"**{step_path(slug)}")
        assert_accessible(page, label=slug)
        if slug not in ("evidence", "support"):  # both may be left empty
            # The error state of every question page, too.
            with page.expect_navigation():
                page.locator("button[value='continue']").click()
            if page.title().startswith("Error:"):
                assert page.locator(".govuk-error-summary").is_visible()
                assert_accessible(page, label=f"{slug} with errors")
        fill_with_mouse(page, FEMI_FOR_NEIGHBOUR[slug])
        page.locator("button[value='continue']").click()
    page.wait_for_url("**/report/check-answers/")
    assert_accessible(page, label="check answers")
    page.get_by_role("link", name=re.compile("^Change.*where it happened", re.I)).click()
    page.wait_for_url("**/report/where/?change=1")
    page.locator("button[value='continue']").click()
    page.wait_for_url("**/report/check-answers/")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url("**/report/confirmation/")
    assert_accessible(page, label="confirmation")
    reference = re.search(r"HC-[A-Z0-9]{4}-[A-Z0-9]{4}", page.inner_text(".govuk-panel")).group(0)
    report = Report.objects.get(reference=reference)
    assert report.reporter_role == "on_behalf"
    assert report.area.is_triage


def page_with_draft(live_server, new_page, answers, *, until=None, **options):
    """A browser holding a draft already answered up to `until` (walked with the test client,
    whose session cookie the browser then carries): the pages under test, not the whole
    journey again."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    walk(client, answers, until=until)
    page = new_page(**options)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_when_the_report_cannot_be_stored_grace_sees_what_she_typed_and_other_ways(
    live_server, new_page, assert_accessible, monkeypatch
):
    from hatecrime.reporting.actions import ReportNotStored
    from hatecrime.reporting.models import Report

    def database_refuses(**kwargs):
        raise ReportNotStored()

    # The live server runs in this process: its submit view now meets a failing database.
    monkeypatch.setattr("hatecrime.reporting.views.submit.do_submit_report", database_refuses)
    page = page_with_draft(live_server, new_page, GRACE)
    page.goto(live_server.url + "/report/check-answers/")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Send report").click()
    assert sent.value.status == 503
    assert page.title().startswith("Sorry, your report could not be sent")
    content = page.content()
    assert "followed me off the bus" in content
    assert "Grace Testperson" in content
    assert "call 999" in content and "Call 101" in content and "0800 555 111" in content
    assert_accessible(page, label="report not stored")
    assert Report.objects.count() == 0

    monkeypatch.undo()
    page.get_by_role("button", name=re.compile("Try again", re.I)).click()
    page.wait_for_url("**/report/confirmation/")
    assert Report.objects.count() == 1


def test_grace_adds_a_photo_with_the_keyboard_only(
    live_server, new_page, assert_accessible, tmp_path
):
    from PIL import Image

    photo = tmp_path / "bus-stop.png"
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo)
    disguised = tmp_path / "not-a-photo.png"
    disguised.write_text("<html><script>alert(1)</script></html>")

    page = page_with_draft(live_server, new_page, GRACE, until="evidence", viewport=PHONE)
    # Listening from the start turns on Playwright's file chooser interception before any key
    # is pressed (turned on by the first listener, asynchronously: a race otherwise).
    page.on("filechooser", lambda chooser: None)
    page.goto(live_server.url + "/report/evidence/")
    assert_accessible(page, label="evidence, empty")

    def choose_and_upload(path):
        tab_to(page, "input[type='file']")
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        chooser.value.set_files(str(path))
        tab_to(page, "button[value='upload']")
        with page.expect_navigation():
            page.keyboard.press("Enter")

    choose_and_upload(disguised)
    assert page.title().startswith("Error:")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, label="evidence, refused file")

    choose_and_upload(photo)
    assert not page.title().startswith("Error:")
    assert page.locator(".govuk-summary-list__key", has_text="bus-stop.png").is_visible()
    assert_accessible(page, label="evidence, one photo added")
    tab_to(page, "button[value='continue']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/support/")

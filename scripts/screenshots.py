"""Screenshots for the README: the main public pages (phone-width and desktop) and, signed in
as demo staff on the demo data, the staff pages (desktop).

    .venv/bin/python scripts/screenshots.py            # both
    .venv/bin/python scripts/screenshots.py public     # or: staff

Starts the service in-process on a throw-away SQLite database (nothing of yours is touched),
walks a report through Debian's Chromium and writes docs/screenshots/*.png.
"""

import os
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "docs" / "screenshots"
sys.path[:0] = [str(PROJECT / "src"), str(PROJECT / "tests")]
os.environ["HATECRIME_VAR_DIR"] = tempfile.mkdtemp(prefix="hatecrime-screenshots-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402

settings.STATICFILES_DIRS = [PROJECT / "src" / "hatecrime" / "static"]

from browser.journey_data import GRACE, ORDER, step_path  # noqa: E402

PAGES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1024, "height": 768}}


def fill(page, answers):
    for name, value in answers.items():
        if name == "action":
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


def shoot(page, name, viewport):
    path = OUT / f"{name}-{viewport}.png"
    page.screenshot(
        path=str(path), full_page=viewport == "phone" and name != "check-answers", type="png"
    )
    print(f"{path.relative_to(PROJECT)}  {path.stat().st_size // 1024} KB")


STAFF = {"width": 1280, "height": 900}


def staff_shot(page, name, *, top=None, bottom=None):
    """The 1280x900 viewport, or the strip of the page from the top of one element (`top`, or
    the page's top) to the bottom of another (`bottom`, or 900 pixels down), so that what
    matters is in one picture."""
    path = OUT / f"{name}.png"
    if top is None and bottom is None:
        page.screenshot(path=str(path), full_page=False, type="png")
    else:
        start = page.locator(top).first.bounding_box()["y"] - 20 if top else 0
        height = STAFF["height"]
        if bottom:
            end = page.locator(bottom).first.bounding_box()
            height = end["y"] + end["height"] + 20 - start
        clip = {"x": 0, "y": start, "width": STAFF["width"], "height": height}
        page.screenshot(path=str(path), full_page=True, clip=clip, type="png")
    print(f"{path.relative_to(PROJECT)}  {path.stat().st_size // 1024} KB")


def sign_in(browser, base, username):
    """The password, then the code the demo account's authenticator app shows (ADR 0501)."""
    from hatecrime.accounts.models import User
    from hatecrime.core.demo import DEMO_PASSWORD
    from personas import current_code

    page = browser.new_page(viewport=STAFF)
    page.goto(base + "/staff/sign-in/")
    page.locator("[name='username']").fill(username)
    page.locator("[name='password']").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/verify/**")
    page.get_by_label("Code").fill(current_code(User.objects.get(username=username)))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    return page


def showcase_case() -> str:
    """An officer.hackney case with safe-contact preferences and running clocks."""
    from hatecrime.cases.models import Case

    cases = Case.objects.filter(
        area__slug="hackney",
        assigned_officer__username="officer.hackney",
        status="in_progress",
        report__submitted_at__isnull=False,
        clocks__stopped_at__isnull=True,
    ).order_by("-opened_at")
    return cases.filter(decisions__victim_told_at__isnull=True).first() or cases.first()


def staff_pages(browser, base) -> None:
    page = sign_in(browser, base, "officer.hackney")
    page.goto(base + "/staff/cases/")
    staff_shot(page, "staff-queue")
    page.goto(base + f"/staff/cases/{showcase_case().reference}/")
    staff_shot(page, "staff-case", bottom="#clocks")
    page.close()
    page = sign_in(browser, base, "supervisor.hackney")
    page.goto(base + "/staff/cases/board/")
    staff_shot(page, "staff-board", bottom="h2:has-text('Referrals') >> xpath=preceding::*[1]")
    page.close()
    page = sign_in(browser, base, "analyst")
    page.goto(base + "/staff/monitoring/")
    staff_shot(page, "monitoring-dashboard", top="h2:has-text('Trend')")
    page.goto(base + "/api/v1/docs")
    page.wait_for_load_state("networkidle")
    staff_shot(page, "api-docs")
    page.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    which = sys.argv[1:] or ["public", "staff"]
    call_command("migrate", verbosity=0)
    if "staff" in which:
        call_command("demo", verbosity=0)
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    base = f"http://127.0.0.1:{server.port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        if "staff" in which:
            staff_pages(browser, base)
        for viewport, size in PAGES.items() if "public" in which else ():
            page = browser.new_page(viewport=size)
            page.goto(base + "/")
            shoot(page, "start", viewport)
            page.goto(base + "/report/who/")
            fill(page, {"reporter_role": "on_behalf"})
            shoot(page, "question", viewport)
            page.get_by_role("button", name="Continue").click()
            page.wait_for_selector(".govuk-error-summary")
            shoot(page, "error", viewport)
            for slug in [slug for slug in ORDER if slug in GRACE]:
                page.goto(base + step_path(slug))
                fill(page, GRACE[slug])
                page.locator("button[value='continue']").click()
                page.wait_for_load_state()
            page.goto(base + "/report/check-answers/")
            shoot(page, "check-answers", viewport)
            page.get_by_role("button", name="Send report").click()
            page.wait_for_url("**/report/confirmation/")
            shoot(page, "confirmation", viewport)
            page.goto(base + "/track/")
            shoot(page, "track", viewport)
            page.close()
        browser.close()
    server.terminate()


if __name__ == "__main__":
    main()

"""Screenshots of the main public pages for the README, phone-width and desktop.

    .venv/bin/python scripts/screenshots.py

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


def main() -> None:
    from playwright.sync_api import sync_playwright

    call_command("migrate", verbosity=0)
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
        for viewport, size in PAGES.items():
            page = browser.new_page(viewport=size)
            page.goto(base + "/")
            shoot(page, "start", viewport)
            page.goto(base + "/report/who/")
            fill(page, {"reporter_role": "on_behalf"})
            shoot(page, "question", viewport)
            page.get_by_role("button", name="Continue").click()
            page.wait_for_selector(".govuk-error-summary")
            shoot(page, "error", viewport)
            for slug in ORDER:
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

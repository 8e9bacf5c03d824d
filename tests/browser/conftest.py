"""Playwright in Debian's Chromium against pytest-django's live server.

Fixtures for every browser test: `chromium` (one browser per session), `new_page(...)` (a page
whose requests to any host but the live server are aborted and recorded: the test fails if a
page tried one), `assert_accessible(page)` (axe-core, WCAG 2.x A and AA, failing on serious or
critical violations); `sign_in(page, base_url, username)` for a persona (tests/personas.py).
Never `playwright install`: the browser is /usr/bin/chromium.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from personas import PASSWORD, app_device, current_code

PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE_SOURCE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in the test's thread; Django would otherwise refuse
# database access from it. The ORM is only used by the test itself, never concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _areas(request):
    """A transactional test empties every table afterwards, data migrations' rows too: put the
    areas and the community taxonomy back for each browser test that uses the database."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    boroughs = importlib.import_module("hatecrime.core.migrations.0002_london_boroughs")
    boroughs.load_areas(apps, None)
    importlib.import_module("hatecrime.core.migrations.0009_forces_and_area_maps").london_force(
        apps, None
    )
    taxonomy = importlib.import_module("hatecrime.core.migrations.0007_community_taxonomy")
    taxonomy.load(apps, None)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        # Fail, never skip: a browser suite that silently skips would pretend to pass.
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ThirdPartyRequests(list):
    def check(self) -> None:
        assert not self, f"the page tried to reach other hosts: {sorted(set(self))}"


@pytest.fixture
def new_page(chromium):
    """new_page(viewport=PHONE, **context_options) -> a Playwright page, closed afterwards."""
    contexts = []
    attempts = ThirdPartyRequests()

    def make(viewport=DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, **options)
        contexts.append(context)

        def guard(route):
            host = urlsplit(route.request.url).hostname or ""
            # The browser's own pages (its PDF viewer) never leave the machine.
            local = ("data:", "about:", "chrome-extension://", "chrome://")
            if route.request.url.startswith(local) or host in LOCAL_HOSTS:
                route.continue_()
            else:
                attempts.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()
    attempts.check()


def _format_violations(violations) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})\n    on: {'; '.join(targets)}"
        )
    return "\n".join(lines)


def _without_govuk_reveal_expanded(violation):
    """GOV.UK Frontend puts aria-expanded on a radio or checkbox that reveals a conditional
    question; axe reports it as not allowed on that role. It is the Design System's own,
    researched pattern, so only that exact finding is set aside: anything else still fails."""
    if violation["id"] != "aria-allowed-attr":
        return violation
    nodes = [
        node
        for node in violation["nodes"]
        if not (
            re.search(r'class="govuk-(radios|checkboxes)__input"', node["html"])
            and "aria-expanded" in node.get("failureSummary", "")
            and node["failureSummary"].count("aria-") == 1
        )
    ]
    return {**violation, "nodes": nodes}


@pytest.fixture
def assert_accessible():
    source = AXE_SOURCE.read_text(encoding="utf-8")

    def check(page, *, label: str = "") -> None:
        # page.evaluate runs outside the page's Content Security Policy, which (rightly)
        # refuses injected script tags; nothing is added to the page itself.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(source)
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        serious = [
            v
            for v in map(_without_govuk_reveal_expanded, result["violations"])
            if v["impact"] in ("serious", "critical") and v["nodes"]
        ]
        where = label or page.url
        assert not serious, f"axe found serious problems on {where}:\n" + _format_violations(
            serious
        )

    return check


def sign_in(page, base_url: str, username: str) -> None:
    """Sign a persona in (tests/personas.py) through the staff sign-in pages: the password,
    then the code their authenticator app shows, typed into the second-factor page."""
    from hatecrime.accounts.models import User

    user = User.objects.get(username=username)
    app_device(user)
    page.goto(f"{base_url}/staff/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/verify/**")
    page.get_by_label("Code").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def tab_to(page, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _press in range(limit):
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with the Tab key")

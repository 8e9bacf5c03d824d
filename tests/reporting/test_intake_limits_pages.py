"""The public pages' limits per address (docs/adr/0550) and the proof-of-work and hidden field
on "send report" (docs/adr/0551): a flood is stopped with a page that keeps what was typed and
gives the other ways to report; another address is not affected; a person without JavaScript
can still send."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from browser.journey_data import GRACE, walk
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.models import IntakeCounter, Report
from hatecrime.reporting.proof_of_work import solve
from personas import StaffClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:05 +0000", tick=False)


def solution_from(page: str) -> str:
    found = re.search(
        r'<script id="proof-of-work-challenge" type="application/json">(.*?)</script>', page
    )
    assert found, "the check answers page carries a challenge"
    return solve(json.loads(found.group(1)))


def send(client, *, solved: bool = True, **extra):
    fields = {}
    if solved:
        fields["proof_of_work"] = solution_from(
            client.get("/report/check-answers/").content.decode()
        )
    return client.post("/report/submit/", {**fields, **extra})


def test_the_send_button_carries_a_challenge_a_hidden_field_and_a_polite_status(client):
    walk(client, GRACE)
    page = client.get("/report/check-answers/").content.decode()
    assert solution_from(page)
    assert re.search(r'aria-hidden="true">\s*<label for="website">', page)
    assert re.search(r'name="website" value="" tabindex="-1" autocomplete="off"', page)
    assert 'role="status"' in page and "data-waiting-message=" in page
    assert '<script type="module" src="/static/hatecrime/proof_of_work.mjs">' in page
    assert "http" not in re.sub(r'href="http[^"]*"', "", page.split("<body")[0])


def test_a_report_with_a_solved_challenge_counts_once(client, settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 2
    for _ in range(2):
        walk(client, GRACE)
        assert send(client)["Location"] == "/report/confirmation/"
    assert Report.objects.count() == 2


def test_without_javascript_a_report_is_still_sent_but_counts_heavier(client, settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 6
    settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT = 5
    walk(client, GRACE)
    assert send(client, solved=False)["Location"] == "/report/confirmation/"
    walk(client, GRACE)
    response = send(client, solved=False)
    assert response.status_code == 429
    assert Report.objects.count() == 1
    walk(client, GRACE)  # with the script, the same person still gets through
    assert send(client)["Location"] == "/report/confirmation/"


def test_a_flood_from_one_address_gets_a_page_that_keeps_the_report(client, settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 1
    walk(client, GRACE)
    send(client)
    walk(client, GRACE)
    response = send(client)
    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == str(55 * 60)
    assert "could not be sent" in page and "try again in 55 minutes" in page.lower()
    assert "followed me off the bus" in page  # what they told us, still here
    for other_way in ("999", "101", "Crimestoppers", "True Vision", "Stop Hate UK"):
        assert other_way in page
    assert 'href="/report/check-answers/"' in page
    assert Report.objects.count() == 1
    assert Draft.objects.count() == 1
    assert client.get("/report/check-answers/").status_code == 200  # the draft is still theirs


def test_another_address_is_not_affected(client, settings):
    settings.HATECRIME_INTAKE_REPORTS_PER_HOUR = 1
    walk(client, GRACE)
    send(client)
    walk(client, GRACE)
    assert send(client).status_code == 429
    neighbour = StaffClient(REMOTE_ADDR="203.0.113.9")
    walk(neighbour, GRACE)
    assert send(neighbour)["Location"] == "/report/confirmation/"


def test_no_address_is_stored(client):
    walk(client, GRACE)
    send(client)
    keys = list(IntakeCounter.objects.values_list("key", flat=True))
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_a_reused_solution_counts_as_none(client, settings):
    settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT = 5
    walk(client, GRACE)
    solution = solution_from(client.get("/report/check-answers/").content.decode())
    client.post("/report/submit/", {"proof_of_work": solution})
    walk(client, GRACE)
    assert client.post("/report/submit/", {"proof_of_work": solution}).status_code == 302
    [counter] = IntakeCounter.objects.filter(key__startswith="reports:")
    assert counter.count == 1 + 5


def test_a_filled_hidden_field_sends_nothing_and_keeps_the_report(client):
    walk(client, GRACE)
    response = send(client, website="https://spam.example")
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert Report.objects.count() == 0
    assert Draft.objects.count() == 1


def test_draft_saves_past_the_limit_keep_what_was_typed(client, settings):
    settings.HATECRIME_INTAKE_DRAFT_SAVES_PER_HOUR = 1
    assert client.post("/report/who/", GRACE["who"]).status_code == 302
    response = client.post("/report/anonymous/", GRACE["anonymous"])
    page = response.content.decode()
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "There is a problem" in page and "Too much has been sent" in page
    assert re.search(r'value="no"\s+checked', page)  # what they chose is still selected
    assert "True Vision" in page and "999" in page
    assert "anonymous" not in Draft.objects.get().completed_steps


def test_evidence_past_the_limit_is_not_checked_or_kept(client, settings):
    walk(client, GRACE, until="evidence")
    settings.HATECRIME_INTAKE_EVIDENCE_PER_HOUR = 1
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    files = [
        SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
        for name in ("one.png", "two.png")
    ]
    response = client.post("/report/evidence/", {"action": "upload", "upload": files})
    assert response.status_code == 429
    assert "Too much has been sent" in response.content.decode()
    assert not Draft.objects.get().evidence.exists()

"""The language a report was made in, and the interpreter asked for, reach staff: the queue, the
case page (which marks what may need translating and shows it exactly as written, in its own
direction) and the staff API. Staff pages stay in English."""

import copy
import re

import pytest
from rest_framework.test import APIClient

from browser.journey_data import GRACE, walk
from hatecrime.cases.models import Case
from personas import api_token

pytestmark = pytest.mark.django_db

VIETNAMESE = "Một người đàn ông theo tôi xuống xe buýt ở phố Mare và la hét lăng mạ."
ARABIC = "رجل تبعني من الحافلة وهو يصرخ بإهانات عنصرية."


@pytest.fixture(autouse=True)
def _today(time_machine, settings):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    settings.HATECRIME_PREVIEW_LANGUAGES = ["vi", "ar"]


def report_in(client, prefix: str, what_happened: str, interpreter: str = "") -> Case:
    answers = copy.deepcopy(GRACE)
    answers["what-happened"] = {"what_happened": what_happened}
    answers["support"] = {**answers["support"], "interpreter_language": interpreter}
    walk(client, answers, prefix=prefix)
    assert client.post(f"{prefix}/report/submit/").status_code == 302
    client.get(f"{prefix}/report/confirmation/")
    return Case.objects.select_related("report").latest("opened_at")


def test_a_vietnamese_report_reaches_the_queue_and_case_page_with_its_language(client, alice):
    case = report_in(client, "/vi", VIETNAMESE, interpreter="Vietnamese")
    assert case.report.language == "vi"
    assert case.interpreter_language == "Vietnamese"

    client.force_login(alice)
    queue = client.get("/staff/cases/").content.decode()
    assert '<html lang="en-GB" dir="ltr"' in queue
    row = re.search(r'data-language="vi">(.*?)</td>', queue, re.S).group(1)
    assert "Vietnamese (Tiếng Việt)" in row and "Interpreter: Vietnamese" in row

    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "Vietnamese (Tiếng Việt)" in page
    assert "This report was made in Vietnamese (Tiếng Việt)" in page
    # The person's words, exactly as written, marked, in their language.
    assert re.search(
        r'<dd class="govuk-summary-list__value" dir="auto" lang="vi">'
        r"<strong[^>]*>May need translating</strong> " + re.escape(VIETNAMESE),
        page,
    )
    # Codes and dates are not marked.
    assert '<dd class="govuk-summary-list__value">2026-11-14</dd>' in page


def test_arabic_text_keeps_its_script_and_direction_on_the_case_page(client, alice):
    case = report_in(client, "/ar", ARABIC)
    assert case.report.answers["what_happened"] == ARABIC
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert 'dir="auto" lang="ar"><strong' in page and ARABIC in page


def test_an_english_report_is_not_marked(client, alice):
    case = report_in(client, "", GRACE["what-happened"]["what_happened"])
    client.force_login(alice)
    page = client.get(f"/staff/cases/{case.report.reference}/").content.decode()
    assert "English" in page
    assert "May need translating" not in page and 'id="report-language"' not in page
    assert client.get("/staff/cases/").content.decode().count('data-language="en-gb"') == 1


def test_the_staff_api_gives_the_language_and_interpreter(client, alice):
    case = report_in(client, "/vi", VIETNAMESE, interpreter="Vietnamese")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token(alice)}")
    summary = api.get(f"/api/v1/cases/{case.report.reference}").json()["case"]
    assert summary["language"] == "vi"
    assert summary["language_name"] == "Vietnamese (Tiếng Việt)"
    assert summary["may_need_translating"] is True
    assert summary["interpreter_language"] == "Vietnamese"
    listed = api.get("/api/v1/cases").json()
    items = listed["results"] if isinstance(listed, dict) else listed
    assert items[0]["language"] == "vi"

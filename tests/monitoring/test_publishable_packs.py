"""Packs fit to publish: the PDF (WeasyPrint, tagged for screen readers, any script), the HTML
pack on a phone and on paper, empty series left out, and who may have them."""

import datetime as dt
import io
import re
from pathlib import Path

import pikepdf
import pytest
from django.contrib.staticfiles import finders

from hatecrime.monitoring.actions import do_refresh_live_rollups
from pdf_text import pdf_text
from personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(new_report, time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    for month in range(1, 11):
        for _ in range(month % 4 + 5):
            new_report(area="hackney", occurred_on=dt.date(2026, month, 3), communities=["arab"])
    for _ in range(5):
        new_report(area="hackney", occurred_on=dt.date(2026, 11, 2))
    new_report(area="hackney", occurred_on=dt.date(2026, 11, 3), motivations=("religion",))
    do_refresh_live_rollups()


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_pdf_is_tagged_and_prints_the_community_in_its_own_script(client, ann, reports):
    response = signed_in(client, ann).get(
        "/staff/monitoring/packs/community/arab.pdf", {"language": "ar"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "en-GB"
    assert "Hate crime community pack" in str(pdf.open_metadata().get("dc:title", ""))
    text = pdf_text(response.content)
    assert set("عربي") <= set(text), "the Arabic name is printed as Arabic text"
    assert "Hate crime community pack" in text.replace(" ", " ")


def test_the_pdf_has_the_chart_a_sentence_per_series_and_the_disclosure_notes(client, ann, reports):
    response = signed_in(client, ann).get("/staff/monitoring/packs/area/hackney.pdf")
    pdf = pikepdf.open(io.BytesIO(response.content))
    images = [
        obj
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
    ]
    assert images and all("/Alt" in figure for figure in images), "the chart has alt text"
    text = " ".join(pdf_text(response.content).split())
    assert "fewer than 5" in text and "[x] hides a figure" in text
    assert "Race: 70 in these 12 months, against 0 in the 12 months before." in text
    # Religion has one report: its series is printed, protected; disability has none: left out.
    assert "Religion" in text and "Disability" not in text and "Sexual orientation" not in text


def test_the_html_pack_fits_a_phone_and_prints_on_a4(client, ann, reports):
    html = signed_in(client, ann).get("/staff/monitoring/packs/area/hackney.html").content.decode()
    assert "/static/hatecrime/monitoring.css" in html and 'class="monitoring-pack"' in html
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert tables and all(len(re.findall(r"<th[ >]", t.split("</tr>")[0])) == 4 for t in tables)
    assert "Disability" not in html
    css = Path(finders.find("hatecrime/monitoring.css")).read_text()
    assert "size: A4" in css and "@media print" in css and "break-inside: avoid" in css


def test_files_to_share_are_monthly(client, ann, reports):
    signed_in(client, ann)
    assert client.get("/staff/monitoring/packs/area/hackney.pdf?period=week").status_code == 404
    assert client.get("/staff/monitoring/packs/area/hackney.html?period=week").status_code == 200


@pytest.mark.parametrize("persona", ["alice", "pat", "carl"])
def test_people_without_aggregate_access_get_404(client, persona, request, reports):
    signed_in(client, request.getfixturevalue(persona))
    assert client.get("/staff/monitoring/packs/area/hackney.pdf").status_code == 404


def test_the_packs_page_offers_the_community_pdf_in_a_chosen_language(client, ann, reports):
    page = signed_in(client, ann).get("/staff/monitoring/packs/", {"language": "ar"})
    html = page.content.decode()
    assert '<option value="ar" selected>' in html
    assert 'href="/staff/monitoring/packs/community/arab.pdf?language=ar"' in html

"""The community tension view: crimes and NCHIs per area and community over the last 4 and 13
weeks, with trigger events and alarms; one staff page and one protected PDF per group."""

import datetime as dt
import io

import pikepdf
import pytest
from django.utils import timezone

from hatecrime.cases.models import Case
from hatecrime.monitoring.actions import do_refresh_live_rollups
from hatecrime.monitoring.models import Alarm, Dataset, DetectionRun, JudgedPeriod, TriggerEvent
from pdf_text import pdf_text
from personas import PASSWORD

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)  # a Friday: the last complete week starts Monday 9 November
LAST_WEEK = dt.date(2026, 11, 9)


@pytest.fixture
def incidents(new_report, time_machine):
    """Rows the counts must match: (area, community, classification, day)."""
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)
    rows = [
        ("hackney", "chinese", "crime", LAST_WEEK),  # in 4 and 13 weeks
        ("hackney", "chinese", "crime", LAST_WEEK - dt.timedelta(weeks=3)),  # 4 and 13
        ("hackney", "chinese", "nchi", LAST_WEEK - dt.timedelta(weeks=4)),  # 13 only
        ("hackney", "chinese", "crime", LAST_WEEK - dt.timedelta(weeks=12)),  # 13 only
        ("hackney", "chinese", "crime", LAST_WEEK - dt.timedelta(weeks=13)),  # neither
        ("hackney", "chinese", "crime", dt.date(2026, 11, 17)),  # this week: not complete
        ("newham", "korean", "nchi", LAST_WEEK - dt.timedelta(weeks=1)),
        ("camden", "polish", "crime", LAST_WEEK),  # another group
    ] + [("newham", "vietnamese", "crime", LAST_WEEK - dt.timedelta(weeks=2))] * 6
    for area, community, classification, day in rows:
        report = new_report(area=area, occurred_on=day, communities=[community])
        Case.objects.create(
            report=report, area=report.area, opened_at=timezone.now(),
            classification=classification, targeted_communities=[community],
        )  # fmt: skip
    TriggerEvent.objects.create(date=LAST_WEEK - dt.timedelta(weeks=2), label="Rally in Newham")
    TriggerEvent.objects.create(date=dt.date(2026, 1, 5), label="Long ago")
    do_refresh_live_rollups()


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def table_rows(html: str, table_id: str) -> dict[str, list[str]]:
    import re

    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    rows = {}
    for row in table.split("<tbody")[1].split("<tr")[1:]:
        head = re.search(r"<th[^>]*>(.*?)</th>", row).group(1)
        rows[head] = re.findall(r"<td[^>]*>(.*?)</td>", row)
    return rows


def test_the_page_counts_crimes_and_nchis_per_area_and_community(client, ann, incidents):
    html = signed_in(client, ann).get("/staff/monitoring/tension/east_south_east_asian.html")
    assert html.status_code == 200
    page = html.content.decode()
    # crimes 4w, NCHIs 4w, crimes 13w, NCHIs 13w
    assert table_rows(page, "tension-chinese") == {
        "Hackney": ["2", "0", "3", "1"],
        "All areas": ["2", "0", "3", "1"],
    }
    assert table_rows(page, "tension-korean")["Newham"] == ["0", "1", "0", "1"]
    group = table_rows(page, "tension-east_south_east_asian")
    assert group["Newham"] == ["6", "1", "6", "1"] and group["All areas"] == ["8", "1", "9", "2"]
    assert "Rally in Newham" in page and "Long ago" not in page
    assert "tension-polish" not in page and page.count('id="tension-chinese"') == 1
    assert 'Japanese</h3>\n<p class="govuk-body">None in these weeks.</p>' in page


def test_the_pdf_for_the_group_is_protected_tagged_and_in_its_language(client, ann, incidents):
    response = signed_in(client, ann).get(
        "/staff/monitoring/tension/east_south_east_asian.pdf", {"language": "zh-hans"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
    text = " ".join(pdf_text(response.content).split())
    assert "华人" in text, "the community's name in the group's language"
    assert "fewer than 5" in text and "Rally in Newham" in text
    # Newham's six Vietnamese crimes are shown; Hackney's 2 and 3 Chinese crimes are not.
    assert "Hackney 2 " not in text and "Hackney 3 " not in text


def test_an_alarm_names_its_count_on_the_page_but_not_in_the_pdf_when_it_is_hidden(
    client, ann, incidents
):
    run = DetectionRun.objects.create(
        dataset=Dataset.objects.get(name="live"), period_kind="week", by="area,community",
        method="auto",
    )  # fmt: skip
    explained = "3 reports in the week of 26 October 2026 against almost none expected."
    Alarm.objects.create(
        run=run, area="hackney", community="chinese", period_start=dt.date(2026, 10, 26),
        observed=3, expected=0.1, upper=2, method="auto", explanation=explained,
    )  # fmt: skip
    JudgedPeriod.objects.create(
        run=run, area="hackney", community="chinese", period_start=dt.date(2026, 10, 26),
        observed=3, expected=0.1, upper=2, alarm=True, method="auto",
    )  # fmt: skip
    signed_in(client, ann)
    page = client.get("/staff/monitoring/tension/east_south_east_asian.html").content.decode()
    assert "Hackney, the week of 26 October 2026: 3 reports" in page
    pdf = client.get("/staff/monitoring/tension/east_south_east_asian.pdf").content
    text = " ".join(pdf_text(pdf).split())
    assert "3 reports in the week" not in text and "hidden to protect small numbers" in text


@pytest.mark.parametrize(
    "persona, status", [("ann", 200), ("cora", 200), ("hannah", 200), ("alice", 404),
                        ("pat", 404), ("carl", 404)]
)  # fmt: skip
def test_analysts_command_and_supervisors_may_use_it_and_no_one_else(
    client, persona, status, request, incidents
):
    signed_in(client, request.getfixturevalue(persona))
    assert client.get("/staff/monitoring/tension/").status_code == status
    assert client.get("/staff/monitoring/tension/east_south_east_asian.html").status_code == status


def test_a_community_that_is_not_a_group_is_not_found(client, ann, incidents):
    signed_in(client, ann)
    assert client.get("/staff/monitoring/tension/chinese.html").status_code == 404
    assert client.get("/staff/monitoring/tension/nothing.pdf").status_code == 404

"""The supervisor's board shows how long each partner took to answer a referral (issue 8 item 11):
the real time from sending to the answer, never "0 minutes"."""

import datetime as dt

import pytest
import time_machine

from accounts.staff_cases import make_case
from support.partners import refer_through_pages

pytestmark = pytest.mark.django_db

SENT = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _referral_row(page: str, reference: str) -> str:
    table = page[page.index('id="referrals"') :].split("</table>")[0]
    return next(row for row in table.split("</tr>") if reference in row)


def test_the_board_shows_the_real_time_to_answer(client, alice, hannah, pat, victim_support):
    with time_machine.travel(SENT, tick=False) as traveller:
        reference = refer_through_pages(
            client, alice, make_case(), victim_support, ["name"]
        ).case.report.reference
        traveller.shift(dt.timedelta(hours=3, minutes=20))
        client.force_login(pat)
        referral_id = victim_support.referrals.get().pk
        client.post(f"/staff/support/referrals/{referral_id}/", {"decision": "accept"})
        client.force_login(hannah)
        row = _referral_row(client.get("/staff/cases/board/").content.decode(), reference)
    assert "(after 3\xa0hours, 20\xa0minutes)" in row


def test_an_unanswered_referral_shows_no_answer_time(client, alice, hannah, victim_support):
    with time_machine.travel(SENT, tick=False) as traveller:
        reference = refer_through_pages(
            client, alice, make_case(), victim_support, ["name"]
        ).case.report.reference
        traveller.shift(dt.timedelta(days=2))
        client.force_login(hannah)
        row = _referral_row(client.get("/staff/cases/board/").content.decode(), reference)
    assert "minutes" not in row and "hours" not in row

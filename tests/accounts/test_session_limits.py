from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_it_signs_out_after_thirty_minutes_idle(client, alice, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(alice)
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "without activity" in page


def test_activity_keeps_the_session_alive(client, alice, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(alice)
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/staff/")["Location"] == "/staff/cases/"


def test_it_signs_out_after_twelve_hours_however_active(client, alice, sign_in):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(alice)
    for minutes in range(25, 12 * 60, 25):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            client.get("/staff/")
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        response = client.get("/staff/")
    assert response["Location"].startswith("/staff/sign-in/")


def test_a_deactivated_user_is_signed_out_at_once(client, alice, sign_in):
    sign_in(alice)
    alice.is_active = False
    alice.save()
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")

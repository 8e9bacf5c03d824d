"""Tracking cannot be used to lock a victim out: wrong codes are limited per address and only
slow down (never refuse) a reference, so the right code from another address still works."""

import json

import pytest

from api.test_track_api import PAYLOAD
from hatecrime.reporting import tracking
from hatecrime.reporting.actions import do_submit_report

pytestmark = pytest.mark.django_db

VICTIM_IP = "192.0.2.1"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00 +0000", tick=False)


@pytest.fixture
def submitted(db):
    return do_submit_report(payload=PAYLOAD, channel="online", actor=None)


@pytest.fixture
def pauses(monkeypatch):
    waited: list[float] = []
    monkeypatch.setattr(tracking, "pause", waited.append)
    return waited


def on_page(client, reference, code, ip):
    return client.post("/track/", {"reference": reference, "tracking_code": code}, REMOTE_ADDR=ip)


def on_api(client, reference, code, ip):
    body = json.dumps({"reference": reference, "tracking_code": code})
    return client.post("/api/v1/track", data=body, content_type="application/json", REMOTE_ADDR=ip)


@pytest.mark.parametrize("track", [on_page, on_api])
def test_ten_wrong_codes_from_one_address_do_not_lock_the_victim_out(
    client, submitted, pauses, track
):
    for _attempt in range(10):
        assert track(client, submitted.reference, "WRONG", "198.51.100.9").status_code == 404
    assert track(client, submitted.reference, "WRONG", "198.51.100.9").status_code == 429
    response = track(client, submitted.reference, submitted.tracking_code, VICTIM_IP)
    assert response.status_code == 200


@pytest.mark.parametrize("track", [on_page, on_api])
def test_wrong_codes_from_many_addresses_do_not_lock_the_victim_out(
    client, submitted, pauses, track
):
    for number in range(30):
        track(client, submitted.reference, "WRONG", f"198.51.100.{number}")
    response = track(client, submitted.reference, submitted.tracking_code, VICTIM_IP)
    assert response.status_code == 200
    assert submitted.reference in response.content.decode()


@pytest.mark.parametrize("track", [on_page, on_api])
def test_wrong_codes_against_a_reference_slow_down_its_answers(
    client, submitted, pauses, track, settings
):
    settings.HATECRIME_TRACK_SLOWDOWN_MAX_SECONDS = 2
    for number in range(10):
        track(client, submitted.reference, "WRONG", f"198.51.100.{number}")
    assert pauses == []  # up to the limit, nobody waits
    for number in range(10, 16):
        track(client, submitted.reference, "WRONG", f"198.51.100.{number}")
    assert pauses == [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]  # doubling, then capped
    track(client, submitted.reference, submitted.tracking_code, VICTIM_IP)
    assert pauses[-1] == 2.0  # the right code waits too: the wait says nothing about the code


def test_other_references_are_not_slowed(client, submitted, pauses):
    for number in range(12):
        on_page(client, "HC-2222-3333", "WRONG", f"198.51.100.{number}")
    pauses.clear()
    on_page(client, submitted.reference, submitted.tracking_code, VICTIM_IP)
    assert pauses == []


def test_an_address_past_the_limit_is_refused_even_with_the_right_code(client, submitted, pauses):
    for number in range(10):
        on_page(client, f"HC-2222-33{number}4", "WRONG", "198.51.100.9")
    response = on_page(client, submitted.reference, submitted.tracking_code, "198.51.100.9")
    assert response.status_code == 429


def test_the_slowdown_and_the_limit_end_after_an_hour(client, submitted, pauses, time_machine):
    for _number in range(12):
        on_page(client, submitted.reference, "WRONG", "198.51.100.9")
    time_machine.shift(3601)
    pauses.clear()
    response = on_page(client, submitted.reference, submitted.tracking_code, "198.51.100.9")
    assert response.status_code == 200
    assert pauses == []

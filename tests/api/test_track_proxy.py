"""Rate limiting of tracking behind reverse proxies (HATECRIME_TRUSTED_PROXY_COUNT)."""

import json

import pytest

from hatecrime.core.network import client_address

URL = "/api/v1/track"


def wrong_guess(client, reference, **meta):
    body = json.dumps({"reference": reference, "tracking_code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    return client.post(URL, data=body, content_type="application/json", **meta)


def test_without_trusted_proxies_the_socket_address_counts_and_the_header_is_ignored(settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 0
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client_address(meta) == "10.0.0.5"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9"}
    assert client_address(meta) == "198.51.100.9"


def test_behind_two_proxies_the_second_address_from_the_right_counts(settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 2
    meta = {
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_X_FORWARDED_FOR": "made-up, 198.51.100.9 , 203.0.113.50",
    }
    assert client_address(meta) == "198.51.100.9"


@pytest.mark.parametrize("header", ["", "198.51.100.9", "not-an-address, 203.0.113.50"])
def test_a_short_or_bad_header_falls_back_to_the_socket_address(settings, header):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 2
    assert client_address({"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": header}) == (
        "10.0.0.5"
    )


@pytest.mark.django_db
def test_clients_behind_the_same_proxy_are_limited_separately(client, settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 2
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for reference in ("HC-2222-2222", "HC-3333-3333"):
        assert (
            wrong_guess(client, reference, HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy)
        ).status_code == 404
    blocked = wrong_guess(client, "HC-4444-4444", HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy)
    assert blocked.status_code == 429
    other = wrong_guess(client, "HC-5555-5555", HTTP_X_FORWARDED_FOR="198.51.100.10", **proxy)
    assert other.status_code == 404


@pytest.mark.django_db
def test_a_client_cannot_escape_the_limit_by_making_up_addresses(client, settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 2
    for number, reference in enumerate(("HC-2222-2222", "HC-3333-3333", "HC-4444-4444")):
        response = wrong_guess(
            client,
            reference,
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.9",
        )
    assert response.status_code == 429

"""The /track/ page rate-limits the client behind the proxy, as the API does."""

import pytest


def wrong_guess(client, reference, forwarded_for):
    return client.post(
        "/track/",
        {"reference": reference, "tracking_code": "AAAA-BBBB-CCCC-DDDD-EEEE"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_people_behind_the_same_proxy_are_limited_separately_on_the_page(client, settings):
    settings.HATECRIME_TRUSTED_PROXY_COUNT = 1
    settings.HATECRIME_TRACK_ATTEMPTS_PER_HOUR = 2
    for reference in ("HC-2222-2222", "HC-3333-3333"):
        assert wrong_guess(client, reference, "198.51.100.9").status_code == 404
    assert wrong_guess(client, "HC-4444-4444", "198.51.100.9").status_code == 429
    assert wrong_guess(client, "HC-5555-5555", "198.51.100.10").status_code == 404

"""The track link of an intake answer is remembered, but never across what it depends on."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from hatecrime.api.v1.reports import track_link


def test_the_track_link_is_what_reverse_gives():
    assert track_link() == reverse("api-v1:track")
    assert track_link() == reverse("api-v1:track")  # remembered: the same answer


def test_the_track_link_follows_the_script_prefix():
    try:
        set_script_prefix("/hate-crime/")
        assert track_link() == reverse("api-v1:track")
        assert track_link().startswith("/hate-crime/")
    finally:
        clear_script_prefix()
    assert not track_link().startswith("/hate-crime/")

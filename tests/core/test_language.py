import pytest


@pytest.mark.django_db
def test_html_lang_and_dir_follow_the_active_language(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ar")
    assert b'<html lang="ar" dir="rtl"' in response.content


@pytest.mark.django_db
def test_english_is_left_to_right(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert b'<html lang="en-gb" dir="ltr"' in response.content


@pytest.mark.django_db
def test_every_page_tells_people_to_call_999_in_danger(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"If you are in immediate danger, call 999." in response.content

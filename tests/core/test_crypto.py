import base64

import pytest
from django.db import connection

from hatecrime.core.crypto import (
    DecryptionFailed,
    blind_index,
    decrypt_text,
    encrypt_text,
    is_current,
)

OTHER_KEY = "k2:" + base64.urlsafe_b64encode(b"x" * 32).decode()


def test_it_round_trips_text():
    assert decrypt_text(encrypt_text("Shouted at on Mare Street")) == "Shouted at on Mare Street"


def test_it_does_not_store_the_plaintext():
    token = encrypt_text("Shouted at on Mare Street")
    assert "Mare" not in token
    assert b"Mare" not in base64.urlsafe_b64decode(token[4:])


def test_it_uses_a_fresh_nonce_each_time():
    assert encrypt_text("same") != encrypt_text("same")


def test_it_fails_closed_on_a_wrong_key(settings):
    token = encrypt_text("secret")
    settings.HATECRIME_ENCRYPTION_KEYS = "test1:" + base64.urlsafe_b64encode(b"y" * 32).decode()
    with pytest.raises(DecryptionFailed):
        decrypt_text(token)


def test_it_fails_closed_on_an_unknown_key_id(settings):
    token = encrypt_text("secret")
    settings.HATECRIME_ENCRYPTION_KEYS = OTHER_KEY
    with pytest.raises(DecryptionFailed):
        decrypt_text(token)


def test_it_reads_old_tokens_after_a_new_primary_key(settings):
    token = encrypt_text("secret")
    settings.HATECRIME_ENCRYPTION_KEYS = OTHER_KEY + "," + settings.HATECRIME_ENCRYPTION_KEYS
    assert decrypt_text(token) == "secret"
    assert not is_current(token)
    assert is_current(encrypt_text("secret"))


def test_it_rejects_a_tampered_token():
    token = encrypt_text("secret")
    raw = bytearray(base64.urlsafe_b64decode(token[4:]))
    raw[-1] ^= 1
    with pytest.raises(DecryptionFailed):
        decrypt_text("hc1:" + base64.urlsafe_b64encode(bytes(raw)).decode())


def test_blind_index_ignores_case_and_spacing():
    a = blind_index("  Jane   DOE ", purpose="name")
    assert a == blind_index("jane doe", purpose="name")
    assert a != blind_index("jane doe", purpose="email")


@pytest.mark.django_db
def test_encrypted_fields_store_ciphertext_in_the_database():
    from hatecrime.core.models import Area
    from hatecrime.reporting.models import Report

    report = Report.objects.create(
        reference="HCTEST01",
        tracking_code_hash="x",
        submitted_at="2026-11-20T10:00:00Z",
        reporter_role="victim",
        area=Area.objects.get(slug="hackney"),
        occurred_on="2026-11-19",
        submitted={"what_happened": "A man shouted abuse at Zebedee Quartermaine"},
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT submitted FROM reporting_report WHERE id = %s", [report.pk])
        raw = cursor.fetchone()[0]
    assert "Quartermaine" not in raw
    assert Report.objects.get(pk=report.pk).submitted["what_happened"].endswith("Quartermaine")


@pytest.mark.django_db
def test_an_empty_text_is_stored_empty_and_read_back_empty():
    from hatecrime.cases.models import Case
    from hatecrime.reporting.models import Report

    field = next(f for f in Case._meta.get_fields() if f.name == "triage_notes")
    assert field.get_prep_value("") == ""
    assert field.get_prep_value("Spoke to the victim").startswith("hc1:")
    assert field.from_db_value("", None, None) == ""
    # A JSON document is never empty text: an empty one is still encrypted.
    submitted = Report._meta.get_field("submitted")
    assert submitted.get_prep_value({}).startswith("hc1:")

"""Where security keys may be used (ADR 0502): the relying party and origins come from the
site's address, or from HATECRIME_WEBAUTHN_RP_ID / HATECRIME_WEBAUTHN_ORIGINS; a mismatch stops
start-up rather than every member's first key."""

from core.test_deployment import hatecrime_command, production_env
from hatecrime.settings.env import webauthn_relying_party

PRINT = (
    "from django.conf import settings as s; "
    "print(s.OTP_WEBAUTHN_RP_ID, *s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
)


def test_a_developers_loopback_address_becomes_localhost():
    assert webauthn_relying_party("http://127.0.0.1:8000", False, []) == (
        "localhost",
        ["http://localhost:8000"],
    )


def test_the_site_address_gives_the_relying_party_and_origin():
    assert webauthn_relying_party("https://csu.example.org", True, ["x"]) == (
        "csu.example.org",
        ["https://csu.example.org"],
    )


def test_production_without_a_site_address_uses_the_first_allowed_host(tmp_path):
    result = hatecrime_command(production_env(tmp_path), "shell", "-v", "0", "-c", PRINT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["hatecrime.example.org", "https://hatecrime.example.org"]


def test_production_refuses_an_origin_outside_the_relying_party(tmp_path):
    env = production_env(tmp_path, HATECRIME_WEBAUTHN_ORIGINS="https://elsewhere.example")
    result = hatecrime_command(env, "check")
    assert result.returncode != 0
    assert "https://elsewhere.example is not on HATECRIME_WEBAUTHN_RP_ID" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_an_origin_without_https(tmp_path):
    env = production_env(tmp_path, HATECRIME_WEBAUTHN_ORIGINS="http://hatecrime.example.org")
    result = hatecrime_command(env, "check")
    assert result.returncode != 0
    assert "must be https" in result.stderr

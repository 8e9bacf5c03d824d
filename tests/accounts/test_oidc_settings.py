"""Sign-in through the identity provider is configured from the environment, all or nothing
(ADR 0503): half a configuration stops the service starting, loudly."""

import subprocess
import sys
from pathlib import Path

import hatecrime

# The checkout under test, not whichever copy the interpreter would find by itself.
SOURCE = str(Path(hatecrime.__file__).resolve().parents[1])

COMPLETE = {
    "HATECRIME_OIDC_ISSUER": "https://login.force.example",
    "HATECRIME_OIDC_CLIENT_ID": "hatecrime-staff",
    "HATECRIME_OIDC_CLIENT_SECRET": "secret",
    "HATECRIME_OIDC_AUTHORIZATION_ENDPOINT": "https://login.force.example/authorize",
    "HATECRIME_OIDC_TOKEN_ENDPOINT": "https://login.force.example/token",
    "HATECRIME_OIDC_JWKS_ENDPOINT": "https://login.force.example/jwks",
}


def settings_with(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import hatecrime.settings.base as s; "
        "print(s.HATECRIME_OIDC_ENABLED, len(s.AUTHENTICATION_BACKENDS))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": SOURCE, "HATECRIME_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_is_off_without_any_of_it(tmp_path):
    result = settings_with(tmp_path)
    assert result.stdout.split() == ["False", "1"], result.stderr


def test_it_is_on_with_all_of_it(tmp_path):
    result = settings_with(tmp_path, **COMPLETE)
    assert result.stdout.split() == ["True", "2"], result.stderr


def test_half_a_configuration_fails_naming_what_is_missing(tmp_path):
    env = {**COMPLETE}
    del env["HATECRIME_OIDC_JWKS_ENDPOINT"]
    result = settings_with(tmp_path, **env)
    assert result.returncode != 0
    assert "OpenID Connect sign-in is half configured: set HATECRIME_OIDC_JWKS_ENDPOINT" in (
        result.stderr
    )


def test_passwords_for_administrators_only_need_the_provider(tmp_path):
    result = settings_with(tmp_path, HATECRIME_PASSWORD_SIGN_IN="administrators")
    assert result.returncode != 0
    assert "needs OpenID Connect sign-in configured" in result.stderr


def test_trusting_the_provider_s_multi_factor_needs_the_provider(tmp_path):
    result = settings_with(tmp_path, HATECRIME_OIDC_TRUST_MFA="true")
    assert result.returncode != 0
    assert "HATECRIME_OIDC_TRUST_MFA is set but OpenID Connect sign-in is off" in result.stderr


def test_production_needs_https_addresses(tmp_path):
    env = {
        **COMPLETE,
        "HATECRIME_OIDC_TOKEN_ENDPOINT": "http://login.force.example/token",
        "HATECRIME_ENV": "production",
    }
    result = settings_with(tmp_path, **env)
    assert result.returncode != 0
    assert "must use https:// in production" in result.stderr

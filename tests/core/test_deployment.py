"""Deployment hygiene (issue 11, item 9): `check --deploy` is clean with production settings,
data directories are named, outside the package and private, and the command line answers a
missing setting with one line."""

import base64
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

import hatecrime
from hatecrime.core.apps import make_private

PACKAGE_DIR = Path(hatecrime.__file__).parent


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    return {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "HATECRIME_ENV": "production",
        "SECRET_KEY": base64.urlsafe_b64encode(os.urandom(48)).decode(),
        "HATECRIME_ENCRYPTION_KEYS": f"k1:{key}",
        "HATECRIME_BLIND_INDEX_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "HATECRIME_AUDIT_KEY": "a1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "ALLOWED_HOSTS": "hatecrime.example.org",
        "HATECRIME_VAR_DIR": str(tmp_path / "var"),
        "HATECRIME_EVIDENCE_ROOT": str(tmp_path / "evidence"),
        "DJANGO_SETTINGS_MODULE": "hatecrime.settings.base",
        **extra,
    }


def hatecrime_command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hatecrime", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy_gives_no_warning_with_production_settings(tmp_path):
    result = hatecrime_command(
        production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_hsts_for_subdomains_when_the_force_asks_for_it_is_checked_again(tmp_path):
    env = production_env(tmp_path, HATECRIME_HSTS_SUBDOMAINS="true")
    result = hatecrime_command(env, "check", "--deploy", "--fail-level", "WARNING")
    # Asking for subdomains but not preload: W021 stays silenced, W005 is satisfied.
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "missing", ["HATECRIME_VAR_DIR", "HATECRIME_EVIDENCE_ROOT", "HATECRIME_AUDIT_KEY"]
)
def test_production_refuses_to_start_without_its_data_directories(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]
    result = hatecrime_command(env, "check")
    assert result.returncode != 0
    assert (
        result.stderr.strip() == f"hatecrime: {missing} must be set when HATECRIME_ENV=production"
    )


def test_production_refuses_data_inside_the_installed_package(tmp_path):
    inside = PACKAGE_DIR / "evidence-here"
    result = hatecrime_command(
        production_env(tmp_path, HATECRIME_EVIDENCE_ROOT=str(inside)), "check"
    )
    assert result.returncode != 0
    assert "HATECRIME_EVIDENCE_ROOT must be outside the installed package" in result.stderr
    assert "Traceback" not in result.stderr
    assert not inside.exists()


def test_files_the_command_line_makes_are_readable_by_the_service_user_only(tmp_path):
    env = production_env(tmp_path)
    result = hatecrime_command(env, "migrate", "--no-input", "-v", "0")
    assert result.returncode == 0, result.stderr
    for directory in (tmp_path / "var", tmp_path / "evidence"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    database = tmp_path / "var" / "hatecrime.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_data_directories_made_by_someone_else_are_closed_at_start_up(tmp_path):
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)
    make_private(loose, tmp_path / "new" / "evidence")
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new" / "evidence").stat().st_mode) == 0o700


def test_static_files_carry_the_same_security_headers_as_pages(db, settings):
    # WhiteNoise answers static files itself, without the views; a fresh client builds the
    # middleware with WhiteNoise serving the built assets as in production.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/build/app.css")
    assert response.status_code == 200
    page = Client().get("/healthz")
    for header in ("Content-Security-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"):
        assert response[header].split("'nonce-")[0] == page[header].split("'nonce-")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_licence_is_shipped_and_matches_the_package_metadata():
    root = PACKAGE_DIR.parent.parent
    licence = (root / "LICENSE").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in licence
    assert "Version 2, June 1991" in licence
    assert 'license = "GPL-2.0-only"' in (root / "pyproject.toml").read_text()

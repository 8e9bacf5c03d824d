"""Demo staff can sign in: a known authenticator secret, and `hatecrime totp` for the code."""

from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP

from hatecrime.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from hatecrime.core.demo.staff import create_staff, create_staff_second_factor
from personas import app_device

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_the_demo_officer_signs_in_with_the_code_hatecrime_totp_prints(client):
    create_staff()
    create_staff_second_factor()
    expected = TOTP(b32decode(DEMO_TOTP_SECRET)).token()
    code = _run("totp", "officer.hackney")
    assert code == f"{expected:06d}"
    client.post("/staff/sign-in/", {"username": "officer.hackney", "password": DEMO_PASSWORD})
    assert client.post("/staff/verify/", {"code": code})["Location"] == "/staff/"
    assert client.get("/staff/cases/").status_code == 200


def test_make_run_can_print_the_demo_secret():
    assert _run("demo", "--print-totp-secret") == DEMO_TOTP_SECRET


def test_hatecrime_totp_refuses_an_account_that_is_not_a_demo_one(alice):
    app_device(alice)
    with pytest.raises(CommandError, match="not a demo account"):
        _run("totp", "alice")

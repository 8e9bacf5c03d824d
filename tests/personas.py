"""Named people, one per role, used across the tests (as in healthchecks: alice, bob...).

- alice: CSU officer, Hackney          - bob: CSU officer, Camden
- hannah: CSU supervisor, Hackney      - carl: call handler
- ann: analyst                         - cora: command
- pat: partner caseworker              - adam: administrator
- centre: the reporting centre "Stop Hate UK" (an API token, no staff pages)
"""

import time

import pytest
from django.test import Client

PASSWORD = "correct-horse-battery-staple"
# Every persona's authenticator app holds this secret (hex, as django-otp stores it), so a test
# can compute the code a person would type: `current_code(user)`.
TOTP_KEY = "3132333435363738393031323334353637383930"


def app_device(user):
    """The persona's confirmed authenticator app (created with TOTP_KEY if they have none)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", key=TOTP_KEY, confirmed=True
    )


def current_code(user) -> str:
    """The code the persona's app shows now. The device forgets the last code it accepted, so
    one test can sign the same person in twice within 30 seconds."""
    from django_otp.oath import TOTP

    device = app_device(user)
    device.last_t = -1
    device.save(update_fields=["last_t"])
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class StaffClient(Client):
    """The test client. `force_login(user)` (and `login(username=..., password=...)`) sign a
    member of staff in as the sign-in pages would: password and second factor, given just now
    (so step-up pages open too). The one way tests sign staff in without going through the
    pages; tests of the second factor itself use `force_login_with_password_only`."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        self._second_factor_given(user)

    def login(self, **credentials):
        """Client.login with a password, then (when it is right) the second factor too."""
        from hatecrime.accounts.models import User

        signed_in = super().login(**credentials)
        if signed_in:
            self._second_factor_given(User.objects.get(username=credentials["username"]))
        return signed_in

    def force_login_with_device(self, user, device):
        """As force_login, with this device (a security key, say) as the factor just given."""
        super().force_login(user)
        self._second_factor_given(user, device)

    def _second_factor_given(self, user, device=None):
        from django_otp import DEVICE_ID_SESSION_KEY

        from hatecrime.accounts.second_factor import VERIFIED_AT_SESSION_KEY

        session = self.session
        session[DEVICE_ID_SESSION_KEY] = (device or app_device(user)).persistent_id
        session[VERIFIED_AT_SESSION_KEY] = time.time()
        session.save()

    def force_login_with_password_only(self, user, backend=None):
        super().force_login(user, backend)


@pytest.fixture
def client():
    return StaffClient()


def make_staff(username: str, role: str, areas: list[str] | None = None, **extra):
    from hatecrime.accounts.models import User
    from hatecrime.core.models import Area

    user = User.objects.create_user(username=username, password=PASSWORD, role=role, **extra)
    if areas:
        user.areas.set(Area.objects.filter(slug__in=areas))
    return user


@pytest.fixture
def alice(db):
    return make_staff("alice", "officer", ["hackney"], direct_phone="020 7946 0999")


@pytest.fixture
def bob(db):
    return make_staff("bob", "officer", ["camden"], direct_phone="020 7946 0888")


@pytest.fixture
def hannah(db):
    return make_staff("hannah", "supervisor", ["hackney"])


@pytest.fixture
def carl(db):
    return make_staff("carl", "call_handler")


@pytest.fixture
def ann(db):
    return make_staff("ann", "analyst")


@pytest.fixture
def cora(db):
    return make_staff("cora", "command")


@pytest.fixture
def pat(db):
    return make_staff("pat", "partner")


@pytest.fixture
def adam(db):
    return make_staff("adam", "administrator")


@pytest.fixture
def centre(db):
    from hatecrime.accounts.actions import do_create_reporting_centre

    return do_create_reporting_centre(actor="system", name="Stop Hate UK")


def api_token(user) -> str:
    """A new API token for the user, as `hatecrime issue_token` makes one (only its digest is
    stored): the value for `Authorization: Token ...`."""
    from hatecrime.accounts.tokens import do_issue_api_token

    return do_issue_api_token(actor="system", user=user)

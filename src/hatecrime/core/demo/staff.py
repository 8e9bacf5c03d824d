"""Demo staff accounts, one or more per role."""

from base64 import b32decode
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from hatecrime.accounts.models import User
from hatecrime.core.areas import LONDON
from hatecrime.core.areas.files import read_area_file
from hatecrime.core.areas.loading import do_load_areas
from hatecrime.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_step
from hatecrime.core.models import Area

DEMO_STAFF = [
    # username, role, areas, first name, last name, direct phone
    ("officer.hackney", "officer", ["hackney"], "Amira", "Okafor", "020 7946 0101"),
    ("officer2.hackney", "officer", ["hackney"], "Tom", "Brennan", "020 7946 0102"),
    ("officer.camden", "officer", ["camden"], "Priya", "Shah", "020 7946 0201"),
    ("officer.newham", "officer", ["newham"], "Daniel", "Mensah", "020 7946 0301"),
    ("supervisor.hackney", "supervisor", ["hackney"], "Helen", "Marsh", "020 7946 0100"),
    ("supervisor.camden", "supervisor", ["camden"], "Omar", "Haddad", "020 7946 0200"),
    ("supervisor.newham", "supervisor", ["newham"], "Ngozi", "Adebayo", "020 7946 0300"),
    ("supervisor.triage", "supervisor", ["unknown"], "Grace", "Lee", "020 7946 0000"),
    ("callhandler", "call_handler", [], "Sam", "Taylor", ""),
    ("analyst", "analyst", [], "Ruth", "Adeyemi", ""),
    ("command", "command", [], "Helen", "Harper", ""),
    ("partner", "partner", [], "Jo", "Kaur", ""),
    ("admin", "administrator", [], "Alex", "Morgan", ""),
]


# Made-up team numbers (Ofcom's drama range) and hours for the demo boroughs' CSUs.
DEMO_CSU_CONTACTS = {
    "hackney": ("020 7946 0100", "Monday to Friday, 8am to 8pm; Saturday, 9am to 5pm"),
    "camden": ("020 7946 0200", "Monday to Friday, 8am to 6pm"),
    "newham": ("020 7946 0300", "Monday to Saturday, 8am to 8pm"),
    "unknown": ("020 7946 0000", "Every day, 8am to 10pm"),
}


@demo_step(1)
def load_london_areas(**options: Any) -> str:
    """The demo is London's: its boroughs from the shipped file (migrations load them too;
    this puts them back where another force's file replaced them)."""
    result = do_load_areas(actor="system", rows=read_area_file(LONDON))
    return f"London's boroughs: {result.summary()}"


@demo_step(5)
def set_csu_contacts(**options: Any) -> str:

    for slug, (phone, hours) in DEMO_CSU_CONTACTS.items():
        Area.objects.filter(slug=slug).update(csu_phone=phone, csu_hours=hours)
    return f"CSU phone numbers and hours for {len(DEMO_CSU_CONTACTS)} areas"


@demo_step(10)
def create_staff(**options: Any) -> str:

    for username, role, areas, first, last, phone in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first,
                "last_name": last,
                "direct_phone": phone,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.areas.set(Area.objects.filter(slug__in=areas))
    return f"{len(DEMO_STAFF)} staff accounts"


def demo_totp_key() -> str:
    """DEMO_TOTP_SECRET as django-otp stores a key (hex)."""
    return b32decode(DEMO_TOTP_SECRET).hex()


@demo_step(11)
def create_staff_second_factor(**options: Any) -> str:
    """The demo staff's authenticator app, with the known DEMO_TOTP_SECRET (a step of its own,
    so demo databases loaded before the second factor existed get it too)."""
    added = 0
    for user in User.objects.filter(username__in=[row[0] for row in DEMO_STAFF]):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=user, name="Authenticator app", key=demo_totp_key(), confirmed=True
            )
            added += 1
    return f"the demo authenticator app for {added} staff accounts"

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hatecrime.core.demo.staff import demo_totp_key


class Command(BaseCommand):
    help = (
        "Print the current authenticator code of a DEMO account (one whose app holds the demo "
        "secret). Refuses any other account: it is not a way round anyone's second factor."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        device = TOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True, key=demo_totp_key()
        ).first()
        if device is None:
            raise CommandError(
                f"{options['username']!r} is not a demo account with the demo authenticator app"
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")

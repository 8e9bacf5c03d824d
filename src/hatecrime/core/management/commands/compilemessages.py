"""`hatecrime compilemessages`: .po to .mo in Python (polib), so that GNU gettext's msgfmt is
never needed; replaces Django's command of the same name (ADR 0700)."""

from typing import Any

from django.core.management.base import BaseCommand

from hatecrime.core import catalogues


class Command(BaseCommand):
    help = "Compile every catalogue under src/hatecrime/locale (no GNU gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        for po in sorted(catalogues.locale_dir().glob("*/LC_MESSAGES/django.po")):
            mo = catalogues.compile_catalogue(po)
            self.stdout.write(f"compiled {mo.relative_to(catalogues.locale_dir())}")

"""`hatecrime makemessages`: Django's makemessages over the public code only, for every language
of the registry (unless -l is given), into src/hatecrime/locale. Needs GNU gettext (xgettext,
msgmerge); translators and `make run`/`make test` do not (see compilemessages)."""

import os
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.core.management.commands import makemessages
from django.utils.translation import to_locale

from hatecrime.core import catalogues


class Command(makemessages.Command):
    help = "Extract the public side's messages into every language's catalogue (GNU gettext)."
    # `_lazy` is how modules that use both gettext and gettext_lazy import the lazy one.
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy"]

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(add_location="file", no_obsolete=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["locale"] and not options["all"]:
            options["locale"] = [to_locale(code) for code in catalogues.translated_codes()]
        options["ignore_patterns"] = [*options["ignore_patterns"], *catalogues.STAFF_ONLY]
        catalogues.locale_dir().mkdir(parents=True, exist_ok=True)
        os.chdir(settings.BASE_DIR)  # src/hatecrime: its locale/ is LOCALE_PATHS[0]
        super().handle(*args, **options)
        for code in catalogues.translated_codes():
            if catalogues.po_path(code).exists():
                catalogues.tidy_header(code)

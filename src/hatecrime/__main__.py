"""The `hatecrime` console script: this project's manage.py."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
    # Every file the service makes (database, evidence, keys, logs) is its user's alone.
    os.umask(0o077)
    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A missing or wrong setting is the operator's to fix: one line, not a traceback.
        sys.exit(f"hatecrime: {error}")


if __name__ == "__main__":
    main()

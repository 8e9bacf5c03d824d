"""The force's crime number: the format an administrator sets (data, not code), against which
staff's entries are checked (docs/adr/0810-crime-number.md)."""

import re

from django.conf import settings
from django.db import models

# Until an administrator sets one: the Metropolitan Police's CRIS numbers (seven digits, a slash
# and the two-digit year).
DEFAULT_PATTERN = r"\d{7}/\d{2}"
DEFAULT_EXAMPLE = "5012345/26"
DEFAULT_DESCRIPTION = "seven digits, a slash, then the two-digit year"


def normalise_crime_number(value: str) -> str:
    """Spaces around it dropped and letters in capitals: "ab/123 " -> "AB/123"."""
    return value.strip().upper()


class CrimeNumberFormat(models.Model):
    """One row (pk 1): the regular expression a crime number must match in full, an example
    that matches it, and the format in words, which the error message names."""

    pattern = models.CharField(max_length=200, default=DEFAULT_PATTERN)
    example = models.CharField(max_length=40, default=DEFAULT_EXAMPLE)
    description = models.CharField(max_length=200, default=DEFAULT_DESCRIPTION)
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    def __str__(self) -> str:
        return f"crime numbers like {self.example}"

    @classmethod
    def current(cls) -> "CrimeNumberFormat":
        found = cls.objects.filter(pk=1).first()
        return found or cls(pk=1)

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None

"""Small typed checks used by the payload validator: each reads one value, records a GOV.UK
style message against its dotted path when the value is wrong, and returns the clean value
(or None). A wrong type is a message, never an exception."""

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language, gettext


def _(message: str) -> str:
    """gettext, remembered per (language, message): validation builds each rule's messages
    before it knows whether they are needed (about 17 per report), and Django's gettext walks
    a chain of catalogs each time. Catalogs do not change while the process runs. Inside
    `one_language()` the active language is read once, not per message."""
    key = (_language.get() or get_language(), message)
    translated = _translated.get(key)
    if translated is None:
        translated = _translated[key] = gettext(message)
    return translated


# The active language for the duration of one validation (a ContextVar: per thread and task).
_language: ContextVar[str | None] = ContextVar("validation_language", default=None)


# Today's local date, read at most once per validation (the first rule that needs it).
_today: ContextVar[list[dt.date] | None] = ContextVar("validation_today", default=None)


@contextlib.contextmanager
def one_language() -> Iterator[None]:
    """Read the active language once for the messages built inside (validation activates no
    other language meanwhile), and today's date at most once (see `today`)."""
    token = _language.set(get_language())
    today_token = _today.set([])
    try:
        yield
    finally:
        _today.reset(today_token)
        _language.reset(token)


def today() -> dt.date:
    """`timezone.localdate()`; inside `one_language()` the same date for the whole validation
    (its rules then agree about "today" even across midnight)."""
    held = _today.get()
    if held is None:
        return timezone.localdate()
    if not held:
        held.append(timezone.localdate())
    return held[0]


_translated: dict[tuple[str | None, str], str] = {}

UNKNOWN_FIELD = "Unknown field"
MISSING = object()

POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
EARLIEST_DATE = dt.date(1900, 1, 1)


class Errors:
    """Messages per dotted path, in the order they were found."""

    def __init__(self) -> None:
        self.by_path: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        messages = self.by_path.setdefault(path, [])
        if message not in messages:
            messages.append(message)

    def __contains__(self, path: str) -> bool:
        return path in self.by_path

    def __bool__(self) -> bool:
        return bool(self.by_path)


def join(prefix: str, key: str | int) -> str:
    return f"{prefix}.{key}" if prefix else str(key)


def reject_unknown(
    data: dict[str, Any], allowed: Iterable[str], errors: Errors, prefix: str = ""
) -> None:
    allowed_keys = set(allowed)
    for key in data:
        if key not in allowed_keys:
            errors.add(join(prefix, str(key)), _(UNKNOWN_FIELD))


# One field's check with its options bound: (value, path, errors) -> the clean value or None.
Rule = Callable[[Any, str, Errors], Any]


def put(cleaned: dict[str, Any], key: str, value: Any) -> None:
    """Keep a clean value; None (left out, or wrong and already reported) is not kept."""
    if value is not None:
        cleaned[key] = value


def fields(
    raw: dict[str, Any], path: str, errors: Errors, rules: dict[str, Rule]
) -> dict[str, Any]:
    """An object's fields, each through its rule at `path.key`, in the rules' order; a field
    with no rule is refused as unknown."""
    reject_unknown(raw, rules, errors, path)
    cleaned: dict[str, Any] = {}
    for key, rule in rules.items():
        put(cleaned, key, rule(raw.get(key), join(path, key), errors))
    return cleaned


def obj(value: Any, path: str, errors: Errors) -> dict[str, Any] | None:
    if value is MISSING or value is None:
        return None
    if not isinstance(value, dict):
        errors.add(path, _("Must be an object with named fields"))
        return None
    return value


def text(
    value: Any,
    path: str,
    errors: Errors,
    *,
    max_length: int,
    required: str | None = None,
    too_long: str | None = None,
) -> str | None:
    """A string, stripped; empty counts as missing. `required` is the message when missing."""
    if value is MISSING or value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(path, required)
        return None
    if not isinstance(value, str):
        errors.add(path, _("Must be text"))
        return None
    cleaned = value.strip()
    if len(cleaned) > max_length:
        errors.add(
            path, too_long or _("Must be %(max)s characters or fewer") % {"max": f"{max_length:,}"}
        )
        return None
    if "\x00" in cleaned:
        errors.add(path, _("Must not contain control characters"))
        return None
    return cleaned


def boolean(value: Any, path: str, errors: Errors, *, required: str | None = None) -> bool | None:
    if value is MISSING or value is None:
        if required:
            errors.add(path, required)
        return None
    if not isinstance(value, bool):
        errors.add(path, _("Must be true or false"))
        return None
    return value


def choice(
    value: Any,
    path: str,
    errors: Errors,
    *,
    options: Iterable[str],
    message: str,
    required: bool = True,
) -> str | None:
    if value is MISSING or value is None or value == "":
        if required:
            errors.add(path, message)
        return None
    if not isinstance(value, str) or value not in set(options):
        errors.add(path, message)
        return None
    return value


def choices(
    value: Any,
    path: str,
    errors: Errors,
    *,
    options: Iterable[str],
    required: str | None,
    invalid: str,
    repeated: str,
) -> list[str] | None:
    if value is MISSING or value is None or value == []:
        if required:
            errors.add(path, required)
        return None
    if not isinstance(value, list):
        errors.add(path, _("Must be a list"))
        return None
    allowed = set(options)
    for index, item in enumerate(value):
        if not isinstance(item, str) or item not in allowed:
            errors.add(join(path, index), invalid)
    if any(join(path, i) in errors for i in range(len(value))):
        return None
    if len(set(value)) != len(value):
        errors.add(path, repeated)
        return None
    return list(value)


def text_list(
    value: Any,
    path: str,
    errors: Errors,
    *,
    max_items: int,
    max_length: int,
    item_check: Callable[[str, str, Errors], str | None] | None = None,
) -> list[str] | None:
    if value is MISSING or value is None:
        return None
    if not isinstance(value, list):
        errors.add(path, _("Must be a list"))
        return None
    if len(value) > max_items:
        errors.add(path, _("Enter %(max)s or fewer") % {"max": max_items})
        return None
    cleaned: list[str] = []
    for index, item in enumerate(value):
        item_path = join(path, index)
        value_text = text(item, item_path, errors, max_length=max_length)
        if value_text is not None and item_check is not None:
            value_text = item_check(value_text, item_path, errors)
        if value_text is not None:
            cleaned.append(value_text)
    return cleaned or None


def date(
    value: Any, path: str, errors: Errors, *, required: str | None, today: dt.date, label: str
) -> str | None:
    if value is MISSING or value is None or value == "":
        if required:
            errors.add(path, required)
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.date.fromisoformat(value.strip())
        except ValueError:
            errors.add(path, _("%(label)s must be a real date, like 2026-11-01") % {"label": label})
            return None
        if len(value.strip()) != 10:
            errors.add(path, _("%(label)s must be a real date, like 2026-11-01") % {"label": label})
            return None
    else:
        errors.add(path, _("%(label)s must be a real date, like 2026-11-01") % {"label": label})
        return None
    if parsed > today:
        errors.add(path, _("The date must be today or in the past"))
        return None
    if parsed < EARLIEST_DATE:
        errors.add(path, _("The date must be the same as or after 1 January 1900"))
        return None
    return parsed.isoformat()


def time_of_day(value: Any, path: str, errors: Errors) -> str | None:
    if value is MISSING or value is None or value == "":
        return None
    if not isinstance(value, str) or not TIME.match(value.strip()):
        errors.add(path, _("Enter the time in 24-hour format, like 14:30"))
        return None
    return value.strip()


def postcode(value: Any, path: str, errors: Errors) -> str | None:
    cleaned = text(value, path, errors, max_length=16)
    if cleaned is None:
        return None
    compact = re.sub(r"\s+", "", cleaned).upper()
    if not POSTCODE.match(compact):
        errors.add(path, _("Enter a real postcode, like E8 1EA"))
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def email(value: Any, path: str, errors: Errors) -> str | None:
    cleaned = text(value, path, errors, max_length=254)
    if cleaned is None:
        return None
    if not EMAIL.match(cleaned):
        errors.add(path, _("Enter an email address in the correct format, like name@example.com"))
        return None
    return cleaned


def phone(value: Any, path: str, errors: Errors) -> str | None:
    cleaned = text(value, path, errors, max_length=32)
    if cleaned is None:
        return None
    digits = re.sub(r"\D", "", cleaned)
    if not PHONE_CHARACTERS.match(cleaned) or not 7 <= len(digits) <= 15:
        errors.add(path, _("Enter a phone number, like 01632 960 001 or +44 808 157 0192"))
        return None
    return cleaned


def link(value: str, path: str, errors: Errors) -> str | None:
    if not URL.match(value):
        errors.add(path, _("Enter a link that starts with http:// or https://"))
        return None
    return value

"""Blind indexes of the people in a report (contact, victim, suspects), so that case work can
find reports about the same person or the same suspect without decrypting anything."""

import re
from collections.abc import Iterator
from typing import Any

from hatecrime.core.crypto import blind_index
from hatecrime.reporting.models import IdentifierKind, Report, ReportIdentifier


def normalise_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+44") or (digits.startswith("44") and len(digits) == 12):
        digits = "0" + digits[2:]
    return digits


def _person(person: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if person.get("email"):
        yield IdentifierKind.EMAIL, person["email"]
    if person.get("phone"):
        yield IdentifierKind.PHONE, normalise_phone(person["phone"])
    if person.get("name") and person.get("date_of_birth"):
        yield IdentifierKind.NAME_DOB, f"{person['name']}|{person['date_of_birth']}"
    if person.get("postcode") and person.get("address"):
        yield IdentifierKind.POSTCODE_ADDRESS, f"{person['postcode']}|{person['address']}"


def identifier_values(cleaned: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for key in ("contact", "victim"):
        yield from _person(cleaned.get(key) or {})
    suspects = cleaned.get("suspects") or {}
    for name in suspects.get("names", []):
        yield IdentifierKind.SUSPECT_NAME, name
    for handle in suspects.get("handles", []):
        yield IdentifierKind.SUSPECT_HANDLE, handle.lstrip("@")
    for number in suspects.get("phone_numbers", []):
        yield IdentifierKind.SUSPECT_PHONE, normalise_phone(number)


def digest(kind: str, value: str) -> str:
    return blind_index(value, purpose=f"report-identifier:{kind}")


def identifiers_for(report: Report, cleaned: dict[str, Any]) -> list[ReportIdentifier]:
    seen: set[tuple[str, str]] = set()
    rows = []
    for kind, value in identifier_values(cleaned):
        item = (str(kind), digest(kind, value))
        if value and item not in seen:
            seen.add(item)
            rows.append(ReportIdentifier(report=report, kind=item[0], digest=item[1]))
    return rows

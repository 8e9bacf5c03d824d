"""What a partner caseworker reads on a referral: every shared value in words, never a stored
code or a Python value (`True`, `None`, `['phone']`)."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from hatecrime.cases.models import ContactMethod, PoliceActionWish, StatementStatus
from hatecrime.core.models import strand_label
from hatecrime.core.templatetags.labels import evidence_kind
from hatecrime.support.models import SharedField


@dataclass(frozen=True)
class SharedFile:
    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class SharedRow:
    label: str
    lines: list[str]
    files: list[SharedFile] = field(default_factory=list)


def _code(value: Any) -> str:
    """Last resort for a code no list knows: words, not `snake_case`."""
    return str(value).replace("_", " ").strip().capitalize()


def _yes_no(value: Any, *, unknown: str = "") -> str:
    if value is None:
        return unknown or _("Not known")
    return _("Yes") if value else _("No")


def _label(choices: Any, code: Any) -> str:
    return str(dict(choices).get(code) or _code(code))


def words(value: Any) -> str:
    """Any shared value as words (for keys that have no presentation of their own)."""
    if isinstance(value, bool) or value is None:
        return _yes_no(value)
    if isinstance(value, list | tuple):
        return ", ".join(words(item) for item in value) or _("None")
    if isinstance(value, dict):
        return "; ".join(f"{_code(key)}: {words(inner)}" for key, inner in value.items())
    return str(value) or _("Not given")


def _language(value: str) -> list[str]:
    languages = dict(settings.LANGUAGES)
    if value in languages or not value:
        return [_("No interpreter asked for")]
    return [_("Interpreter needed: %(language)s") % {"language": value}]


def _safe_contact(value: dict[str, Any]) -> list[str]:
    methods = [_label(ContactMethod.choices, code) for code in value.get("methods") or []]
    times = value.get("safe_times") or ""
    return [
        _("Ways to contact: %(ways)s") % {"ways": ", ".join(methods) or _("not said")},
        _("Safe times: %(times)s") % {"times": times} if times else _("No safe times given"),
        _("Voicemail: safe") if value.get("voicemail_safe") else _("Voicemail: not safe"),
        _("Letters: safe") if value.get("letter_safe") else _("Letters: not safe"),
    ]


def _needs(value: dict[str, Any]) -> list[str]:
    lines = []
    if value.get("wants_police_action"):
        lines.append(_label(PoliceActionWish.choices, value["wants_police_action"]))
    lines.append(
        _("Worried about reprisals: %(answer)s")
        % {"answer": _yes_no(value.get("worried_about_reprisals"), unknown=_("not asked"))}
    )
    if value.get("update_method"):
        lines.append(
            _("Wants updates by %(how)s, at least every %(days)s days")
            % {
                "how": _label(ContactMethod.choices, value["update_method"]).lower(),
                "days": value.get("update_every_days", 14),
            }
        )
    for key, title in (
        ("statement", _("Witness statement")),
        ("personal_statement", _("Victim Personal Statement")),
    ):
        if value.get(key):
            lines.append(f"{title}: {_label(StatementStatus.choices, value[key]).lower()}")
    return lines


def _lines(key: str, value: Any) -> list[str]:
    if key == SharedField.LANGUAGE:
        return _language(str(value or ""))
    if key == SharedField.SAFE_CONTACT and isinstance(value, dict):
        return _safe_contact(value)
    if key == SharedField.NEEDS and isinstance(value, dict):
        return _needs(value)
    if key == SharedField.STRANDS and isinstance(value, list):
        return [", ".join(strand_label(code) for code in value) or _("Not recorded")]
    if isinstance(value, str):
        return value.splitlines() or [_("Not given")]
    return [words(value)]


def shared_rows(shared: dict[str, Any]) -> list[SharedRow]:
    """The referral's shared values, one row per agreed field, in words."""
    rows = []
    for key, value in shared.items():
        label = _label(SharedField.choices, key)
        if key == SharedField.EVIDENCE and isinstance(value, list):
            files = [
                SharedFile(item["id"], item["name"], evidence_kind(item["content_type"]))
                for item in value
            ]
            rows.append(SharedRow(label, [] if files else [_("None given")], files))
        else:
            rows.append(SharedRow(label, _lines(key, value)))
    return rows

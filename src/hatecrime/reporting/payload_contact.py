"""Payload sections about reaching people: whether the victim knows about the report and agrees
to be contacted, and how and when it is safe to contact the person the police will contact
(see payload.py for the rest of the validator, reporting/people.py for who that person is)."""

import datetime as dt
from typing import Any

from hatecrime.cases.models import ContactMethod
from hatecrime.reporting import checks
from hatecrime.reporting.checks import MISSING, Errors, _
from hatecrime.reporting.people import SUBJECTS, reports_for_someone_else, safe_contact_subject

YES_NO_NOT_SURE = ("yes", "no", "not_sure")
CONTACT_METHODS: tuple[str, ...] = tuple(ContactMethod.values)
# Which days are safe: any day; working days (weekdays that are not bank holidays in England
# and Wales); or weekends and bank holidays only.
SAFE_DAYS = ("any", "working_days", "non_working_days")
SAFE_CONTACT_FIELDS = (
    "about",
    "methods",
    "safe_days",
    "safe_from",
    "safe_until",
    "safe_times",
    "voicemail_safe",
    "letter_safe",
)

Cleaned = dict[str, Any]
_PEOPLE = {"victim": lambda: _("victim"), "reporter": lambda: _("person reporting")}


def victim_consent(data: dict[str, Any], errors: Errors) -> Cleaned:
    """`victim_knows` and `victim_agrees_to_contact`, for a witness or someone reporting for
    the victim. `on_behalf.victim_knows` (the older place of the same answer) is accepted."""
    cleaned: Cleaned = {}
    role = data.get("reporter_role")
    knows_raw = data.get("victim_knows", MISSING)
    agrees_raw = data.get("victim_agrees_to_contact", MISSING)
    behalf = data.get("on_behalf")
    legacy = behalf.get("victim_knows") if isinstance(behalf, dict) else None
    if not reports_for_someone_else({"reporter_role": role}):
        for key, raw in (("victim_knows", knows_raw), ("victim_agrees_to_contact", agrees_raw)):
            if raw not in (MISSING, None) and role is not None:
                errors.add(key, _("Only answer this when the report is about someone else"))
        return cleaned
    if knows_raw in (MISSING, None) and legacy is not None:
        knows_raw = legacy
    elif legacy is not None and knows_raw != legacy:
        errors.add("victim_knows", _("This answer is different from on_behalf.victim_knows"))
    knows = checks.choice(
        knows_raw,
        "victim_knows",
        errors,
        options=YES_NO_NOT_SURE,
        message=_("Select whether the person it happened to knows about this report"),
        required=False,
    )
    checks.put(cleaned, "victim_knows", knows)
    if knows != "yes":
        if agrees_raw not in (MISSING, None) and "victim_knows" not in errors:
            errors.add(
                "victim_agrees_to_contact",
                _("Only answer this when the person it happened to knows about the report"),
            )
        return cleaned
    checks.put(
        cleaned,
        "victim_agrees_to_contact",
        checks.choice(
            agrees_raw,
            "victim_agrees_to_contact",
            errors,
            options=YES_NO_NOT_SURE,
            message=_("Select whether they agree to the police contacting them"),
            required=False,
        ),
    )
    return cleaned


def _clock(value: Any, path: str, errors: Errors) -> dt.time | None:
    text = checks.time_of_day(value, path, errors)
    if text is None:
        return None
    hours, minutes = (int(part) for part in text.split(":"))
    return dt.time(hours, minutes)


def safe_contact(data: dict[str, Any], errors: Errors) -> Cleaned:
    """How and when it is safe to contact the person the police will contact. `about` names
    that person ("victim" or "reporter"); it follows from the answers about who is who, and a
    given `about` that does not match them is refused (the questions were answered about
    someone else)."""
    safe = checks.obj(data.get("safe_contact", MISSING), "safe_contact", errors)
    if safe is None:
        return {}
    checks.reject_unknown(safe, SAFE_CONTACT_FIELDS, errors, "safe_contact")
    item: Cleaned = {}
    behalf = data.get("on_behalf")
    knows = data.get("victim_knows") or (
        behalf.get("victim_knows") if isinstance(behalf, dict) else None
    )
    subject = safe_contact_subject({**data, "victim_knows": knows})
    given = safe.get("about")
    if given not in (None, MISSING):
        if given not in SUBJECTS:
            errors.add("safe_contact.about", _("Must be victim or reporter"))
        elif subject and given != subject:
            errors.add(
                "safe_contact.about",
                _(
                    "The safe contact answers were given about the %(given)s, but the %(subject)s "
                    "is the person we will contact: answer them again"
                )
                % {"given": _PEOPLE[given](), "subject": _PEOPLE[subject]()},
            )
    if subject:
        item["about"] = subject
    methods = checks.choices(
        safe.get("methods"),
        "safe_contact.methods",
        errors,
        options=CONTACT_METHODS,
        required=None,
        invalid=_("Select a safe way to make contact from the list"),
        repeated=_("Select each safe way to make contact only once"),
    )
    checks.put(item, "methods", methods)
    checks.put(
        item,
        "safe_days",
        checks.choice(
            safe.get("safe_days"),
            "safe_contact.safe_days",
            errors,
            options=SAFE_DAYS,
            message=_("Select which days are safe"),
            required=False,
        ),
    )
    start = _clock(safe.get("safe_from"), "safe_contact.safe_from", errors)
    end = _clock(safe.get("safe_until"), "safe_contact.safe_until", errors)
    if start is not None and end is not None and end <= start:
        errors.add(
            "safe_contact.safe_until",
            _("The time it stops being safe must be after the time it starts being safe"),
        )
    checks.put(item, "safe_from", None if start is None else start.strftime("%H:%M"))
    checks.put(item, "safe_until", None if end is None else end.strftime("%H:%M"))
    checks.put(
        item,
        "safe_times",
        checks.text(safe.get("safe_times"), "safe_contact.safe_times", errors, max_length=500),
    )
    for flag in ("voicemail_safe", "letter_safe"):
        checks.put(item, flag, checks.boolean(safe.get(flag), f"safe_contact.{flag}", errors))
    if methods and ContactMethod.LETTER in methods and item.get("letter_safe") is not True:
        errors.add("safe_contact.methods", _("Only choose letter if it is safe to send a letter"))
    return {"safe_contact": item}

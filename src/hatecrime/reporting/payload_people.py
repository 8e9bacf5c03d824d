"""Payload sections about people: injuries, suspects, witnesses, support and contact details
(see payload.py for the rest of the validator)."""

from functools import partial
from typing import Any

from hatecrime.reporting import checks
from hatecrime.reporting.checks import MISSING, Errors, _
from hatecrime.reporting.payload_contact import YES_NO_NOT_SURE, safe_contact

SUSPECT_COUNTS = ("one", "two", "three_or_more", "not_known")

Cleaned = dict[str, Any]


def _answer(options: tuple[str, ...], message: str) -> checks.Rule:
    """One of `options`, or left out."""
    return partial(checks.choice, options=options, message=message, required=False)


def _section(
    data: dict[str, Any], name: str, errors: Errors, rules: dict[str, checks.Rule]
) -> Cleaned:
    raw = checks.obj(data.get(name, MISSING), name, errors)
    return {} if raw is None else {name: checks.fields(raw, name, errors, rules)}


def injuries(data: dict[str, Any], errors: Errors) -> Cleaned:
    return _section(
        data,
        "injuries",
        errors,
        {
            "injured": _answer(YES_NO_NOT_SURE, _("Select whether anyone was injured")),
            "description": partial(
                checks.text,
                max_length=2000,
                too_long=_("The description of injuries must be 2,000 characters or fewer"),
            ),
            "treatment_needed": checks.boolean,
        },
    )


def suspects(data: dict[str, Any], errors: Errors) -> Cleaned:
    listed = partial(checks.text_list, max_items=20, max_length=200)
    return _section(
        data,
        "suspects",
        errors,
        {
            "count": _answer(SUSPECT_COUNTS, _("Select how many people did it")),
            "description": partial(
                checks.text,
                max_length=4000,
                too_long=_("The description must be 4,000 characters or fewer"),
            ),
            "known_to_victim": _answer(
                YES_NO_NOT_SURE, _("Select whether the person it happened to knows who did it")
            ),
            "names": listed,
            "handles": listed,
            "phone_numbers": partial(
                checks.text_list, max_items=20, max_length=32, item_check=checks.phone
            ),
        },
    )


def witnesses(data: dict[str, Any], errors: Errors) -> Cleaned:
    return _section(
        data,
        "witnesses",
        errors,
        {
            "any": _answer(YES_NO_NOT_SURE, _("Select whether anyone saw it happen")),
            "details": partial(
                checks.text,
                max_length=4000,
                too_long=_("The details of witnesses must be 4,000 characters or fewer"),
            ),
        },
    )


def support(data: dict[str, Any], errors: Errors) -> Cleaned:
    rules: dict[str, checks.Rule] = {
        "referral_consent": checks.boolean,
        "interpreter_language": partial(checks.text, max_length=100),
        "accessibility_needs": partial(checks.text, max_length=2000),
    }
    return {**_section(data, "support", errors, rules), **safe_contact(data, errors)}


def _person(raw: Any, path: str, errors: Errors) -> Cleaned | None:
    person = checks.obj(raw, path, errors)
    if person is None:
        return None
    rules: dict[str, checks.Rule] = {
        "name": partial(checks.text, max_length=200),
        "email": checks.email,
        "phone": checks.phone,
        "address": partial(checks.text, max_length=1000),
        "postcode": checks.postcode,
        "date_of_birth": partial(
            checks.date, required=None, today=checks.today(), label=_("Date of birth")
        ),
    }
    return checks.fields(person, path, errors, rules)


def contact(data: dict[str, Any], errors: Errors) -> Cleaned:
    """Contact details; the rules need `anonymous` and `reporter_role` from earlier answers."""
    cleaned: Cleaned = {}
    anonymous = data.get("anonymous") is True
    role = data.get("reporter_role")
    raw_contact, raw_victim = data.get("contact", MISSING), data.get("victim", MISSING)
    if anonymous:
        if raw_contact not in (MISSING, None):
            errors.add("contact", _("Do not give contact details if you report anonymously"))
        if raw_victim not in (MISSING, None):
            errors.add("victim", _("Do not give the victim's details if you report anonymously"))
        return cleaned
    person = _person(raw_contact, "contact", errors)
    if person is None and "contact" not in errors:
        errors.add("contact", _("Enter your contact details, or choose to report anonymously"))
    elif person is not None:
        if not any(person.get(key) for key in ("email", "phone", "address")) and not any(
            path.startswith("contact.") for path in errors.by_path
        ):
            errors.add("contact", _("Enter an email address, a phone number or an address"))
        cleaned["contact"] = person
    if raw_victim not in (MISSING, None):
        if role not in ("witness", "on_behalf"):
            errors.add(
                "victim",
                _("Only give the victim's details if you are a witness or report for them"),
            )
        else:
            victim = _person(raw_victim, "victim", errors)
            if victim:
                cleaned["victim"] = victim
    return cleaned

"""Payload sections about people: injuries, suspects, witnesses, support and contact details
(see payload.py for the rest of the validator)."""

from typing import Any

from hatecrime.reporting import checks
from hatecrime.reporting.checks import MISSING, Errors, _
from hatecrime.reporting.payload_contact import safe_contact

YES_NO_NOT_SURE = ("yes", "no", "not_sure")
SUSPECT_COUNTS = ("one", "two", "three_or_more", "not_known")
PERSON_FIELDS = ("name", "email", "phone", "address", "postcode", "date_of_birth")

Cleaned = dict[str, Any]


def _put(cleaned: Cleaned, key: str, value: Any) -> None:
    if value is not None:
        cleaned[key] = value


def injuries(data: dict[str, Any], errors: Errors) -> Cleaned:
    raw = checks.obj(data.get("injuries", MISSING), "injuries", errors)
    if raw is None:
        return {}
    checks.reject_unknown(raw, ("injured", "description", "treatment_needed"), errors, "injuries")
    item: Cleaned = {}
    _put(
        item,
        "injured",
        checks.choice(
            raw.get("injured"),
            "injuries.injured",
            errors,
            options=YES_NO_NOT_SURE,
            message=_("Select whether anyone was injured"),
            required=False,
        ),
    )
    _put(
        item,
        "description",
        checks.text(
            raw.get("description"),
            "injuries.description",
            errors,
            max_length=2000,
            too_long=_("The description of injuries must be 2,000 characters or fewer"),
        ),
    )
    _put(
        item,
        "treatment_needed",
        checks.boolean(raw.get("treatment_needed"), "injuries.treatment_needed", errors),
    )
    return {"injuries": item}


def suspects(data: dict[str, Any], errors: Errors) -> Cleaned:
    raw = checks.obj(data.get("suspects", MISSING), "suspects", errors)
    if raw is None:
        return {}
    allowed = ("count", "description", "known_to_victim", "names", "handles", "phone_numbers")
    checks.reject_unknown(raw, allowed, errors, "suspects")
    item: Cleaned = {}
    _put(
        item,
        "count",
        checks.choice(
            raw.get("count"),
            "suspects.count",
            errors,
            options=SUSPECT_COUNTS,
            message=_("Select how many people did it"),
            required=False,
        ),
    )
    _put(
        item,
        "description",
        checks.text(
            raw.get("description"),
            "suspects.description",
            errors,
            max_length=4000,
            too_long=_("The description must be 4,000 characters or fewer"),
        ),
    )
    _put(
        item,
        "known_to_victim",
        checks.choice(
            raw.get("known_to_victim"),
            "suspects.known_to_victim",
            errors,
            options=YES_NO_NOT_SURE,
            message=_("Select whether the person it happened to knows who did it"),
            required=False,
        ),
    )
    for key in ("names", "handles"):
        _put(
            item,
            key,
            checks.text_list(raw.get(key), f"suspects.{key}", errors, max_items=20, max_length=200),
        )
    _put(
        item,
        "phone_numbers",
        checks.text_list(
            raw.get("phone_numbers"),
            "suspects.phone_numbers",
            errors,
            max_items=20,
            max_length=32,
            item_check=checks.phone,
        ),
    )
    return {"suspects": item}


def witnesses(data: dict[str, Any], errors: Errors) -> Cleaned:
    raw = checks.obj(data.get("witnesses", MISSING), "witnesses", errors)
    if raw is None:
        return {}
    checks.reject_unknown(raw, ("any", "details"), errors, "witnesses")
    item: Cleaned = {}
    _put(
        item,
        "any",
        checks.choice(
            raw.get("any"),
            "witnesses.any",
            errors,
            options=YES_NO_NOT_SURE,
            message=_("Select whether anyone saw it happen"),
            required=False,
        ),
    )
    _put(
        item,
        "details",
        checks.text(
            raw.get("details"),
            "witnesses.details",
            errors,
            max_length=4000,
            too_long=_("The details of witnesses must be 4,000 characters or fewer"),
        ),
    )
    return {"witnesses": item}


def support(data: dict[str, Any], errors: Errors) -> Cleaned:
    cleaned: Cleaned = {}
    raw = checks.obj(data.get("support", MISSING), "support", errors)
    if raw is not None:
        allowed = ("referral_consent", "interpreter_language", "accessibility_needs")
        checks.reject_unknown(raw, allowed, errors, "support")
        item: Cleaned = {}
        _put(
            item,
            "referral_consent",
            checks.boolean(raw.get("referral_consent"), "support.referral_consent", errors),
        )
        _put(
            item,
            "interpreter_language",
            checks.text(
                raw.get("interpreter_language"),
                "support.interpreter_language",
                errors,
                max_length=100,
            ),
        )
        _put(
            item,
            "accessibility_needs",
            checks.text(
                raw.get("accessibility_needs"),
                "support.accessibility_needs",
                errors,
                max_length=2000,
            ),
        )
        cleaned["support"] = item
    cleaned.update(safe_contact(data, errors))
    return cleaned


def _person(raw: Any, path: str, errors: Errors) -> Cleaned | None:
    person = checks.obj(raw, path, errors)
    if person is None:
        return None
    checks.reject_unknown(person, PERSON_FIELDS, errors, path)
    item: Cleaned = {}
    _put(item, "name", checks.text(person.get("name"), f"{path}.name", errors, max_length=200))
    _put(item, "email", checks.email(person.get("email"), f"{path}.email", errors))
    _put(item, "phone", checks.phone(person.get("phone"), f"{path}.phone", errors))
    _put(
        item,
        "address",
        checks.text(person.get("address"), f"{path}.address", errors, max_length=1000),
    )
    _put(item, "postcode", checks.postcode(person.get("postcode"), f"{path}.postcode", errors))
    born = checks.date(
        person.get("date_of_birth"),
        f"{path}.date_of_birth",
        errors,
        required=None,
        today=checks.today(),
        label=_("Date of birth"),
    )
    _put(item, "date_of_birth", born)
    return item


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

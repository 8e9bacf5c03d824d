"""The one validator of the report payload (docs/report-payload.md): the API, the web pages and
the call handlers' screens all call it, so the rules and the messages are the same everywhere.

`validate_section` checks one page's worth of answers; `validate_report` checks a whole report:
every section, the rules that cross sections, and unknown fields anywhere.
"""

from collections.abc import Callable
from typing import Any

from hatecrime.core.models import MOTIVATIONS, NOT_SURE, Area
from hatecrime.reporting import checks
from hatecrime.reporting import payload_people as people
from hatecrime.reporting.checks import MISSING, Errors, _
from hatecrime.reporting.models import Behaviour, Relationship, ReporterRole
from hatecrime.reporting.payload_communities import COMMUNITY_LIMITS, communities
from hatecrime.reporting.payload_contact import victim_consent

REPORTER_ROLES: tuple[str, ...] = tuple(ReporterRole.values)
RELATIONSHIPS: tuple[str, ...] = tuple(Relationship.values)
YES_NO_NOT_SURE = ("yes", "no", "not_sure")
BEHAVIOURS: tuple[str, ...] = tuple(Behaviour.values)
TRUE_VISION_FLAGS = ("immediate_danger", "poster_identity_known", "future_event")
# The longest text each field takes (for a list, each item): the validator and the OpenAPI
# schema (api/v1/schema.py) both read them here.
LIMITS: dict[str, int] = {
    "on_behalf.organisation": 200,
    "what_happened": 20000,
    "behaviour_other": 500,
    "online.platform": 100,
    "online.links": 2000,
    "online.account_names": 200,
    "place": 1000,
    "motivation_other": 500,
    **COMMUNITY_LIMITS,
}

SECTIONS: dict[str, tuple[str, ...]] = {
    "who": ("reporter_role", "on_behalf"),
    "victim_consent": ("victim_knows", "victim_agrees_to_contact"),
    "anonymous": ("anonymous",),
    "what_happened": ("what_happened",),
    "behaviours": ("behaviours", "behaviour_other"),
    "when": ("occurred_on", "occurred_on_approximate", "occurred_at"),
    # `area` is the area's slug; `borough` is its older name, still taken (docs/adr/0760).
    "where": ("area", "borough", "place", "postcode", "online"),
    "why": (
        "motivations",
        "motivation_other",
        "targeted_communities",
        "targeted_community_other",
        "targeted_community",  # the old free text: answered with what to send instead
    ),
    "injuries": ("injuries",),
    "suspects": ("suspects",),
    "witnesses": ("witnesses",),
    "support": ("support", "safe_contact"),
    "contact": ("contact", "victim"),
}
# The contact section's rules depend on earlier answers, passed in beside its own fields.
SECTION_CONTEXT: dict[str, tuple[str, ...]] = {
    "contact": ("anonymous", "reporter_role"),
    "victim_consent": ("reporter_role", "on_behalf"),
    # The safe-contact answers are about the person who will be contacted (reporting/people.py).
    "support": ("anonymous", "reporter_role", "victim_knows", "victim_agrees_to_contact"),
}


class ReportInvalid(Exception):
    """The payload breaks the rules; `errors` holds messages keyed by dotted path."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(f"invalid report: {sorted(errors)}")
        self.errors = errors


Cleaned = dict[str, Any]


def _put(cleaned: Cleaned, key: str, value: Any) -> None:
    if value is not None:
        cleaned[key] = value


def _who(data: dict[str, Any], errors: Errors) -> Cleaned:
    cleaned: Cleaned = {}
    role = checks.choice(
        data.get("reporter_role", MISSING),
        "reporter_role",
        errors,
        options=REPORTER_ROLES,
        message=_("Select who is reporting"),
    )
    _put(cleaned, "reporter_role", role)
    raw = data.get("on_behalf", MISSING)
    if role == "on_behalf" and raw in (MISSING, None):
        errors.add("on_behalf", _("Tell us how you know the person it happened to"))
    elif role is not None and role != "on_behalf" and raw not in (MISSING, None):
        errors.add("on_behalf", _("Only answer this when you report for someone else"))
    behalf = checks.obj(raw, "on_behalf", errors)
    if behalf is not None and role in ("on_behalf", None):
        checks.reject_unknown(
            behalf,
            ("relationship", "organisation", "victim_knows", "victim_agrees"),
            errors,
            "on_behalf",
        )
        item: Cleaned = {}
        _put(
            item,
            "relationship",
            checks.choice(
                behalf.get("relationship", MISSING),
                "on_behalf.relationship",
                errors,
                options=RELATIONSHIPS,
                message=_("Select how you know the person it happened to"),
            ),
        )
        _put(
            item,
            "organisation",
            checks.text(
                behalf.get("organisation", MISSING),
                "on_behalf.organisation",
                errors,
                max_length=LIMITS["on_behalf.organisation"],
                too_long=_("Organisation must be 200 characters or fewer"),
            ),
        )
        knows = checks.choice(
            behalf.get("victim_knows", MISSING),
            "on_behalf.victim_knows",
            errors,
            options=YES_NO_NOT_SURE,
            message=_("Select whether the person it happened to knows you are reporting it"),
            required=False,  # the older place of `victim_knows` (payload_contact.py)
        )
        _put(item, "victim_knows", knows)
        _put(
            item,
            "victim_agrees",
            checks.choice(
                behalf.get("victim_agrees", MISSING),
                "on_behalf.victim_agrees",
                errors,
                options=YES_NO_NOT_SURE,
                message=_("Select whether the person it happened to agrees to you reporting it"),
                required=False,
            ),
        )
        cleaned["on_behalf"] = item
    return cleaned


def _anonymous(data: dict[str, Any], errors: Errors) -> Cleaned:
    cleaned: Cleaned = {}
    _put(
        cleaned,
        "anonymous",
        checks.boolean(
            data.get("anonymous", MISSING),
            "anonymous",
            errors,
            required=_("Select whether you want to report anonymously"),
        ),
    )
    return cleaned


def _what_happened(data: dict[str, Any], errors: Errors) -> Cleaned:
    cleaned: Cleaned = {}
    _put(
        cleaned,
        "what_happened",
        checks.text(
            data.get("what_happened", MISSING),
            "what_happened",
            errors,
            max_length=LIMITS["what_happened"],
            required=_("Enter what happened"),
            too_long=_("What happened must be 20,000 characters or fewer"),
        ),
    )
    return cleaned


def _behaviours(data: dict[str, Any], errors: Errors, *, required: bool = False) -> Cleaned:
    cleaned: Cleaned = {}
    chosen = checks.choices(
        data.get("behaviours", MISSING),
        "behaviours",
        errors,
        options=BEHAVIOURS,
        required=_("Select at least one kind of behaviour") if required else None,
        invalid=_("Select a kind of behaviour from the list"),
        repeated=_("Select each kind of behaviour only once"),
    )
    _put(cleaned, "behaviours", chosen)
    other = checks.text(
        data.get("behaviour_other", MISSING),
        "behaviour_other",
        errors,
        max_length=LIMITS["behaviour_other"],
        required=_("Describe the other kind of behaviour")
        if chosen and Behaviour.OTHER in chosen
        else None,
        too_long=_("The other kind of behaviour must be 500 characters or fewer"),
    )
    _put(cleaned, "behaviour_other", other)
    return cleaned


def _when(data: dict[str, Any], errors: Errors) -> Cleaned:
    cleaned: Cleaned = {}
    today = checks.today()
    _put(
        cleaned,
        "occurred_on",
        checks.date(
            data.get("occurred_on", MISSING),
            "occurred_on",
            errors,
            required=_("Enter the date it happened"),
            today=today,
            label=_("The date it happened"),
        ),
    )
    approximate = checks.boolean(
        data.get("occurred_on_approximate", MISSING), "occurred_on_approximate", errors
    )
    cleaned["occurred_on_approximate"] = bool(approximate)
    _put(cleaned, "occurred_at", checks.time_of_day(data.get("occurred_at"), "occurred_at", errors))
    return cleaned


def _area_answer(data: dict[str, Any], errors: Errors) -> tuple[str | None, Any]:
    """(the field it came in, the answer) of `area` or its alias `borough`; (None, None) and
    an error when both are given and differ."""
    area, borough = data.get("area", MISSING), data.get("borough", MISSING)
    if area in (MISSING, None, ""):
        return ("borough" if borough is not MISSING else "area"), borough
    if borough not in (MISSING, None, "") and borough != area:
        errors.add("area", _("Give the area once: area and borough are the same answer"))
        return None, None
    return "area", area


def _online(raw: Any, errors: Errors) -> Cleaned | None:
    online = checks.obj(raw, "online", errors)
    if online is None:
        return None
    checks.reject_unknown(
        online, ("platform", "links", "account_names", *TRUE_VISION_FLAGS), errors, "online"
    )
    item: Cleaned = {}
    _put(
        item,
        "platform",
        checks.text(
            online.get("platform", MISSING),
            "online.platform",
            errors,
            max_length=LIMITS["online.platform"],
            required=_("Enter the website, app or platform where it happened"),
            too_long=_("The platform must be 100 characters or fewer"),
        ),
    )
    _put(
        item,
        "links",
        checks.text_list(
            online.get("links"),
            "online.links",
            errors,
            max_items=20,
            max_length=LIMITS["online.links"],
            item_check=checks.link,
        ),
    )
    _put(
        item,
        "account_names",
        checks.text_list(
            online.get("account_names"),
            "online.account_names",
            errors,
            max_items=20,
            max_length=LIMITS["online.account_names"],
        ),
    )
    for flag in TRUE_VISION_FLAGS:
        item[flag] = bool(checks.boolean(online.get(flag), f"online.{flag}", errors))
    return item


def _where(data: dict[str, Any], errors: Errors) -> Cleaned:
    """Where it happened. The area is stored under `borough` (the name older reports have),
    whether it was sent as `area` or `borough`."""
    cleaned: Cleaned = {}
    online = _online(data.get("online", MISSING), errors)
    path, raw_area = _area_answer(data, errors)
    message = _("Select the area where it happened, or 'I don't know'")
    if path is None:
        pass  # `area` and `borough` disagree: said once already
    elif raw_area in (MISSING, None, "") and online is not None:
        cleaned["borough"] = Area.UNKNOWN
    elif raw_area in (MISSING, None, ""):
        if "online" not in errors and not any(p.startswith("online.") for p in errors.by_path):
            errors.add(path, message)
    elif (
        not isinstance(raw_area, str)
        or not Area.objects.filter(slug=raw_area, is_active=True).exists()
    ):
        errors.add(path, message)
    else:
        cleaned["borough"] = raw_area
    _put(
        cleaned,
        "place",
        checks.text(
            data.get("place", MISSING),
            "place",
            errors,
            max_length=LIMITS["place"],
            too_long=_("The description of the place must be 1,000 characters or fewer"),
        ),
    )
    _put(cleaned, "postcode", checks.postcode(data.get("postcode", MISSING), "postcode", errors))
    _put(cleaned, "online", online)
    return cleaned


def _why(data: dict[str, Any], errors: Errors) -> Cleaned:
    cleaned: Cleaned = {}
    chosen = checks.choices(
        data.get("motivations", MISSING),
        "motivations",
        errors,
        options=MOTIVATIONS,
        required=_("Select at least one reason you think it was motivated by hate"),
        invalid=_("Select a reason from the list"),
        repeated=_("Select each reason only once"),
    )
    if chosen and NOT_SURE in chosen and len(chosen) > 1:
        errors.add("motivations", _("Select 'Not sure' on its own, or select the reasons"))
        chosen = None
    _put(cleaned, "motivations", chosen)
    _put(
        cleaned,
        "motivation_other",
        checks.text(
            data.get("motivation_other", MISSING),
            "motivation_other",
            errors,
            max_length=LIMITS["motivation_other"],
            required=_("Describe the other reason") if chosen and "other" in chosen else None,
            too_long=_("The other reason must be 500 characters or fewer"),
        ),
    )
    cleaned.update(communities(data, errors))
    return cleaned


SectionCheck = Callable[[dict[str, Any], Errors], Cleaned]


def _sections() -> dict[str, SectionCheck]:

    return {
        "who": _who,
        "victim_consent": victim_consent,
        "anonymous": _anonymous,
        "what_happened": _what_happened,
        "behaviours": _behaviours,
        "when": _when,
        "where": _where,
        "why": _why,
        "injuries": people.injuries,
        "suspects": people.suspects,
        "witnesses": people.witnesses,
        "support": people.support,
        "contact": people.contact,
    }


def validate_section(
    name: str, data: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Check one step of the journey. Returns (cleaned answers, errors by dotted path)."""
    if name not in SECTIONS:
        raise KeyError(f"no section {name!r}")
    errors = Errors()
    if not isinstance(data, dict):
        errors.add("", _("Must be an object with named fields"))
        return {}, errors.by_path
    checks.reject_unknown(data, SECTIONS[name] + SECTION_CONTEXT.get(name, ()), errors)
    cleaned = _sections()[name](data, errors)
    return cleaned, errors.by_path


def validate_report(data: dict[str, Any], *, require_behaviours: bool = False) -> dict[str, Any]:
    """Check a whole report; return the cleaned payload or raise ReportInvalid."""
    with checks.one_language():
        return _validate_report(data, require_behaviours=require_behaviours)


def _validate_report(data: dict[str, Any], *, require_behaviours: bool) -> dict[str, Any]:
    errors = Errors()
    if not isinstance(data, dict):
        raise ReportInvalid({"": [_("The report must be a JSON object")]})
    known = {key for keys in SECTIONS.values() for key in keys}
    checks.reject_unknown(data, known, errors)
    cleaned: Cleaned = {}
    for name, check in _sections().items():
        if name == "behaviours":
            part = _behaviours(data, errors, required=require_behaviours)
        else:
            part = check(data, errors)
        cleaned.update(part)
    if errors:
        raise ReportInvalid(errors.by_path)
    return cleaned


def is_true_vision_local(cleaned: dict[str, Any]) -> bool:
    """True Vision rule: an online report goes to the local force when any flag is set."""
    online = cleaned.get("online") or {}
    return any(online.get(flag) for flag in TRUE_VISION_FLAGS)


def route_area(cleaned: dict[str, Any]) -> Area:
    """The area whose queue receives the report (docs/report-payload.md, Routing)."""
    slug = cleaned.get("borough") or Area.UNKNOWN
    if cleaned.get("online") and not is_true_vision_local(cleaned):
        slug = Area.UNKNOWN
    area = Area.objects.filter(slug=slug, is_active=True).first()
    if area is None:  # an inactive triage area still receives reports
        area = Area.objects.filter(is_triage=True).order_by("-is_active", "id").first()
    if area is None:
        raise Area.DoesNotExist("no triage area is configured")
    return area

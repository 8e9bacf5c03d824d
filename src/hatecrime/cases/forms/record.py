"""A call handler records a report on someone's behalf: the public journey's questions on one
long page, grouped in sections, plus the channel. Field names are payload paths with `__` for
`.`, so the payload validator's messages land on the right field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.cases.models import ContactMethod
from hatecrime.core import languages
from hatecrime.core.forms import CommunitiesField, MultipleFileInput, field_of, lines
from hatecrime.core.models import MOTIVATIONS, Area, Community, strand_label
from hatecrime.reporting.evidence import EvidenceUpload
from hatecrime.reporting.models import STAFF_CHANNELS, Behaviour, Relationship, ReporterRole

YES_NO_NOT_SURE = [("yes", _("Yes")), ("no", _("No")), ("not_sure", _("Not sure"))]
STAFF_CHANNEL_CHOICES = [(channel.value, channel.label) for channel in STAFF_CHANNELS]
MOTIVATION_CHOICES = [(code, strand_label(code)) for code in MOTIVATIONS]
SUSPECT_COUNTS = [
    ("one", _("One")),
    ("two", _("Two")),
    ("three_or_more", _("Three or more")),
    ("not_known", _("Not known")),
]
PERSON_FIELDS = ("name", "email", "phone", "address", "postcode", "date_of_birth")
LIST_FIELDS = {
    "online__links",
    "online__account_names",
    "suspects__names",
    "suspects__handles",
    "suspects__phone_numbers",
}

# Sections of the page: (heading, field name prefixes or names).
SECTIONS: list[tuple[Any, tuple[str, ...]]] = [
    (_("How the report was made"), ("channel", "language")),
    (
        _("Who is reporting"),
        ("reporter_role", "on_behalf__", "victim_knows", "victim_agrees", "anonymous"),
    ),
    (_("What happened"), ("what_happened", "behaviours", "behaviour_other")),
    (_("When and where"), ("occurred_", "borough", "place", "postcode", "online")),
    (
        _("Why it was hate"),
        ("motivations", "motivation_other", "targeted_communities", "targeted_community_other"),
    ),
    (_("Injuries, suspects and witnesses"), ("injuries__", "suspects__", "witnesses__")),
    (_("Evidence"), ("evidence",)),
    (_("Support and safe contact"), ("support__", "safe_contact__")),
    (_("Contact details of the person reporting"), ("contact__",)),
    (_("The victim's details (witness or someone reporting for them)"), ("victim__",)),
]


def _text(label: Any, *, long: bool = False, max_length: int = 20000) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 4}) if long else forms.TextInput()
    return forms.CharField(label=label, required=False, max_length=max_length, widget=widget)


def _choice(label: Any, choices: list[tuple[str, Any]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=choices, widget=forms.RadioSelect)


def _many(label: Any, choices: list[tuple[str, Any]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
    )


def _flag(label: Any) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


class EvidenceFilesField(forms.FileField):
    """Several files in one input; the checks (kind, size, count) are the submit action's, so
    that the messages are the same as on the public journey and the API."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [item for item in files if item]


class RecordReportForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How was the report made?"),
        choices=STAFF_CHANNEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the report was made")},
    )
    # The report's language: receipts and updates go in it (docs/adr/0701).
    language = forms.ChoiceField(
        label=_("Language for messages to the person (receipts and updates)"),
        required=False,
        initial=languages.DEFAULT,
    )
    reporter_role = _choice(_("Who is reporting?"), ReporterRole.choices)
    on_behalf__relationship = forms.ChoiceField(
        label=_("Relationship to the victim (if reporting for them)"),
        required=False,
        choices=[("", ""), *Relationship.choices],
    )
    on_behalf__organisation = _text(_("Organisation (if any)"), max_length=200)
    victim_knows = _choice(
        _("Witness or someone reporting for them: does the victim know about this report?"),
        YES_NO_NOT_SURE,
    )
    victim_agrees_to_contact = _choice(
        _("If they know: do they agree to the police contacting them?"), YES_NO_NOT_SURE
    )
    anonymous = _flag(_("The person wants to report anonymously (no contact details)"))
    what_happened = _text(_("What happened"), long=True)
    behaviours = _many(_("What kind of behaviour was it?"), Behaviour.choices)
    behaviour_other = _text(_("Other behaviour"), max_length=500)
    occurred_on = forms.DateField(
        label=_("Date it happened"),
        required=False,
        widget=forms.DateInput(attrs={"width": "10"}, format="%Y-%m-%d"),
        help_text=_("For example, 2026-11-19"),
    )
    occurred_on_approximate = _flag(_("The date is approximate"))
    occurred_at = _text(_("Time (24-hour, HH:MM)"), max_length=5)
    borough = forms.ChoiceField(label=_("Area"), required=False)
    place = _text(_("Description of the place"), long=True, max_length=1000)
    postcode = _text(_("Postcode of the place"), max_length=10)
    online = _flag(_("It happened online"))
    online__platform = _text(_("Platform or website"), max_length=100)
    online__links = _text(_("Links (one per line)"), long=True)
    online__account_names = _text(_("Account names (one per line)"), long=True)
    online__immediate_danger = _flag(
        _("Immediate danger or risk of harm to the reporter or named people")
    )
    online__poster_identity_known = _flag(_("The poster's real-name identity is known"))
    online__future_event = _flag(_("It relates to a future event (protest, match)"))
    motivations = _many(
        _("Why does the person think it was motivated by hate?"), MOTIVATION_CHOICES
    )
    motivation_other = _text(_("Other reason"), max_length=500)
    targeted_communities = CommunitiesField(
        label=_("Which communities does the person think it was aimed at? (optional)"),
        with_groups=True,
    )
    targeted_community_other = _text(
        _("Which other community (if Other)"), max_length=Community.OTHER_MAX_LENGTH
    )
    injuries__injured = _choice(_("Was anyone injured?"), YES_NO_NOT_SURE)
    injuries__description = _text(_("Injuries"), long=True, max_length=2000)
    injuries__treatment_needed = _flag(_("Treatment was needed"))
    suspects__count = _choice(_("How many people did it?"), SUSPECT_COUNTS)
    suspects__description = _text(_("Description of the suspects"), long=True, max_length=4000)
    suspects__known_to_victim = _choice(_("Does the victim know who did it?"), YES_NO_NOT_SURE)
    suspects__names = _text(_("Suspects' names (one per line)"), long=True)
    suspects__handles = _text(_("Suspects' online handles (one per line)"), long=True)
    suspects__phone_numbers = _text(_("Suspects' phone numbers (one per line)"), long=True)
    witnesses__any = _choice(_("Did anyone see it happen?"), YES_NO_NOT_SURE)
    witnesses__details = _text(_("Witness details"), long=True, max_length=4000)
    support__referral_consent = _flag(_("Agrees to be referred to a support organisation"))
    support__interpreter_language = _text(_("Interpreter needed: language"), max_length=100)
    support__accessibility_needs = _text(_("Accessibility needs"), long=True, max_length=2000)
    # About the person the police will contact: the victim, or the person reporting when the
    # victim does not know about the report or has not agreed to contact.
    safe_contact__methods = _many(
        _("Safe ways to contact the person we will contact"), ContactMethod.choices
    )
    safe_contact__safe_days = _choice(
        _("Safe days"),
        [
            ("any", _("Any day")),
            ("working_days", _("Weekdays, not bank holidays")),
            ("non_working_days", _("Weekends and bank holidays only")),
        ],
    )
    safe_contact__safe_from = _text(_("Safe from (24-hour, HH:MM)"), max_length=5)
    safe_contact__safe_until = _text(_("Safe until (24-hour, HH:MM)"), max_length=5)
    safe_contact__safe_times = _text(_("Anything else about safe times"), max_length=500)
    safe_contact__voicemail_safe = _flag(_("It is safe to leave them a voicemail"))
    safe_contact__letter_safe = _flag(_("It is safe to send them a letter"))

    evidence = EvidenceFilesField(
        label=_("Photos, screenshots or documents"),
        required=False,
        help_text=_("JPG, PNG, GIF, WebP or PDF. Location data is removed from photos."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        field_of(self, "language", forms.ChoiceField).choices = [
            (language.code, languages.for_staff(language.code))
            for language in languages.available()
        ]
        field_of(self, "borough", forms.ChoiceField).choices = [("", "")] + [
            (area.slug, area.name) for area in Area.objects.filter(is_active=True)
        ]
        for prefix, heading in (("contact", _("Reporter")), ("victim", _("Victim"))):
            labels = {
                "name": _("Full name"),
                "email": _("Email address"),
                "phone": _("Phone number"),
                "address": _("Address"),
                "postcode": _("Postcode"),
                "date_of_birth": _("Date of birth (YYYY-MM-DD)"),
            }
            for name in PERSON_FIELDS:
                self.fields[f"{prefix}__{name}"] = _text(
                    f"{heading}: {labels[name]}", long=name == "address", max_length=1000
                )

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (heading, [self[name] for name in self.fields if name.startswith(prefixes)])
            for heading, prefixes in SECTIONS
        ]

    def to_payload(self) -> dict[str, Any]:
        """The report payload (docs/report-payload.md) from the cleaned answers; empty answers
        are left out so the validator sees only what was given."""
        data = self.cleaned_data
        payload: dict[str, Any] = {}
        for name, value in data.items():
            if name in {"channel", "language", "online", "evidence"} or value in (
                "",
                None,
                [],
                False,
            ):
                continue
            if name in LIST_FIELDS:
                value = lines(value)
            elif name == "occurred_on":
                value = value.isoformat()
            elif name.endswith("__postcode") or name == "postcode":
                value = value.strip()
            parts = name.split("__")
            target = payload
            for part in parts[:-1]:
                target = target.setdefault(part, {})
            target[parts[-1]] = value
        payload["anonymous"] = bool(data.get("anonymous"))
        if not data.get("online"):
            payload.pop("online", None)
        elif "online" not in payload:
            payload["online"] = {}
        if payload.get("reporter_role") != "on_behalf":
            payload.pop("on_behalf", None)
        if payload.get("reporter_role") not in ("witness", "on_behalf"):
            payload.pop("victim_knows", None)
            payload.pop("victim_agrees_to_contact", None)
        if payload["anonymous"]:
            payload.pop("contact", None)
            payload.pop("victim", None)
        elif payload.get("reporter_role") == "victim":
            payload.pop("victim", None)
        return payload

    def evidence_uploads(self) -> list[EvidenceUpload]:
        return [
            EvidenceUpload(item.name, item.read(), getattr(item, "content_type", "") or "")
            for item in self.cleaned_data.get("evidence") or []
        ]

    def add_payload_errors(self, errors: dict[str, list[str]]) -> None:
        """Put each validator message on the field its dotted path names (or the nearest)."""
        for path, messages in errors.items():
            parts = [part for part in path.split(".") if not part.isdigit()]
            field = None
            while parts:
                candidate = "__".join(parts)
                if candidate in self.fields:
                    field = candidate
                    break
                matches = [name for name in self.fields if name.startswith(candidate + "__")]
                if matches:
                    field = matches[0]
                    break
                parts.pop()
            for message in messages:
                self.add_error(field, message)

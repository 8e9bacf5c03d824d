"""Pages about what happened: the account, the behaviour, when, where and why."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.core.forms import CommunitiesField, field_of, lines
from hatecrime.core.models import MOTIVATIONS, NOT_SURE, Area, Community, Strand
from hatecrime.reporting.forms.base import (
    YES_NO,
    DatePartsField,
    GovukForm,
    RadiosField,
    bool_from,
    drop_empty,
    one_per_line,
    yes_no_from,
)
from hatecrime.reporting.models import Behaviour


class WhatHappenedForm(GovukForm):
    section = "what_happened"
    owned_keys = ("what_happened",)
    heading_field = "what_happened"
    character_counts = {"what_happened": 20000}

    what_happened = forms.CharField(
        label=_("Tell us what happened"),
        help_text=_(
            "In your own words. Include what was said or done, and anything that makes you "
            "think it was because of who they are or who they thought they were."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        strip=False,
    )

    def to_fragment(self) -> dict[str, Any]:
        return {"what_happened": self.cleaned_data.get("what_happened") or ""}

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return drop_empty({"what_happened": answers.get("what_happened")})


# The public's wording of each behaviour (the codes and staff wording: reporting.models.Behaviour).
PUBLIC_BEHAVIOUR_LABELS = {
    Behaviour.VERBAL_ABUSE: _("Verbal abuse, such as shouting or name-calling"),
    Behaviour.HATE_MAIL: _("Hate mail or letters"),
    Behaviour.HARASSMENT: _("Harassment or stalking"),
}
BEHAVIOUR_CHOICES = [
    (behaviour.value, PUBLIC_BEHAVIOUR_LABELS.get(behaviour, behaviour.label))
    for behaviour in Behaviour
]


class BehavioursForm(GovukForm):
    section = "behaviours"
    owned_keys = ("behaviours", "behaviour_other")
    heading_field = "behaviours"
    conditionals = {"behaviours": {"other": ["behaviour_other"]}}

    behaviours = forms.MultipleChoiceField(
        label=_("What kind of behaviour was it?"),
        help_text=_("Select all that apply."),
        choices=BEHAVIOUR_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    behaviour_other = forms.CharField(label=_("Describe what it was"), required=False)

    def clean_behaviours(self) -> list[str]:
        # The page asks for at least one; the API does not (docs/report-payload.md).
        chosen: list[str] = self.cleaned_data.get("behaviours") or []
        if not chosen:
            raise forms.ValidationError(_("Select at least one kind of behaviour"))
        return chosen

    def to_fragment(self) -> dict[str, Any]:
        chosen = self.cleaned_data.get("behaviours") or []
        fragment: dict[str, Any] = {"behaviours": chosen}
        if "other" in chosen:
            fragment["behaviour_other"] = self.cleaned_data.get("behaviour_other") or None
        return drop_empty(fragment)

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return drop_empty(
            {
                "behaviours": answers.get("behaviours"),
                "behaviour_other": answers.get("behaviour_other"),
            }
        )


class WhenForm(GovukForm):
    section = "when"
    owned_keys = ("occurred_on", "occurred_on_approximate", "occurred_at")
    error_map = {"occurred_on_approximate": "approximate"}

    occurred_on = DatePartsField(
        subject=_("the date it happened"),
        label=_("What date did it happen?"),
        help_text=_("For example, 27 3 2026. If it went on over a period, give the latest date."),
        required=False,
    )
    approximate = forms.MultipleChoiceField(
        label=_("Is the date exact?"),
        choices=[("yes", _("The date is approximate"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    occurred_at = forms.CharField(
        label=_("What time did it happen? (optional)"),
        help_text=_("Use the 24-hour clock, for example 18:30."),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
    )

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        return drop_empty(
            {
                "occurred_on": data.get("occurred_on") or None,
                "occurred_on_approximate": "yes" in (data.get("approximate") or []),
                "occurred_at": (data.get("occurred_at") or "").strip() or None,
            }
        ) | {"occurred_on_approximate": "yes" in (data.get("approximate") or [])}

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return drop_empty(
            {
                "occurred_on": answers.get("occurred_on"),
                "approximate": ["yes"] if answers.get("occurred_on_approximate") else None,
                "occurred_at": answers.get("occurred_at"),
            }
        )


def borough_choices() -> list[tuple[str, Any]]:
    """The loaded areas (any force's), then "I don't know" (the central triage queue)."""
    areas = Area.objects.filter(is_active=True, is_triage=False).order_by("name")
    return [
        ("", _("Choose an area")),
        *((area.slug, area.name) for area in areas),
        (Area.UNKNOWN, _("I don’t know")),
    ]


TRUE_VISION = {
    "immediate_danger": _("Is anyone in danger, or at risk of harm, because of it?"),
    "poster_identity_known": _("Do you know the real name of the person who posted it?"),
    "future_event": _("Is it about something that is going to happen, such as a protest or match?"),
}


class WhereForm(GovukForm):
    section = "where"
    owned_keys = ("borough", "place", "postcode", "online")
    heading_field = "setting"
    conditionals = {
        "setting": {
            "place": ["borough", "place", "postcode"],
            "online": [
                "platform",
                "links",
                "account_names",
                "immediate_danger",
                "poster_identity_known",
                "future_event",
                "online_borough",
            ],
        }
    }
    inline = {"immediate_danger", "poster_identity_known", "future_event"}
    error_map = {"area": "borough", "online": "platform"}

    setting = RadiosField(
        _("Where did it happen?"),
        [
            ("place", _("In a place, such as a street, home, shop or bus")),
            ("online", _("Online, such as on social media, in a game or by message")),
        ],
    )
    # The field keeps its older name, `borough`; its words fit any force's areas (ADR 0760).
    borough = forms.ChoiceField(label=_("Which area did it happen in?"), choices=[], required=False)
    place = forms.CharField(
        label=_("Describe the place (optional)"),
        help_text=_("For example, the street, the shop or the bus route."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    platform = forms.CharField(
        label=_("Which website, app or platform?"),
        help_text=_("For example, a social media site or a game."),
        required=False,
    )
    links = one_per_line(
        _("Links to the posts or messages (optional)"),
        _("Put each link on a new line."),
        rows=3,
    )
    account_names = one_per_line(
        _("Names of the accounts that posted it (optional)"),
        _("Put each account name on a new line."),
        rows=3,
    )
    immediate_danger = RadiosField(TRUE_VISION["immediate_danger"], YES_NO)
    poster_identity_known = RadiosField(TRUE_VISION["poster_identity_known"], YES_NO)
    future_event = RadiosField(TRUE_VISION["future_event"], YES_NO)
    online_borough = forms.ChoiceField(
        label=_("Which area do you, or the person it happened to, live in? (optional)"),
        choices=[],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = borough_choices()
        field_of(self, "borough", forms.ChoiceField).choices = choices
        field_of(self, "online_borough", forms.ChoiceField).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        setting = data.get("setting")
        if not setting:
            self.add_error("setting", _("Select whether it happened in a place or online"))
        if setting == "online":
            for flag, _question in TRUE_VISION.items():
                if not data.get(flag):
                    self.add_error(flag, _("Select yes or no"))
        return data

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data.get("setting") == "online":
            online = {
                "platform": data.get("platform") or None,
                "links": lines(data.get("links")),
                "account_names": lines(data.get("account_names")),
            }
            online = drop_empty(online)
            for flag in TRUE_VISION:
                online[flag] = bool(bool_from(data.get(flag)))
            return drop_empty({"online": online, "borough": data.get("online_borough") or None})
        return drop_empty(
            {
                "borough": data.get("borough") or None,
                "place": data.get("place") or None,
                "postcode": data.get("postcode") or None,
            }
        )

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        online = answers.get("online")
        if online:
            return drop_empty(
                {
                    "setting": "online",
                    "platform": online.get("platform"),
                    "links": "\n".join(online.get("links") or []),
                    "account_names": "\n".join(online.get("account_names") or []),
                    "online_borough": answers.get("borough"),
                    **{flag: yes_no_from(online.get(flag)) for flag in TRUE_VISION},
                }
            )
        if "borough" not in answers:
            return {}
        return drop_empty(
            {
                "setting": "place",
                "borough": answers.get("borough"),
                "place": answers.get("place"),
                "postcode": answers.get("postcode"),
            }
        )


# The public's wording of each reason (the codes: core.models.MOTIVATIONS). It describes what
# was done or perceived, never who the person is.
PUBLIC_MOTIVATION_LABELS = {
    Strand.RACE: _(
        "Their race, colour, nationality or ethnic background, or what people think it is"
    ),
    Strand.RELIGION: _("Their religion or beliefs, or what people think they are"),
    Strand.SEXUAL_ORIENTATION: _(
        "Their sexual orientation (for example being gay, lesbian or bisexual), "
        "or what people think it is"
    ),
    Strand.DISABILITY: _("A disability they have, or that people think they have"),
    Strand.TRANSGENDER: _("Being transgender, or being thought to be transgender"),
    Strand.OTHER: _("Something else"),
    NOT_SURE: _("I’m not sure"),
}
MOTIVATION_CHOICES = [(code, PUBLIC_MOTIVATION_LABELS[code]) for code in MOTIVATIONS]


class WhyForm(GovukForm):
    section = "why"
    owned_keys = (
        "motivations",
        "motivation_other",
        "targeted_communities",
        "targeted_community_other",
        "targeted_community",  # the free text of old, in drafts saved before: cleared here
    )
    heading_field = "motivations"
    error_map = {"targeted_community": "targeted_communities"}
    conditionals = {
        "motivations": {Strand.OTHER: ["motivation_other"]},
        "targeted_communities": {Community.OTHER: ["targeted_community_other"]},
    }
    exclusive = {"motivations": NOT_SURE}

    motivations = forms.MultipleChoiceField(
        label=_("Why do you think it was because of hate?"),
        help_text=_(
            "Was it because of who they are, or who the person doing it thought they were? "
            "You do not need proof: what you think is enough. Select all that apply."
        ),
        choices=MOTIVATION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    motivation_other = forms.CharField(label=_("Tell us what else"), required=False)
    targeted_communities = CommunitiesField(
        label=_("Which community do you think it was aimed at? (optional)"),
        help_text=_("Select all that apply."),
    )
    targeted_community_other = forms.CharField(label=_("Tell us which community"), required=False)

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = data.get("motivations") or []
        communities = data.get("targeted_communities") or []
        return drop_empty(
            {
                "motivations": chosen,
                "motivation_other": (data.get("motivation_other") or None)
                if Strand.OTHER in chosen
                else None,
                "targeted_communities": communities,
                "targeted_community_other": (data.get("targeted_community_other") or None)
                if Community.OTHER in communities
                else None,
            }
        )

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return drop_empty({key: answers.get(key) for key in cls.owned_keys})

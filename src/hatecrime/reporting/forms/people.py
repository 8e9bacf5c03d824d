"""Pages about the people involved: injuries, who did it, and who saw it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.core.forms import lines
from hatecrime.reporting.forms.base import (
    YES_NO,
    GovukForm,
    RadiosField,
    bool_from,
    drop_empty,
    one_per_line,
    yes_no_from,
)

YES_NO_NOT_SURE = [("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I’m not sure"))]


class InjuriesForm(GovukForm):
    section = "injuries"
    owned_keys = ("injuries",)
    heading_field = "injured"
    conditionals = {"injured": {"yes": ["description", "treatment_needed"]}}
    inline = {"treatment_needed"}
    error_map = {"injuries": "injured"}

    injured = RadiosField(
        _("Was anyone hurt?"), YES_NO_NOT_SURE, missing=_("Select whether anyone was injured")
    )
    description = forms.CharField(
        label=_("Describe the injuries (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    treatment_needed = RadiosField(_("Did anyone need medical treatment?"), YES_NO)

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        item: dict[str, Any] = {"injured": data.get("injured") or None}
        if data.get("injured") == "yes":
            item["description"] = data.get("description") or None
            item["treatment_needed"] = bool_from(data.get("treatment_needed"))
        return {"injuries": drop_empty(item)}

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        item = answers.get("injuries") or {}
        return drop_empty(
            {
                "injured": item.get("injured"),
                "description": item.get("description"),
                "treatment_needed": yes_no_from(item.get("treatment_needed")),
            }
        )


class SuspectsForm(GovukForm):
    section = "suspects"
    owned_keys = ("suspects",)
    heading_field = "count"
    error_map = {"suspects": "count"}

    count = RadiosField(
        _("How many people did it?"),
        [
            ("one", _("One person")),
            ("two", _("Two people")),
            ("three_or_more", _("Three or more people")),
            ("not_known", _("I don’t know")),
        ],
        missing=_("Select how many people did it"),
    )
    description = forms.CharField(
        label=_("Describe them (optional)"),
        help_text=_("For example, what they looked like, what they wore, what they said."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    known_to_victim = RadiosField(
        _("Does the person it happened to know who did it? (optional)"), YES_NO_NOT_SURE
    )
    names = one_per_line(
        _("Their names, if you know them (optional)"),
        _("Put each name on a new line."),
        spellcheck=True,
    )
    handles = one_per_line(
        _("Their online account names, if you know them (optional)"),
        _("Put each account name on a new line."),
    )
    phone_numbers = one_per_line(
        _("Their phone numbers, if you know them (optional)"),
        _("Put each number on a new line."),
    )

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        item = {
            "count": data.get("count") or None,
            "description": data.get("description") or None,
            "known_to_victim": data.get("known_to_victim") or None,
            "names": lines(data.get("names")),
            "handles": lines(data.get("handles")),
            "phone_numbers": lines(data.get("phone_numbers")),
        }
        return {"suspects": drop_empty(item)}

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        item = answers.get("suspects") or {}
        return drop_empty(
            {
                "count": item.get("count"),
                "description": item.get("description"),
                "known_to_victim": item.get("known_to_victim"),
                "names": "\n".join(item.get("names") or []),
                "handles": "\n".join(item.get("handles") or []),
                "phone_numbers": "\n".join(item.get("phone_numbers") or []),
            }
        )


class WitnessesForm(GovukForm):
    section = "witnesses"
    owned_keys = ("witnesses",)
    heading_field = "any"
    conditionals = {"any": {"yes": ["details"]}}
    error_map = {"witnesses": "any"}

    any = RadiosField(
        _("Did anyone else see or hear it happen?"),
        YES_NO_NOT_SURE,
        missing=_("Select whether anyone saw it happen"),
    )
    details = forms.CharField(
        label=_("Tell us about them (optional)"),
        help_text=_("For example, their names or how to contact them, if you know."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        item = {
            "any": data.get("any") or None,
            "details": (data.get("details") or None) if data.get("any") == "yes" else None,
        }
        return {"witnesses": drop_empty(item)}

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        item = answers.get("witnesses") or {}
        return drop_empty({"any": item.get("any"), "details": item.get("details")})

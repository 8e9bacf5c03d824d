"""Pages about the person reporting: who they are, and whether they give their name."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.reporting.forms.base import GovukForm, RadiosField, drop_empty
from hatecrime.reporting.models import Relationship, ReporterRole

_ROLE_WORDS = {
    ReporterRole.VICTIM: _("It happened to me"),
    ReporterRole.WITNESS: _("I saw or heard it happen to someone else"),
    ReporterRole.ON_BEHALF: _("I am reporting for the person it happened to"),
}
ROLE_CHOICES = [(code, _ROLE_WORDS[code]) for code in ReporterRole]
# The public's words where they differ from the standard labels (codes: Relationship).
_RELATIONSHIP_WORDS: dict[str, Any] = {
    Relationship.LOCAL_AUTHORITY: _("Someone from the local council"),
    Relationship.HOUSING_ASSOCIATION: _("Someone from a housing association"),
    Relationship.ADVICE_BUREAU: _("Someone from an advice service"),
    Relationship.REPORTING_CENTRE: _("A third-party reporting centre"),
    Relationship.OTHER: _("Something else"),
}
RELATIONSHIP_CHOICES = [
    ("", _("Choose your relationship")),
    *((code, _RELATIONSHIP_WORDS.get(code, label)) for code, label in Relationship.choices),
]
KNOWS_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I'm not sure"))]


class WhoForm(GovukForm):
    section = "who"
    # Whether the victim knows is asked on the next page; this page forgets those answers when
    # the report becomes the victim's own (they would no longer apply).
    owned_keys = ("reporter_role", "on_behalf", "victim_knows", "victim_agrees_to_contact")
    heading_field = "reporter_role"
    conditionals = {"reporter_role": {"on_behalf": ["relationship", "organisation"]}}
    error_map = {"on_behalf": "relationship"}

    reporter_role = RadiosField(_("Who are you reporting as?"), ROLE_CHOICES)
    relationship = forms.ChoiceField(
        label=_("What is your relationship to them?"),
        choices=RELATIONSHIP_CHOICES,
        required=False,
    )
    organisation = forms.CharField(
        label=_("Organisation (if you are reporting for one)"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        role = data.get("reporter_role") or None
        fragment: dict[str, Any] = {"reporter_role": role}
        if role == "on_behalf":
            on_behalf = {
                "relationship": data.get("relationship") or None,
                "organisation": data.get("organisation") or None,
            }
            fragment["on_behalf"] = {k: v for k, v in on_behalf.items() if v is not None}
        if role in ("witness", "on_behalf"):
            for key in ("victim_knows", "victim_agrees_to_contact"):
                if self.answers.get(key):
                    fragment[key] = self.answers[key]
        return fragment

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        on_behalf = answers.get("on_behalf") or {}
        return drop_empty(
            {
                "reporter_role": answers.get("reporter_role"),
                "relationship": on_behalf.get("relationship"),
                "organisation": on_behalf.get("organisation"),
            }
        )


class VictimKnowsForm(GovukForm):
    """For a witness or someone reporting for the victim: does the victim know, and may the
    police contact them? Anything but two yeses means the police never contact the victim."""

    section = "victim_consent"
    owned_keys = ("victim_knows", "victim_agrees_to_contact")
    heading_field = "victim_knows"
    conditionals = {"victim_knows": {"yes": ["victim_agrees_to_contact"]}}

    victim_knows = RadiosField(
        _("Does the person it happened to know about this report?"),
        KNOWS_CHOICES,
        missing=_("Select whether the person it happened to knows about this report"),
        hint=_(
            "We will never contact them, or send them anything, unless they know about the "
            "report and agree."
        ),
    )
    victim_agrees_to_contact = RadiosField(
        _("Do they agree to the police contacting them about it?"), KNOWS_CHOICES
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("victim_knows") == "yes" and not data.get("victim_agrees_to_contact"):
            self.add_error(
                "victim_agrees_to_contact",
                _("Select whether they agree to the police contacting them"),
            )
        return data

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        knows = data.get("victim_knows") or None
        fragment: dict[str, Any] = {"victim_knows": knows}
        if knows == "yes":
            fragment["victim_agrees_to_contact"] = data.get("victim_agrees_to_contact") or None
        return drop_empty(fragment)

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        behalf = answers.get("on_behalf") or {}
        return drop_empty(
            {
                "victim_knows": answers.get("victim_knows") or behalf.get("victim_knows"),
                "victim_agrees_to_contact": answers.get("victim_agrees_to_contact"),
            }
        )


class AnonymousForm(GovukForm):
    section = "anonymous"
    owned_keys = ("anonymous",)
    heading_field = "anonymous"

    anonymous = RadiosField(
        _("Do you want to give your name and contact details?"),
        [("no", _("Yes, I will give my details")), ("yes", _("No, I want to stay anonymous"))],
        missing=_("Select if you want to give your name and contact details"),
        hint=_(
            "If you give your details, a Community Safety Unit officer can contact you, "
            "keep you updated and offer you support. If you stay anonymous, we will still "
            "read your report, but we cannot contact you."
        ),
    )

    def to_fragment(self) -> dict[str, Any]:
        choice = self.cleaned_data.get("anonymous")
        return {"anonymous": choice == "yes"} if choice else {}

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        if "anonymous" not in answers:
            return {}
        return {"anonymous": "yes" if answers["anonymous"] else "no"}

"""The forms where the officer records what they assessed: triage, the needs assessment and
the statements. Each opens again with the answers already recorded (`initial_for`), so that a
second visit shows, and keeps, what was said."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.cases.forms.actions import NCHI_ANSWERS, STRAND_CHOICES, CaseForm, radio_field
from hatecrime.cases.models import (
    Case,
    Classification,
    ContactMethod,
    OnlineRoute,
    PoliceActionWish,
    Priority,
    RiskLevel,
    StatementStatus,
)


def _yes_no(value: bool | None) -> str:
    """A yes/no/not-asked answer as its radio value."""
    if value is None:
        return ""
    return "yes" if value else "no"


class TriageForm(CaseForm):
    strands = forms.MultipleChoiceField(
        label=_("What was the hostility about?"),
        choices=STRAND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Perception is enough: the victim does not have to justify it."),
    )
    classification = radio_field(
        _("Is it a crime or a non-crime hate incident?"), Classification.choices, False
    )
    not_trivial_irrational_or_malicious = radio_field(
        _("NCHI test: is the report not trivial, irrational or malicious?"), NCHI_ANSWERS, False
    )
    basis_for_hostility = radio_field(
        _("NCHI test: is there a basis for intentional hostility?"), NCHI_ANSWERS, False
    )
    personal_data_threshold_met = radio_field(
        _("NCHI test: is there a real risk of significant harm or of a future crime?"),
        NCHI_ANSWERS,
        False,
        help_text=_(
            "Only then may personal data of the person reported about be kept; they should "
            "normally be told."
        ),
    )
    online_route = radio_field(_("Online routing"), OnlineRoute.choices, False)
    risk_level = radio_field(_("Hate crime risk assessment"), RiskLevel.choices, False)
    repeat_victimisation = forms.BooleanField(label=_("Repeat victimisation"), required=False)
    vulnerability = forms.BooleanField(label=_("Vulnerability"), required=False)
    escalation = forms.BooleanField(label=_("Escalation"), required=False)
    priority = radio_field(_("Priority"), Priority.choices, False)
    notes = forms.CharField(label=_("Triage notes"), required=False, widget=forms.Textarea)

    prefilled_fields = ("triage",)

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        if case.triaged_at is None:
            return {}
        return {
            "strands": list(case.strands),
            "classification": case.classification,
            "not_trivial_irrational_or_malicious": _yes_no(
                case.nchi_not_trivial_irrational_or_malicious
            ),
            "basis_for_hostility": _yes_no(case.nchi_basis_for_hostility),
            "personal_data_threshold_met": _yes_no(case.nchi_personal_data_threshold_met),
            "online_route": case.online_route,
            "risk_level": case.risk_level,
            "repeat_victimisation": case.risk_repeat_victimisation,
            "vulnerability": case.risk_vulnerability,
            "escalation": case.risk_escalation,
            "priority": case.priority,
            "notes": case.triage_notes,
        }

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        for name in (
            "not_trivial_irrational_or_malicious",
            "basis_for_hostility",
            "personal_data_threshold_met",
        ):
            arguments[name] = {"yes": True, "no": False}.get(arguments[name])
        return arguments


class NeedsForm(CaseForm):
    interpreter_language = forms.CharField(
        label=_("Interpreter: language"), required=False, max_length=100
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), required=False, widget=forms.Textarea
    )
    enhanced_rights = forms.BooleanField(
        label=_("Enhanced rights under the Victims' Code"),
        required=False,
        initial=True,
        help_text=_("On for every victim of hate crime."),
    )
    persistently_targeted = forms.BooleanField(label=_("Persistently targeted"), required=False)
    vulnerable_or_intimidated = forms.BooleanField(
        label=_("Vulnerable or intimidated"), required=False
    )
    wants_police_action = radio_field(
        _("Does the victim want police action?"), PoliceActionWish.choices, False
    )
    arrest_wishes = forms.CharField(
        label=_("Wishes about an arrest"), required=False, widget=forms.Textarea
    )
    worried_about_reprisals = radio_field(
        _("Are they worried about reprisals?"),
        [("yes", _("Yes")), ("no", _("No")), ("", _("Not asked"))],
        False,
    )
    update_method = radio_field(_("How do they want to be updated?"), ContactMethod.choices, False)
    update_every_days = forms.IntegerField(
        label=_("Update at least every (days)"),
        initial=14,
        widget=forms.NumberInput(attrs={"width": "3"}),
    )

    prefilled_fields = ("needs",)

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        if case.needs_assessed_at is None:
            # Not assessed yet: start from what the person told us when they reported.
            support = case.report.answers.get("support") or {}
            return {
                "interpreter_language": support.get("interpreter_language", ""),
                "accessibility_needs": support.get("accessibility_needs", ""),
            }
        return {
            "interpreter_language": case.interpreter_language,
            "accessibility_needs": case.accessibility_needs,
            "enhanced_rights": case.enhanced_rights,
            "persistently_targeted": case.persistently_targeted,
            "vulnerable_or_intimidated": case.vulnerable_or_intimidated,
            "wants_police_action": case.wants_police_action,
            "arrest_wishes": case.arrest_wishes,
            "worried_about_reprisals": _yes_no(case.worried_about_reprisals),
            "update_method": case.update_method,
            "update_every_days": case.update_every_days,
        }

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments["worried_about_reprisals"] = {"yes": True, "no": False}.get(
            arguments["worried_about_reprisals"]
        )
        return arguments


class StatementsForm(CaseForm):
    statement = radio_field(_("Witness statement"), StatementStatus.choices, False)
    personal_statement = radio_field(_("Victim Personal Statement"), StatementStatus.choices, False)

    prefilled_fields = ("statements",)

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {"statement": case.statement, "personal_statement": case.personal_statement}

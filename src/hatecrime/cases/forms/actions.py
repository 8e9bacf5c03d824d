"""One form per case action. Each posts the case `version` it was filled in against, so the
action can refuse to overwrite someone else's change (CaseEditConflict). Field names match the
action's keyword arguments, so the action's errors land on the right field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.models import Role, User
from hatecrime.cases.models import (
    Case,
    Classification,
    ContactMethod,
    ContactPerson,
    DecisionKind,
    OnlineRoute,
    PoliceActionWish,
    Priority,
    RiskLevel,
    StatementStatus,
    TellMethod,
    UpdateMethod,
)
from hatecrime.core.models import Area, Strand
from hatecrime.support.models import SharedField, SupportOrganisation

# Staff see each centrally monitored strand with "or perceived": perception is enough.
PERCEIVED = {
    Strand.RACE: _("Race or perceived race"),
    Strand.RELIGION: _("Religion or perceived religion"),
    Strand.SEXUAL_ORIENTATION: _("Sexual orientation or perceived sexual orientation"),
    Strand.DISABILITY: _("Disability or perceived disability"),
    Strand.TRANSGENDER: _("Transgender identity or perceived transgender identity"),
}
STRAND_CHOICES = [(strand.value, PERCEIVED.get(strand, strand.label)) for strand in Strand]
NCHI_ANSWERS = [("yes", _("Yes")), ("no", _("No")), ("", _("Not asked (hate crime)"))]


def _radios(label: Any, choices: Any, required: bool = True, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=required, **kwargs
    )


def _when(label: Any, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now") if not required else "",
    )


class CaseForm(forms.Form):
    """The base of every case action form: the case it acts on and the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, actor: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.case, self.actor = case, actor

    # What the form shows of the case when it opens (for the audit of the page), if anything.
    prefilled_fields: tuple[str, ...] = ()

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for the action (without actor, case and expected_version)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        """The answers already recorded on the case, so that a form opened again shows them."""
        return {}


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
    targeted_community = forms.CharField(
        label=_("Targeted community (optional)"),
        required=False,
        max_length=Case._meta.get_field("targeted_community").max_length,
    )
    classification = _radios(
        _("Is it a crime or a non-crime hate incident?"), Classification.choices, False
    )
    not_trivial_irrational_or_malicious = _radios(
        _("NCHI test: is the report not trivial, irrational or malicious?"), NCHI_ANSWERS, False
    )
    basis_for_hostility = _radios(
        _("NCHI test: is there a basis for intentional hostility?"), NCHI_ANSWERS, False
    )
    personal_data_threshold_met = _radios(
        _("NCHI test: is there a real risk of significant harm or of a future crime?"),
        NCHI_ANSWERS,
        False,
        help_text=_(
            "Only then may personal data of the person reported about be kept; they should "
            "normally be told."
        ),
    )
    online_route = _radios(_("Online routing"), OnlineRoute.choices, False)
    risk_level = _radios(_("Hate crime risk assessment"), RiskLevel.choices, False)
    repeat_victimisation = forms.BooleanField(label=_("Repeat victimisation"), required=False)
    vulnerability = forms.BooleanField(label=_("Vulnerability"), required=False)
    escalation = forms.BooleanField(label=_("Escalation"), required=False)
    priority = _radios(_("Priority"), Priority.choices, False)
    notes = forms.CharField(label=_("Triage notes"), required=False, widget=forms.Textarea)

    prefilled_fields = ("triage",)

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        if case.triaged_at is None:
            return {}
        return {
            "strands": list(case.strands),
            "targeted_community": case.targeted_community,
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


class AssignForm(CaseForm):
    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=User.objects.none(),
        empty_label="",
        error_messages={"required": _("Select an officer")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=[Role.OFFICER, Role.SUPERVISOR], areas=self.case.area_id
        ).order_by("last_name", "username")


class MoveForm(CaseForm):
    area = forms.ModelChoiceField(
        label=_("Move to area"),
        queryset=Area.objects.filter(is_active=True),
        empty_label="",
        error_messages={"required": _("Select an area")},
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea)


class ContactForm(CaseForm):
    person = _radios(
        _("Who did you contact?"),
        ContactPerson.choices,
        error_messages={"required": _("Select who you contacted")},
    )
    method = _radios(_("How?"), ContactMethod.choices, False)
    made = _radios(
        _("Were they reached?"),
        [("yes", _("Yes, contact made")), ("no", _("No, attempted"))],
        error_messages={"required": _("Select whether they were reached")},
    )
    with_interpreter = forms.BooleanField(label=_("With an interpreter"), required=False)
    voicemail_left = forms.BooleanField(label=_("A voicemail was left"), required=False)
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea)
    occurred_at = _when(_("When"))
    confirm_outside_safe_times = forms.BooleanField(
        label=_("I confirm this contact is outside the times they said are safe, and why"),
        required=False,
        help_text=_("Only needed when the contact is outside the safe times shown above."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case.report.reporter_role == "victim":
            # One person: the victim reported it themselves.
            self.fields["person"].initial = ContactPerson.VICTIM
            self.fields["person"].required = False
            self.fields["person"].choices = [  # type: ignore[attr-defined]
                (ContactPerson.VICTIM.value, ContactPerson.VICTIM.label)
            ]

    def clean_person(self) -> str:
        return str(self.cleaned_data.get("person") or ContactPerson.VICTIM)

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments["made"] = arguments["made"] == "yes"
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
    wants_police_action = _radios(
        _("Does the victim want police action?"), PoliceActionWish.choices, False
    )
    arrest_wishes = forms.CharField(
        label=_("Wishes about an arrest"), required=False, widget=forms.Textarea
    )
    worried_about_reprisals = _radios(
        _("Are they worried about reprisals?"),
        [("yes", _("Yes")), ("no", _("No")), ("", _("Not asked"))],
        False,
    )
    update_method = _radios(_("How do they want to be updated?"), UpdateMethod.choices, False)
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


class ConsentForm(CaseForm):
    organisation = forms.ModelChoiceField(
        label=_("Support organisation"),
        queryset=SupportOrganisation.objects.filter(is_active=True),
        empty_label="",
        error_messages={"required": _("Select an organisation")},
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("What the victim agrees to share with it"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ReferForm(CaseForm):
    organisation = forms.ModelChoiceField(
        label=_("Refer to"),
        queryset=SupportOrganisation.objects.none(),
        empty_label="",
        error_messages={"required": _("Select an organisation the victim agreed to")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = SupportOrganisation.objects.filter(  # type: ignore[attr-defined]
            consents__case=self.case, consents__withdrawn_at__isnull=True
        ).distinct()


class WithdrawConsentForm(CaseForm):
    consent = forms.ModelChoiceField(
        label=_("Consent to withdraw"), queryset=Case.objects.none(), empty_label=""
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = self.case.consents.filter(  # type: ignore[attr-defined]
            withdrawn_at__isnull=True
        ).select_related("organisation")
        self.fields["consent"].label_from_instance = lambda c: c.organisation.name  # type: ignore[attr-defined]


class DecisionForm(CaseForm):
    kind = _radios(_("Key decision"), DecisionKind.choices, False)
    reasons = forms.CharField(
        label=_("Reasons (to tell the victim)"), required=False, widget=forms.Textarea
    )
    decided_at = _when(_("When it was decided"))


class VictimToldForm(CaseForm):
    decision = forms.ModelChoiceField(
        label=_("Decision"),
        queryset=Case.objects.none(),
        empty_label="",
        error_messages={"required": _("Select the decision")},
    )
    told_at = _when(_("When the victim was told"), required=True)
    how = _radios(_("How"), TellMethod.choices, False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = self.case.decisions.filter(victim_told_at__isnull=True)  # type: ignore[attr-defined]
        self.fields["decision"].label_from_instance = (  # type: ignore[attr-defined]
            lambda d: f"{d.get_kind_display()} ({d.decided_at:%d %b %Y %H:%M})"
        )

    def arguments(self) -> dict[str, Any]:
        return {**super().arguments(), "told_by": self.actor}


class StatementsForm(CaseForm):
    statement = _radios(_("Witness statement"), StatementStatus.choices, False)
    personal_statement = _radios(_("Victim Personal Statement"), StatementStatus.choices, False)

    prefilled_fields = ("statements",)

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {"statement": case.statement, "personal_statement": case.personal_statement}


class CourtDateForm(CaseForm):
    hearing_on = forms.DateField(
        label=_("Hearing date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the hearing date")},
    )
    description = forms.CharField(
        label=_("Hearing"),
        max_length=200,
        error_messages={"required": _("Enter what the hearing is")},
    )


class CourtOutcomeForm(CaseForm):
    court_date = forms.ModelChoiceField(
        label=_("Hearing"), queryset=Case.objects.none(), empty_label=""
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the outcome")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court_date"].queryset = self.case.court_dates.all()  # type: ignore[attr-defined]
        self.fields["court_date"].label_from_instance = (  # type: ignore[attr-defined]
            lambda c: f"{c.hearing_on:%d %b %Y}: {c.description}"
        )


class ReviewRequestForm(CaseForm):
    requested_at = _when(
        _("When the victim asked for a review (Victims' Right to Review)"), required=True
    )


class StopClockForm(CaseForm):
    clock = forms.ModelChoiceField(
        label=_("Deadline to stop"),
        queryset=Case.objects.none(),
        empty_label="",
        error_messages={"required": _("Select a running deadline")},
    )
    at = _when(_("When what it waited for happened"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clock"].queryset = self.case.clocks.filter(  # type: ignore[attr-defined]
            stopped_at__isnull=True
        ).select_related("rule")
        self.fields["clock"].label_from_instance = (  # type: ignore[attr-defined]
            lambda c: f"{c.rule.name} (due {c.due_at:%d %b %Y %H:%M})"
        )


class UpdateForm(CaseForm):
    text = forms.CharField(label=_("Update"), required=False, widget=forms.Textarea)
    method = _radios(_("How the victim was updated"), TellMethod.choices, False)
    share_on_tracking = forms.BooleanField(
        label=_("Show this update on 'track my report'"),
        required=False,
        help_text=_("Only if it is safe for anyone with the tracking code to read it."),
    )
    asks_to_call = forms.BooleanField(
        label=_("This update asks the victim to call"),
        required=False,
        help_text=_("It can be shown on tracking only when tracking shows a number to call."),
    )
    given_at = _when(_("When"))


class LinkForm(CaseForm):
    other = forms.CharField(
        label=_("Reference of the linked report"),
        max_length=16,
        error_messages={"required": _("Enter a reference")},
    )
    matched_on = forms.CharField(
        label=_("What they share"),
        required=False,
        max_length=200,
        help_text=_("For example: victim phone, suspect handle"),
    )
    persistently_targeted = forms.BooleanField(
        label=_("The victim is persistently targeted (makes the victim enhanced)"), required=False
    )

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments["matched_on"] = [
            p.strip() for p in arguments["matched_on"].split(",") if p.strip()
        ]
        return arguments

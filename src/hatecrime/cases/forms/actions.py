"""One form per case action. Each posts the case `version` it was filled in against, so the
action can refuse to overwrite someone else's change (CaseEditConflict). Field names match the
action's keyword arguments, so the action's errors land on the right field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.models import Role, User
from hatecrime.cases.models import (
    Case,
    ContactMethod,
    ContactPerson,
    DecisionKind,
)
from hatecrime.core.forms import CommunitiesField, WordedModelChoiceField, field_of
from hatecrime.core.models import Area, Community, Strand
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


def radio_field(
    label: Any, choices: Any, required: bool = True, **kwargs: Any
) -> forms.ChoiceField:
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


class CommunitiesForm(CaseForm):
    communities = CommunitiesField(
        label=_("Which communities was it aimed at?"),
        with_groups=True,
        help_text=_(
            "As the person who reported it perceived it. Choose a group when they did not say "
            "which community within it."
        ),
    )
    other = forms.CharField(
        label=_("Which other community (if you select Other)"),
        required=False,
        max_length=Community.OTHER_MAX_LENGTH,
    )

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {
            "communities": list(case.targeted_communities),
            "other": case.targeted_community_other,
        }


class AssignForm(CaseForm):
    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=User.objects.none(),
        empty_label="",
        error_messages={"required": _("Select an officer")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "officer", forms.ModelChoiceField).queryset = User.objects.filter(
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
    person = radio_field(
        _("Who did you contact?"),
        ContactPerson.choices,
        error_messages={"required": _("Select who you contacted")},
    )
    method = radio_field(_("How?"), ContactMethod.choices, False)
    made = radio_field(
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
            person = field_of(self, "person", forms.ChoiceField)
            person.initial = ContactPerson.VICTIM
            person.required = False
            person.choices = [(ContactPerson.VICTIM.value, ContactPerson.VICTIM.label)]

    def clean_person(self) -> str:
        return str(self.cleaned_data.get("person") or ContactPerson.VICTIM)

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments["made"] = arguments["made"] == "yes"
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
        organisation = field_of(self, "organisation", forms.ModelChoiceField)
        organisation.queryset = SupportOrganisation.objects.filter(
            consents__case=self.case, consents__withdrawn_at__isnull=True
        ).distinct()


class WithdrawConsentForm(CaseForm):
    consent = WordedModelChoiceField(
        label=_("Consent to withdraw"),
        queryset=Case.objects.none(),
        empty_label="",
        words=lambda consent: consent.organisation.name,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "consent", forms.ModelChoiceField).queryset = self.case.consents.filter(
            withdrawn_at__isnull=True
        ).select_related("organisation")


class DecisionForm(CaseForm):
    kind = radio_field(_("Key decision"), DecisionKind.choices, False)
    reasons = forms.CharField(
        label=_("Reasons (to tell the victim)"), required=False, widget=forms.Textarea
    )
    decided_at = _when(_("When it was decided"))


class VictimToldForm(CaseForm):
    decision = WordedModelChoiceField(
        label=_("Decision"),
        queryset=Case.objects.none(),
        empty_label="",
        words=lambda d: f"{d.get_kind_display()} ({d.decided_at:%d %b %Y %H:%M})",
        error_messages={"required": _("Select the decision")},
    )
    told_at = _when(_("When the victim was told"), required=True)
    how = radio_field(_("How"), ContactMethod.choices, False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = field_of(self, "decision", forms.ModelChoiceField)
        decision.queryset = self.case.decisions.filter(victim_told_at__isnull=True)

    def arguments(self) -> dict[str, Any]:
        return {**super().arguments(), "told_by": self.actor}


class StopClockForm(CaseForm):
    clock = WordedModelChoiceField(
        label=_("Deadline to stop"),
        queryset=Case.objects.none(),
        empty_label="",
        words=lambda c: f"{c.rule.name} (due {c.due_at:%d %b %Y %H:%M})",
        error_messages={"required": _("Select a running deadline")},
    )
    at = _when(_("When what it waited for happened"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "clock", forms.ModelChoiceField).queryset = self.case.clocks.filter(
            stopped_at__isnull=True
        ).select_related("rule")


class UpdateForm(CaseForm):
    text = forms.CharField(label=_("Update"), required=False, widget=forms.Textarea)
    method = radio_field(_("How the victim was updated"), ContactMethod.choices, False)
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

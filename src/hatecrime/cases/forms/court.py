"""Court dates and the result of each hearing (cases.actions.court)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.cases.forms.actions import CaseForm, radio_field
from hatecrime.cases.models import Case, HearingKind, HearingResult, SentenceUplift
from hatecrime.core.forms import WordedModelChoiceField, field_of


class CourtDateForm(CaseForm):
    hearing_on = forms.DateField(
        label=_("Hearing date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the hearing date")},
    )
    starts_at = forms.TimeField(
        label=_("Time (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    kind = radio_field(_("Kind of hearing"), HearingKind.choices, False)
    court_name = forms.CharField(
        label=_("Court"),
        required=False,
        help_text=_(
            "The victim sees it on 'track my report'. For example: Thames Magistrates' Court"
        ),
    )
    description = forms.CharField(
        label=_("Hearing (for staff only)"),
        required=False,
        help_text=_("Not shown to the victim"),
    )


class CourtOutcomeForm(CaseForm):
    court_date = WordedModelChoiceField(
        label=_("Hearing"),
        queryset=Case.objects.none(),
        empty_label="",
        words=lambda c: f"{c.hearing_on:%d %b %Y}: {c.get_kind_display()}, {c.description}",
        error_messages={"required": _("Select the hearing")},
    )
    result = radio_field(_("Result"), HearingResult.choices, False)
    sentence_uplift = radio_field(
        _("Did the court increase the sentence for hostility (Sentencing Act 2020 s.66)?"),
        SentenceUplift.choices,
        False,
        help_text=_("Only with a sentence"),
    )
    outcome = forms.CharField(
        label=_("The sentence, or other details of the result"),
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "court_date", forms.ModelChoiceField).queryset = self.case.court_dates.all()

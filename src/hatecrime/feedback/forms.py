"""The feedback survey's questions. Every one is optional; only a value outside the choices or
an over-long comment is refused."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.feedback.models import AgeBand, Answer, Disability

MAX_COMMENT = 2000


def _radios(label: Any, choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select one of the answers")},
    )


class SurveyForm(forms.Form):
    kept_informed = _radios(_("Did we keep you informed?"), Answer.choices)
    treated_with_respect = _radios(_("Did we treat you with respect?"), Answer.choices)
    would_report_again = _radios(_("Would you report to us again?"), Answer.choices)
    comment = forms.CharField(
        label=_("Is there anything else you want to tell us?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_COMMENT,
        error_messages={"max_length": _("This must be 2000 characters or fewer")},
    )
    age_band = _radios(_("Your age"), AgeBand.choices)
    disability = _radios(_("Do you have a disability?"), Disability.choices)

    QUESTIONS = ("kept_informed", "treated_with_respect", "would_report_again")
    ABOUT_YOU = ("age_band", "disability")

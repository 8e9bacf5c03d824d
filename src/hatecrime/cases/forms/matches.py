"""Forms for suspects across areas (docs/adr/0830). Staff pages: English only."""

from typing import Any

from django import forms

from hatecrime.cases.actions.matches import GRANT_DAYS_DEFAULT, GRANT_DAYS_MAX, REASON_MAX_LENGTH
from hatecrime.cases.forms.actions import CaseForm, radio_field


class SuspectForm(CaseForm):
    """What is known of the person reported about, to find them in reports of other areas."""

    name = forms.CharField(label="Their name", required=False, max_length=200)
    date_of_birth = forms.DateField(
        label="Their date of birth",
        required=False,
        help_text="A name is matched only with a date of birth. For example, 1990-03-27",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date of birth"},
    )
    vehicle_registration = forms.CharField(
        label="Vehicle registration", required=False, max_length=16
    )
    phone = forms.CharField(label="Their phone number", required=False, max_length=32)
    handle = forms.CharField(label="Their online account name", required=False, max_length=200)

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        empty = {"date_of_birth": None}
        return {key: value or empty.get(key, "") for key, value in arguments.items()}


def reason_field(label: str, help_text: str, required: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        error_messages={
            "required": required,
            "max_length": f"The reason must be {REASON_MAX_LENGTH:,} characters or fewer",
        },
    )


class AccessRequestForm(forms.Form):
    match = forms.CharField(widget=forms.HiddenInput)
    reason = reason_field(
        "Why do you need to read this case?",
        "The supervisors of that area read it, and it is kept in the audit.",
        "Enter why you need to read this case",
    )


class AccessDecisionForm(forms.Form):
    answer = radio_field(
        "Your answer",
        [("grant", "Grant access to read this case"), ("refuse", "Refuse")],
        error_messages={"required": "Select whether you grant or refuse access"},
    )
    days = forms.IntegerField(
        label="For how many days (if granted)",
        initial=GRANT_DAYS_DEFAULT,
        min_value=1,
        max_value=GRANT_DAYS_MAX,
        required=False,
        error_messages={
            "invalid": "Enter a number of days",
            "min_value": f"Access must last between 1 and {GRANT_DAYS_MAX} days",
            "max_value": f"Access must last between 1 and {GRANT_DAYS_MAX} days",
        },
    )
    reason = reason_field(
        "Your reason", "The officer who asked reads it.", "Enter the reason for your answer"
    )

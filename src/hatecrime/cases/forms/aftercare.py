"""Forms of the withdrawal-risk work on a case: reassurance contacts, the steps offered to a
persistently targeted victim, and the default referral. Staff pages: English only."""

from typing import Any

from django import forms

from hatecrime.cases.forms.actions import CaseForm, _when, radio_field
from hatecrime.cases.models import ContactMethod, ReassuranceOutcome, TargetingStepStatus
from hatecrime.support.models import DefaultReferralAnswer, SharedField


class ReassuranceForm(CaseForm):
    method = radio_field(
        "How?", ContactMethod.choices, error_messages={"required": "Select how you contacted them"}
    )
    outcome = radio_field(
        "What came of it?",
        ReassuranceOutcome.choices,
        error_messages={"required": "Select what came of the reassurance contact"},
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea, max_length=4000)
    occurred_at = _when("When")


class TargetingStepForm(CaseForm):
    """For one step (the action page fixes which: `step`)."""

    step = ""
    status = radio_field(
        "What happened?",
        TargetingStepStatus.choices,
        error_messages={"required": "Select whether it was offered, made or declined"},
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea, max_length=2000)

    def arguments(self) -> dict[str, Any]:
        return {**super().arguments(), "step": self.step}


class DefaultReferralForm(CaseForm):
    answer = radio_field(
        "The referral to the general victim service",
        DefaultReferralAnswer.choices,
        error_messages={"required": "Select whether the referral is sent or was declined"},
    )
    shared_fields = forms.MultipleChoiceField(
        label="What the victim agrees to share (when sending)",
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=["name", "phone", "email", "language", "safe_contact"],
    )
    declined_reason = forms.CharField(
        label="Why the victim declined (when declined)",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
    )

    @classmethod
    def initial_for(cls, case: Any) -> dict[str, Any]:
        return {"shared_fields": ["name", "phone", "email", "language", "safe_contact"]}


class AsbCaseReviewForm(TargetingStepForm):
    step = "asb_case_review"


class PanelReferralForm(TargetingStepForm):
    step = "panel_referral"

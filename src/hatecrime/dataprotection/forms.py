"""Forms of the retention and subject access pages (staff pages: English only)."""

from typing import Any

from django import forms

from hatecrime.dataprotection.models import Handling, RetentionDecision, RetentionRule


class RetentionReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (RetentionDecision.RETAIN, "Retain: keep the record until a later review"),
            (
                RetentionDecision.DISPOSE,
                "Dispose: erase the personal data and evidence (the counts are kept)",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to retain or dispose of the case"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        help_text="Why the record is still needed, or why it is not. Kept with the decision.",
        error_messages={"required": "Enter the reason for your decision"},
    )
    next_review_on = forms.DateField(
        label="Date of the next review (when you retain)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date of the next review as a real date"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RetentionRuleForm(forms.Form):
    review_after_months = forms.IntegerField(
        label="Review after (months from closure)",
        required=False,
        min_value=1,
        max_value=1200,
        error_messages={
            "invalid": "Enter a whole number of months",
            "min_value": "Enter a number of months between 1 and 1200",
            "max_value": "Enter a number of months between 1 and 1200",
        },
    )
    basis = forms.CharField(
        label="Basis (the guidance it follows)",
        widget=forms.Textarea,
        error_messages={"required": "Enter the guidance this rule follows"},
    )

    def __init__(self, *args: Any, rule: RetentionRule, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if rule.handling != Handling.REVIEW:
            del self.fields["review_after_months"]

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


class SubjectSearchForm(forms.Form):
    request_reference = forms.CharField(
        label="Reference of the subject access request",
        max_length=64,
        help_text="Kept in the audit with every search and disclosure made for it.",
        error_messages={"required": "Enter the reference of the request"},
    )
    email = forms.CharField(label="Email address", required=False, max_length=254)
    phone = forms.CharField(label="Phone number", required=False, max_length=32)
    address = forms.CharField(label="Address (first line, as they gave it)", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=16)
    name = forms.CharField(label="Full name", required=False, max_length=200)
    date_of_birth = forms.DateField(
        label="Date of birth",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date of birth as a real date"},
    )
    handle = forms.CharField(label="Online account name or handle", required=False)

    IDENTIFIERS = ("email", "phone", "address", "postcode", "name", "date_of_birth", "handle")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = {name for name in self.IDENTIFIERS if data.get(name)}
        if not given and not self.errors:
            raise forms.ValidationError("Enter at least one detail of the person")
        if "address" in given and "postcode" not in given:
            self.add_error("postcode", "Enter the postcode with the address")
        if "date_of_birth" in given and "name" not in given:
            self.add_error("name", "Enter the name with the date of birth")
        return data

    def identifiers(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or "" for name in self.IDENTIFIERS} | {
            "date_of_birth": self.cleaned_data.get("date_of_birth")
        }


class RectificationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    request_reference = forms.CharField(
        label="Reference of the request",
        max_length=64,
        error_messages={"required": "Enter the reference of the request"},
    )
    detail = forms.ChoiceField(
        label="Which of their details was wrong",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the detail that was wrong"},
    )
    what_was_wrong = forms.CharField(
        label="What was wrong",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was wrong"},
    )
    value = forms.CharField(
        label="What the record should say",
        max_length=300,
        error_messages={"required": "Enter what the record should say"},
    )

    def __init__(self, *args: Any, choices: dict[str, str], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        detail = self.fields["detail"]
        assert isinstance(detail, forms.ChoiceField)
        detail.choices = list(choices.items())

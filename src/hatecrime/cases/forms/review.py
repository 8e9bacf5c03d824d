"""The Victims' Right to Review on the staff side: a request made by phone or in person, its
acknowledgement, its result; and the administrator's decision letters. Staff pages: English."""

from typing import Any

from django import forms

from hatecrime.cases.forms.actions import CaseForm, _when, radio_field
from hatecrime.cases.models import REVIEWABLE_KINDS, Case, DecisionKind, ReviewResult
from hatecrime.core import languages
from hatecrime.core.forms import WordedModelChoiceField, field_of


def _words(right: Any) -> str:
    return f"{DecisionKind(right.kind).label}, {right.decided_at:%d %b %Y}"


def _decision_field() -> WordedModelChoiceField:
    return WordedModelChoiceField(
        label="Decision",
        queryset=Case.objects.none(),
        empty_label="",
        words=_words,
        error_messages={"required": "Select the decision"},
    )


class ReviewRequestForm(CaseForm):
    right_to_review = _decision_field()
    requested_at = _when("When the victim asked for a review", required=True)
    text = forms.CharField(
        label="Why they ask, in their words (optional)", required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(
            self, "right_to_review", forms.ModelChoiceField
        ).queryset = self.case.rights_to_review.filter(requested_at__isnull=True)


class ReviewAcknowledgeForm(CaseForm):
    right_to_review = _decision_field()
    acknowledged_at = _when("When the request was acknowledged to the victim")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(
            self, "right_to_review", forms.ModelChoiceField
        ).queryset = self.case.rights_to_review.filter(
            requested_at__isnull=False, acknowledged_at__isnull=True, result=""
        )


class ReviewResultForm(CaseForm):
    right_to_review = _decision_field()
    result = radio_field("Result", ReviewResult.choices, False)
    reasons = forms.CharField(
        label="Reasons (for the case record)", required=False, widget=forms.Textarea
    )
    next_steps = forms.CharField(
        label="What happens next, for the victim",
        required=False,
        widget=forms.Textarea,
        help_text="Shown on 'track my report'. Plain words: short sentences, everyday words "
        "(reading age 13 or lower). Nothing the victim did not tell us, no names.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(
            self, "right_to_review", forms.ModelChoiceField
        ).queryset = self.case.rights_to_review.filter(requested_at__isnull=False, result="")


LETTER_KINDS = [(kind.value, kind.label) for kind in REVIEWABLE_KINDS]


class DecisionLetterForm(forms.Form):
    text = forms.CharField(
        label="The letter",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="What the victim reads on 'track my report' about this decision, in this "
        "language. Plain words: it is checked against a reading age of 13.",
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.language = language


def letter_languages() -> list[tuple[str, str]]:
    """The languages a letter can be written in: every language of the registry, English
    first, as staff read them ("Vietnamese (Tiếng Việt)")."""
    return [(language.code, languages.for_staff(language.code)) for language in languages.REGISTRY]

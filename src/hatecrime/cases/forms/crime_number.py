"""The crime number page of a case, and the administrator's crime number format page."""

from typing import Any

from django import forms

from hatecrime.cases.actions.crime_number import CLASSIFICATION_MAX
from hatecrime.cases.forms.actions import CaseForm
from hatecrime.cases.models import Case, CrimeNumberFormat


class CrimeNumberForm(CaseForm):
    crime_number = forms.CharField(label="Crime number", required=False, max_length=40)
    classification = forms.CharField(
        label="Crime classification",
        required=False,
        max_length=CLASSIFICATION_MAX,
        help_text="As the force's crime recording system classified it",
        error_messages={
            "max_length": f"The classification must be {CLASSIFICATION_MAX} characters or fewer"
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form = CrimeNumberFormat.current()
        self.fields[
            "crime_number"
        ].help_text = (
            f"From the force's crime recording system: {form.description}, like {form.example}"
        )
        self.fields["crime_number"].error_messages["max_length"] = (
            f"Enter the crime number in the format {form.example}"
        )

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {"crime_number": case.crime_number, "classification": case.crime_classification}


class CrimeNumberFormatForm(forms.Form):
    pattern = forms.CharField(
        label="Pattern (a regular expression the whole crime number must match)",
        max_length=200,
        required=False,
        help_text=r"For example \d{7}/\d{2} for seven digits, a slash and two digits",
    )
    example = forms.CharField(label="Example crime number", max_length=40, required=False)
    description = forms.CharField(
        label="The format in words",
        max_length=200,
        required=False,
        help_text="Staff read it when a number is refused, e.g. 'seven digits, a slash, then "
        "the two-digit year'",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

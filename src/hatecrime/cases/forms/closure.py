"""The forms for closing a case and for a supervisor's review of a proposed closure."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.cases.forms.actions import CaseForm, radio_field
from hatecrime.cases.models import Contact, Outcome
from hatecrime.core.forms import WordedModelChoiceField, field_of


class CloseForm(CaseForm):
    outcome = radio_field(_("Outcome"), Outcome.choices, False)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea)
    told_in_contact = WordedModelChoiceField(
        label=_("The contact in which you told the victim the outcome"),
        words=lambda c: f"{c.occurred_at:%d %b %Y %H:%M}: {c.get_method_display()}",
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_(
            "Not needed when the victim cannot be contacted. Record the contact first if it is "
            "not listed."
        ),
    )
    told_of_right_to_review = forms.BooleanField(
        label=_("The victim was told of the decision not to proceed and of their Right to Review"),
        required=False,
        help_text=_(
            "For no further action, not investigated, not supported by the victim or not "
            "recorded: a supervisor then reviews the closure before the case closes."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "told_in_contact", forms.ModelChoiceField)
        field.queryset = self.case.contacts.filter(made=True)


class ReviewClosureForm(CaseForm):
    decision = radio_field(
        _("Your review of the proposed closure"),
        [
            ("approve", _("Approve: close the case")),
            ("send_back", _("Send it back to the officer")),
        ],
        error_messages={"required": _("Select whether you approve the closure")},
    )
    note = forms.CharField(
        label=_("Note (needed when you send it back)"), required=False, widget=forms.Textarea
    )

    def arguments(self) -> dict[str, Any]:
        return {
            "approve": self.cleaned_data["decision"] == "approve",
            "note": self.cleaned_data["note"],
        }

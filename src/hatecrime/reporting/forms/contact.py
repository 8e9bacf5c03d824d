"""Pages about support and staying in touch: referral, interpreter, safe contact, details."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.cases.models import ContactMethod
from hatecrime.core.forms import MultipleFileInput
from hatecrime.reporting import people
from hatecrime.reporting.forms.base import (
    YES_NO,
    DatePartsField,
    GovukForm,
    RadiosField,
    bool_from,
    drop_empty,
    yes_no_from,
)

# The public's words for the ways of reaching them (codes: ContactMethod). All of them are
# here: ContactMethod's own labels are staff words, which the public catalogues do not hold.
_METHOD_WORDS: dict[str, Any] = {
    ContactMethod.PHONE: _("Phone call"),
    ContactMethod.EMAIL: _("Email"),
    ContactMethod.TEXT: _("Text message"),
    ContactMethod.VISIT: _("A visit in person"),
    ContactMethod.LETTER: _("Letter"),
}
METHOD_CHOICES = [(code, _METHOD_WORDS[code]) for code, _label in ContactMethod.choices]


SAFE_DAYS_CHOICES = [
    ("any", _("Any day")),
    ("working_days", _("Weekdays, but not bank holidays")),
    ("non_working_days", _("Only weekends and bank holidays")),
]


def _worded(for_you: Any, for_the_victim: Any, about_the_victim: bool) -> Any:
    return for_the_victim if about_the_victim else for_you


class SupportForm(GovukForm):
    """Support and safe contact, asked about the person the police will contact: the person
    reporting, or the victim when someone else reports and the victim knows and agrees
    (reporting/people.py). The questions are worded for that person."""

    section = "support"
    owned_keys = ("support", "safe_contact")
    inline = {"referral_consent", "voicemail_safe", "letter_safe"}
    error_map = {
        "support": "referral_consent",
        "safe_contact": "methods",
        "safe_contact.about": "methods",
    }

    referral_consent = RadiosField("", YES_NO)
    interpreter_language = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"class": "govuk-input--width-20"})
    )
    accessibility_needs = forms.CharField(
        help_text=_(
            "For example, you use British Sign Language or need information in large print."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    methods = forms.MultipleChoiceField(
        help_text=_("Select all that are safe."),
        choices=METHOD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    safe_days = RadiosField("", SAFE_DAYS_CHOICES)
    safe_from = forms.CharField(
        label=_("Safe from (optional)"),
        help_text=_("Use the 24-hour clock, for example 18:00."),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    safe_until = forms.CharField(
        label=_("Safe until (optional)"),
        help_text=_("For example, 21:00."),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    safe_times = forms.CharField(
        label=_("Anything else about when it is safe? (optional)"),
        required=False,
    )
    voicemail_safe = RadiosField("", YES_NO)
    letter_safe = RadiosField("", YES_NO)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subject = people.safe_contact_subject(self.answers)
        someone_else = people.reports_for_someone_else(self.answers)
        victim = someone_else and self.subject == people.VICTIM
        fields = self.fields
        fields["referral_consent"].label = _worded(
            _(
                "Can we pass your details to an organisation that supports people affected "
                "by hate crime?"
            ),
            _(
                "Has the victim agreed that we can pass their details to an organisation "
                "that supports people affected by hate crime?"
            ),
            victim,
        )
        fields["referral_consent"].help_text = _worded(
            _(
                "They can give you practical help and someone to talk to. "
                "You can change your mind later."
            ),
            _("They can give the victim practical help and someone to talk to."),
            victim,
        )
        fields["interpreter_language"].label = _worded(
            _("If you need an interpreter, which language? (optional)"),
            _("If the victim needs an interpreter, which language? (optional)"),
            victim,
        )
        fields["accessibility_needs"].label = _worded(
            _("Is there anything we should know to help you talk to us? (optional)"),
            _("Is there anything we should know to help the victim talk to us? (optional)"),
            victim,
        )
        if victim:
            fields["accessibility_needs"].help_text = _(
                "For example, they use British Sign Language or need information in large print."
            )
        fields["methods"].label = _worded(
            _("How is it safe for us to contact you? (optional)"),
            _("How is it safe for us to contact the victim? (optional)"),
            victim,
        )
        if someone_else and not victim:
            fields["methods"].help_text = _(
                "We will not contact the person it happened to, because they do not know about "
                "this report or have not agreed. We will contact you. Select all that are safe."
            )
        fields["safe_days"].label = _worded(
            _("Which days is it safe to contact you? (optional)"),
            _("Which days is it safe to contact the victim? (optional)"),
            victim,
        )
        fields["voicemail_safe"].label = _worded(
            _("Is it safe for us to leave you a voicemail?"),
            _("Is it safe for us to leave the victim a voicemail?"),
            victim,
        )
        fields["letter_safe"].label = _worded(
            _("Is it safe for us to send you a letter?"),
            _("Is it safe for us to send the victim a letter?"),
            victim,
        )
        if someone_else and not victim:
            # Only the victim can agree to a referral; they do not know, or did not agree.
            del fields["referral_consent"]

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        support = drop_empty(
            {
                "referral_consent": bool_from(data.get("referral_consent")),
                "interpreter_language": data.get("interpreter_language") or None,
                "accessibility_needs": data.get("accessibility_needs") or None,
            }
        )
        safe = drop_empty(
            {
                "methods": data.get("methods") or [],
                "safe_days": data.get("safe_days") or None,
                "safe_from": (data.get("safe_from") or "").strip() or None,
                "safe_until": (data.get("safe_until") or "").strip() or None,
                "safe_times": data.get("safe_times") or None,
                "voicemail_safe": bool_from(data.get("voicemail_safe")),
                "letter_safe": bool_from(data.get("letter_safe")),
            }
        )
        if safe and self.subject:
            safe["about"] = self.subject
        return drop_empty({"support": support, "safe_contact": safe})

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        support = answers.get("support") or {}
        safe = answers.get("safe_contact") or {}
        return drop_empty(
            {
                "referral_consent": yes_no_from(support.get("referral_consent")),
                "interpreter_language": support.get("interpreter_language"),
                "accessibility_needs": support.get("accessibility_needs"),
                "methods": safe.get("methods"),
                "safe_days": safe.get("safe_days"),
                "safe_from": safe.get("safe_from"),
                "safe_until": safe.get("safe_until"),
                "safe_times": safe.get("safe_times"),
                "voicemail_safe": yes_no_from(safe.get("voicemail_safe")),
                "letter_safe": yes_no_from(safe.get("letter_safe")),
            }
        )


PERSON_KEYS = ("name", "email", "phone", "address", "postcode", "date_of_birth")


class ContactForm(GovukForm):
    """Your details; for a witness or someone reporting for the victim, also the victim's."""

    section = "contact"
    owned_keys = ("contact", "victim")
    error_map = {"contact": "email", "victim": "victim_name"} | {
        f"victim.{key}": f"victim_{key}" for key in PERSON_KEYS
    }

    name = forms.CharField(
        label=_("Your full name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("Email address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "type": "tel", "class": "govuk-input--width-20"}
        ),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}
        ),
    )
    date_of_birth = DatePartsField(
        subject=_("date of birth"), label=_("Date of birth (optional)"), required=False
    )

    victim_fields = (
        "victim_name",
        "victim_email",
        "victim_phone",
        "victim_address",
        "victim_postcode",
        "victim_date_of_birth",
    )

    def __init__(self, *args: Any, reporter_role: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reporter_role = reporter_role
        if reporter_role in ("witness", "on_behalf"):
            self.fields["victim_name"] = forms.CharField(
                label=_("Their name"),
                help_text=_("We will only contact them if they know about this report and agreed."),
                required=False,
            )
            self.fields["victim_email"] = forms.CharField(
                label=_("Their email address"),
                required=False,
                widget=forms.EmailInput(attrs={"spellcheck": "false"}),
            )
            self.fields["victim_phone"] = forms.CharField(
                label=_("Their phone number"),
                required=False,
                widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
            )
            self.fields["victim_address"] = forms.CharField(
                label=_("Their address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields["victim_postcode"] = forms.CharField(
                label=_("Their postcode"),
                required=False,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            )
            self.fields["victim_date_of_birth"] = DatePartsField(
                subject=_("their date of birth"), label=_("Their date of birth"), required=False
            )

    @property
    def has_victim(self) -> bool:
        return "victim_name" in self.fields

    def to_fragment(self) -> dict[str, Any]:
        data = self.cleaned_data
        contact = drop_empty({key: (data.get(key) or "").strip() or None for key in PERSON_KEYS})
        fragment: dict[str, Any] = {"contact": contact}
        if self.has_victim:
            victim = drop_empty(
                {key: (data.get(f"victim_{key}") or "").strip() or None for key in PERSON_KEYS}
            )
            if victim:
                fragment["victim"] = victim
        return fragment

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        contact = answers.get("contact") or {}
        victim = answers.get("victim") or {}
        initial = {key: contact.get(key) for key in PERSON_KEYS}
        initial |= {f"victim_{key}": victim.get(key) for key in PERSON_KEYS}
        return drop_empty(initial)


class EvidenceForm(GovukForm):
    # A plain Field: FileField cleans one file, this page takes several at once.
    upload = forms.Field(
        label=_("Upload a file"),
        help_text=_("Photos, screenshots or PDFs. You can choose more than one file."),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf"}
        ),
        required=False,
    )

    def clean_upload(self) -> list[Any]:
        return self.files.getlist("upload") if self.files else []

"""Forms of the partner and directory pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.core.models import Area
from hatecrime.support.models import SupportOrganisation

LIST_FIELDS = ("services", "languages", "communities")


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Do you accept this referral?"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you accept the referral")},
    )


class OrganisationForm(forms.ModelForm):
    services = forms.CharField(label=_("Services (comma separated)"), required=False)
    languages = forms.CharField(label=_("Languages (comma separated)"), required=False)
    communities = forms.CharField(label=_("Communities (comma separated)"), required=False)
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas covered"),
        queryset=Area.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SupportOrganisation
        fields = [
            "name",
            "description",
            "services",
            "languages",
            "communities",
            "covers_all_areas",
            "areas",
            "how_to_refer",
            "phone",
            "website",
            "is_active",
            "offered_by_default",
        ]
        labels = {
            "name": _("Name"),
            "description": _("Description"),
            "covers_all_areas": _("Covers every area"),
            "how_to_refer": _("How to refer"),
            "phone": _("Phone number"),
            "website": _("Website"),
            "is_active": _("Active"),
            "offered_by_default": (
                "The general victim service: a referral to it is offered by default to every "
                "victim who may be contacted and agreed to a referral (only one organisation)"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in LIST_FIELDS:
                self.initial[name] = ", ".join(getattr(self.instance, name) or [])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in LIST_FIELDS:
            cleaned[name] = [
                part.strip() for part in cleaned.get(name, "").split(",") if part.strip()
            ]
        return cleaned

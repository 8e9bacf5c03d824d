"""Dashboard filters (a GOV.UK GET form) and the trigger event form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.core.communities import flat_choices
from hatecrime.core.forms import field_of
from hatecrime.core.models import NOT_SURE, NOT_SURE_LABEL, Area, Strand

from . import selectors
from .models import ALL, Dataset, DatasetKind, TriggerEvent
from .selectors import Filters

STRANDS = [
    (ALL, _("All strands")),
    *Strand.choices,
    (NOT_SURE, NOT_SURE_LABEL),
]


def community_filter_choices() -> list[tuple[str, str]]:
    """Every community and group of the taxonomy: a group's series counts its communities."""
    return [(ALL, str(_("All communities"))), *flat_choices()]


class DashboardFilters(forms.Form):
    dataset = forms.ChoiceField(label=_("Counts"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    # Only for imported datasets: their own categories (live data's are the strands).
    category = forms.ChoiceField(label=_("Category"), required=False)
    strand = forms.ChoiceField(label=_("Strand"), choices=STRANDS, required=False)
    community = forms.ChoiceField(
        label=_("Targeted community"), required=False, choices=community_filter_choices
    )
    online = forms.ChoiceField(
        label=_("Online or offline"),
        required=False,
        choices=[(ALL, _("Both")), ("online", _("Online")), ("offline", _("Offline"))],
    )
    crime_type = forms.ChoiceField(
        label=_("Crime or non-crime hate incident"),
        required=False,
        choices=[
            (ALL, _("Both")), ("crime", _("Hate crime")),
            ("nchi", _("Non-crime hate incident")), ("unclassified", _("Not yet classified")),
        ],
    )  # fmt: skip
    period = forms.ChoiceField(
        label=_("Period"), required=False, choices=[("week", _("Week")), ("month", _("Month"))]
    )
    date_from = forms.DateField(label=_("From (YYYY-MM-DD)"), required=False)
    date_to = forms.DateField(label=_("To (YYYY-MM-DD)"), required=False)

    def __init__(
        self,
        *args: Any,
        areas: list[tuple[str, str]],
        categories: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        datasets: list[tuple[str, Any]] = [
            (Dataset.LIVE, _("Live reports, by the date it happened")),
            (Dataset.LIVE_REPORTED, _("Live reports, by the date reported")),
        ]
        datasets += [
            (d.name, d.name)
            for d in Dataset.objects.exclude(name__in=[Dataset.LIVE, Dataset.LIVE_REPORTED])
        ]
        field_of(self, "dataset", forms.ChoiceField).choices = datasets
        field_of(self, "area", forms.ChoiceField).choices = [(ALL, _("All areas")), *areas]
        if categories:
            field_of(self, "category", forms.ChoiceField).choices = [
                (ALL, _("All categories")),
                *((c, c) for c in categories),
            ]
        else:
            del self.fields["category"]


class TriggerEventForm(forms.ModelForm):
    class Meta:
        model = TriggerEvent
        fields = ["date", "label"]
        labels = {"date": _("Date (YYYY-MM-DD)"), "label": _("What happened")}


def active_areas() -> list[tuple[str, str]]:
    return [(a.slug, a.name) for a in Area.objects.filter(is_active=True)]


def choices_for(data: Any) -> dict[str, Any]:
    """The areas and categories the filters offer: an imported dataset's own (its areas are not
    the loaded areas), or core's areas for live data, which has no categories but strands."""
    dataset = selectors.dataset_named(str(data.get("dataset") or Dataset.LIVE))
    if dataset is None or dataset.kind == DatasetKind.LIVE:
        return {"areas": active_areas()}
    return {
        "areas": [(area, area) for area in selectors.dataset_areas(dataset)],
        "categories": selectors.dataset_categories(dataset),
    }


def chosen_filters(form: DashboardFilters) -> Filters | None:
    """The filters chosen, or None before the live counts have first been made."""
    data = form.cleaned_data if form.is_valid() else {}
    dataset = selectors.dataset_named(data.get("dataset") or Dataset.LIVE)
    if dataset is None:
        return None
    return Filters(
        dataset=dataset,
        period_kind=data.get("period") or "week",
        area=data.get("area") or ALL,
        strand=data.get("strand") or ALL,
        community=data.get("community") or ALL,
        online=data.get("online") or ALL,
        crime_type=data.get("crime_type") or ALL,
        category=data.get("category") or ALL,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )

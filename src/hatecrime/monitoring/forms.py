"""Dashboard filters (a GOV.UK GET form) and the trigger event form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.core.communities import flat_choices
from hatecrime.core.forms import field_of
from hatecrime.core.models import NOT_SURE, NOT_SURE_LABEL, Area, Force, Strand

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


# The force choice's value for every force (a force's value is its code).
ALL_FORCES = "all"


class DashboardFilters(forms.Form):
    dataset = forms.ChoiceField(label=_("Counts"), required=False)
    # Only for live data where the service covers several forces: the areas of the map, the
    # area table and the area choice are the chosen force's (docs/adr/0790-national-scale.md).
    force = forms.ChoiceField(label=_("Police force"), required=False)
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
        forces: list[tuple[str, str]] | None = None,
        force: str = ALL_FORCES,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.shown_force = force  # chosen, or the one the page opens on
        if forces:
            field_of(self, "force", forms.ChoiceField).choices = [
                (ALL_FORCES, _("All forces")),
                *forces,
            ]
            self.initial["force"] = force
            if self.is_bound and not self.data.get("force"):  # every field takes one value
                self.data = {key: self.data.get(key) for key in self.data} | {"force": force}
        else:
            del self.fields["force"]
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


def active_areas(force: str = ALL_FORCES) -> list[tuple[str, str]]:
    """(slug, name) of the active areas: a force's (by its code), or every one."""
    areas = Area.objects.filter(is_active=True)
    if force != ALL_FORCES:
        areas = areas.filter(force__code=force)
    return [(a.slug, a.name) for a in areas]


def force_choices() -> list[tuple[str, str]]:
    """(code, name) of each force with an active area."""
    forces = Force.objects.filter(areas__is_active=True).distinct().order_by("name", "code")
    return list(forces.values_list("code", "name"))


def own_force(user: Any) -> str:
    """The code of the one force whose areas the user works in; ALL_FORCES for someone with no
    area, or areas of several forces (a national analyst)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ALL_FORCES
    codes = set(user.areas.filter(force__isnull=False).values_list("force__code", flat=True))
    return codes.pop() if len(codes) == 1 else ALL_FORCES


def _chosen_force(data: Any, user: Any, forces: list[tuple[str, str]]) -> str:
    """The force chosen; else the chosen area's force (a link to one area); else the user's."""
    given = str(data.get("force") or "")
    if given == ALL_FORCES or given in {code for code, _name in forces}:
        return given
    if area := str(data.get("area") or ""):
        code = Area.objects.filter(slug=area).values_list("force__code", flat=True).first()
        return code or ALL_FORCES
    return own_force(user)


def choices_for(data: Any, user: Any = None) -> dict[str, Any]:
    """The areas and categories the filters offer: an imported dataset's own (its areas are not
    the loaded areas), or core's areas for live data, which has no categories but strands.
    Live data of several forces opens on the user's own force, with every force a choice."""
    dataset = selectors.dataset_named(str(data.get("dataset") or Dataset.LIVE))
    if dataset is None or dataset.kind == DatasetKind.LIVE:
        forces = force_choices()
        if len(forces) < 2:
            return {"areas": active_areas()}
        force = _chosen_force(data, user, forces)
        return {"areas": active_areas(force), "forces": forces, "force": force}
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
        force=ALL if form.shown_force == ALL_FORCES else form.shown_force,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )

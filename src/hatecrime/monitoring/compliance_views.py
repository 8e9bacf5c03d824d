"""The analyst's Victims' Code compliance page and its CSV for the Police and Crime
Commissioner (docs/adr/0821): analysts and command only (`view_victims_code_compliance`), the
same 404 for anyone else; the CSV needs a fresh second factor and is audited as a disclosure."""

import datetime as dt

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hatecrime.accounts.decorators import staff_page, staff_user, step_up_required
from hatecrime.audit.actions import record_event
from hatecrime.core.models import Area

from .access import access_monitoring
from .compliance import ALL, Period, compliance_csv, compliance_section, feedback_section

PERMISSION = "view_victims_code_compliance"


def _areas() -> list[tuple[str, str]]:
    return [(ALL, "All areas"), *Area.objects.filter(is_active=True).values_list("slug", "name")]


class ComplianceFilters(forms.Form):
    date_from = forms.DateField(
        label="Cases opened from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, for example 2026-11-01"},
    )
    date_to = forms.DateField(
        label="to",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, for example 2026-11-30"},
    )
    area = forms.ChoiceField(label="Area", required=False, choices=_areas)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        if first and last and (last - first) > dt.timedelta(days=3 * 366):
            self.add_error("date_to", "Choose a period of three years or less")
        return data

    def period(self) -> Period:
        default = Period.last_month()
        data = self.cleaned_data if self.is_valid() else {}
        return Period(data.get("date_from") or default.first, data.get("date_to") or default.last)

    def chosen_area(self) -> str:
        return str(self.cleaned_data.get("area") or ALL) if self.is_valid() else ALL


def _filters(request: HttpRequest) -> ComplianceFilters | HttpResponse:
    """The filters chosen, after the permission check; bad dates answer 400 with the errors."""
    access_monitoring(request.user, PERMISSION)
    form = ComplianceFilters(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "monitoring/compliance.html", {"form": form}, status=400)
    return form


@staff_page()
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    form = _filters(request)
    if isinstance(form, HttpResponse):
        return form
    period, area = form.period(), form.chosen_area()
    context = {
        "form": form,
        "period": period,
        "sections": [compliance_section(period, area), feedback_section(period, area)],
        "query": request.GET.urlencode(),
    }
    return render(request, "monitoring/compliance.html", context)


@staff_page()
@require_GET
@step_up_required
def compliance_export(request: HttpRequest) -> HttpResponse:
    form = _filters(request)
    if isinstance(form, HttpResponse):
        return form
    period, area = form.period(), form.chosen_area()
    content = compliance_csv(period, area)
    user = staff_user(request)
    record_event(
        "disclose",
        actor=user,
        object_type="victims_code_compliance",
        object_id=area or "all",
        fields=["compliance", "feedback"],
        recipient=user.get_username(),
        detail={"format": "csv", "from": period.first.isoformat(), "to": period.last.isoformat()},
    )
    name = f"victims-code-compliance-{area or 'all'}-{period.first:%Y%m%d}-{period.last:%Y%m%d}"
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response

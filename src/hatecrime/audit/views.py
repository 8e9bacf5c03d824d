"""Audit search for supervisors and administrators (the search itself is audited by the
selector)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.decorators import staff_page, step_up_required
from hatecrime.accounts.permissions import require_permission
from hatecrime.audit.models import AuditKind
from hatecrime.audit.selectors import search_audit


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Username"), required=False, max_length=150)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any")), *AuditKind.choices]
    )
    object_type = forms.CharField(label=_("Object type (e.g. case)"), required=False, max_length=64)
    object_id = forms.CharField(
        label=_("Object (e.g. a case reference)"), required=False, max_length=128
    )
    since = forms.DateTimeField(
        label=_("From"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    until = forms.DateTimeField(
        label=_("To"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


@staff_page()
@step_up_required
def audit_search(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "search_audit")
    form = AuditSearchForm(request.GET or None)
    events = None
    if form.is_valid() and any(form.cleaned_data.values()):
        events = search_audit(request.user, **form.cleaned_data)
    return render(request, "audit/search.html", {"form": form, "events": events})

"""Recording a report taken by phone, at a front counter, on a home visit, from a third-party
reporting centre or from social media."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hatecrime.accounts.decorators import staff_page
from hatecrime.accounts.models import Role
from hatecrime.cases.forms.record import RecordReportForm
from hatecrime.core import languages
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.payload import ReportInvalid

RECORDING_ROLES = (Role.CALL_HANDLER, Role.OFFICER, Role.SUPERVISOR)


@staff_page(*RECORDING_ROLES)
def record_report(request: HttpRequest) -> HttpResponse:
    form = RecordReportForm(request.POST or None, request.FILES or None)
    not_stored = False
    if request.method == "POST" and form.is_valid():
        try:
            submitted = do_submit_report(
                payload=form.to_payload(),
                evidence=form.evidence_uploads(),
                channel=form.cleaned_data["channel"],
                actor=request.user,
                language=form.cleaned_data.get("language") or languages.DEFAULT,
            )
        except ReportInvalid as invalid:
            form.add_payload_errors(invalid.errors)
        except ReportNotStored:
            not_stored = True
        else:
            return render(
                request,
                "cases/record_done.html",
                {
                    "reference": submitted.reference,
                    "tracking_code": submitted.tracking_code,
                    "area": submitted.report.area,
                },
            )
    return render(request, "cases/record.html", {"form": form, "not_stored": not_stored})

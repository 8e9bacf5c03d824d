"""Track my report: a reference and a tracking code give the status and the timeline. A wrong
code and an unknown reference get the same message; failed attempts are rate-limited."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from hatecrime.core.network import client_address
from hatecrime.reporting.tracking import TrackingRateLimited, do_track
from hatecrime.reporting.views.additions import forget_tracked, remember_tracked


class TrackForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Reference"),
        help_text=gettext_lazy("For example, HC-7K3M-Q9P2."),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-20", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    tracking_code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if not (data.get("reference") or "").strip():
            self.add_error("reference", _("Enter your reference"))
        if not (data.get("tracking_code") or "").strip():
            self.add_error("tracking_code", _("Enter your tracking code"))
        return data


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST if request.method == "POST" else None)
    context: dict[str, object] = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            tracking = do_track(
                reference=form.cleaned_data["reference"],
                tracking_code=form.cleaned_data["tracking_code"],
                client_ip=client_address(request.META),
            )
        except TrackingRateLimited:
            forget_tracked(request)
            context["rate_limited"] = True
            status = 429
        else:
            if tracking is None:
                form.add_error(
                    None,
                    _(
                        "We could not find a report with that reference and tracking code. "
                        "Check them and try again"
                    ),
                )
                status = 404
                forget_tracked(request)
            else:
                remember_tracked(request, tracking.reference)
            context["tracking"] = tracking
    return render(request, "reporting/track.html", context, status=status)

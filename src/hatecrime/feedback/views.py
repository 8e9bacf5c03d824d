"""The feedback survey page, reached by the one-time link in the message (docs/adr/0822). It
shows nothing of the report: a link that is unknown, used or expired gets the same page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hatecrime.feedback.actions import do_answer_survey, open_invitation
from hatecrime.feedback.forms import SurveyForm


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    if open_invitation(token) is None:
        return render(request, "feedback/survey.html", {"closed": True}, status=404)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not do_answer_survey(token=token, answers=form.cleaned_data):
            return render(request, "feedback/survey.html", {"closed": True}, status=404)
        return render(request, "feedback/survey.html", {"thanks": True})
    status = 400 if form.errors else 200
    return render(request, "feedback/survey.html", {"form": form}, status=status)

from django.urls import path

from hatecrime.reporting.views import (
    additions,
    evidence,
    exit_page,
    journey,
    pages,
    review,
    submit,
    track,
)

app_name = "reporting"

urlpatterns = [
    path("", pages.start, name="start"),
    path("not-sure/", pages.not_sure, name="not-sure"),
    path("other-ways-to-report/", pages.other_ways, name="other-ways"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("report/check-answers/", submit.check_answers, name="check"),
    path("report/submit/", submit.submit, name="submit"),
    path("report/confirmation/", submit.confirmation, name="confirmation"),
    path("report/saved/", submit.saved, name="saved"),
    path("report/expired/", submit.expired, name="expired"),
    path("report/evidence/", evidence.evidence_page, name="evidence"),
    path("report/<slug:slug>/", journey.step_page, name="step"),
    path("resume/", submit.resume, name="resume"),
    path("track/", track.track, name="track"),
    path("track/add/<slug:slug>/", additions.add_to_report, name="track-add"),
    path("track/added/", additions.added, name="track-added"),
    path("track/language/", additions.message_language, name="track-language"),
    path("track/review/<int:right_id>/", review.ask_for_review, name="track-review"),
    path("track/review/asked/", review.review_asked, name="track-review-asked"),
    path("exit/", exit_page.exit_this_page, name="exit"),
]

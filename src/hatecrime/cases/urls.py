from django.urls import URLPattern, URLResolver, path

from hatecrime.cases.views import (
    access,
    actions,
    board,
    evidence,
    matches,
    pages,
    record,
    search,
    settings,
)

app_name = "cases"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.queue, name="queue"),
    path("record/", record.record_report, name="record"),
    path("board/", board.board, name="board"),
    path("board/export.csv", board.board_export, name="board-export"),
    path("at-risk/", board.at_risk, name="at-risk"),
    path("search/", search.case_search, name="search"),
    path("clusters/", matches.clusters, name="clusters"),
    path("access-requests/", matches.access_requests, name="access-requests"),
    path("access-requests/<int:request_id>/", matches.access_request, name="access-request"),
    path("crime-number-format/", settings.crime_number_format, name="crime-number-format"),
    path("decision-letters/", settings.decision_letters, name="decision-letters"),
    path(
        "decision-letters/<slug:kind>/<str:language>/",
        settings.decision_letter,
        name="decision-letter",
    ),
    path("<str:reference>/", pages.case_page, name="case"),
    path("<str:reference>/justify/", access.justify, name="justify"),
    path("<str:reference>/matches/", matches.case_matches, name="matches"),
    path("<str:reference>/evidence/<int:evidence_id>/", evidence.case_evidence, name="evidence"),
    path("<str:reference>/<slug:action>/", actions.case_action, name="action"),
]

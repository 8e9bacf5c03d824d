from django.urls import URLPattern, URLResolver, path

from hatecrime.api.v1 import cases, monitoring

urlpatterns: list[URLPattern | URLResolver] = [
    path("cases", cases.CaseListView.as_view(), name="cases"),
    path("monitoring/series", monitoring.SeriesView.as_view(), name="monitoring-series"),
    path("cases/search", cases.CaseSearchView.as_view(), name="search-cases"),
    path("cases/<str:reference>", cases.CaseDetailView.as_view(), name="case"),
    path("cases/<str:reference>/triage", cases.TriageView.as_view(), name="case-triage"),
    path(
        "cases/<str:reference>/communities",
        cases.CommunitiesView.as_view(),
        name="case-communities",
    ),
    path(
        "cases/<str:reference>/crime-number",
        cases.CrimeNumberView.as_view(),
        name="case-crime-number",
    ),
    path("cases/<str:reference>/assign", cases.AssignView.as_view(), name="case-assign"),
    path("cases/<str:reference>/contacts", cases.ContactView.as_view(), name="case-contacts"),
    path("cases/<str:reference>/decisions", cases.DecisionView.as_view(), name="case-decisions"),
    path("cases/<str:reference>/updates", cases.UpdateView.as_view(), name="case-updates"),
    path("cases/<str:reference>/referrals", cases.ReferView.as_view(), name="case-referrals"),
    path("cases/<str:reference>/close", cases.CloseView.as_view(), name="case-close"),
    path(
        "cases/<str:reference>/closure-review",
        cases.ReviewClosureView.as_view(),
        name="case-closure-review",
    ),
    path(
        "cases/<str:reference>/evidence/<int:evidence_id>",
        cases.EvidenceView.as_view(),
        name="case-evidence",
    ),
]

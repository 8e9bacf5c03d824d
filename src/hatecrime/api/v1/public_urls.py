from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularJSONAPIView

from hatecrime.api.v1.areas import AreasView
from hatecrime.api.v1.communities import CommunitiesView
from hatecrime.api.v1.reports import ChallengeView, ReportsView
from hatecrime.api.v1.schema import api_docs
from hatecrime.api.v1.track import TrackView
from hatecrime.api.v1.track_additions import TrackAdditionsView

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports", ReportsView.as_view(), name="reports"),
    path("reports/challenge", ChallengeView.as_view(), name="report-challenge"),
    path("track", TrackView.as_view(), name="track"),
    path("track/additions", TrackAdditionsView.as_view(), name="track-additions"),
    path("communities", CommunitiesView.as_view(), name="communities"),
    path("areas", AreasView.as_view(), name="areas"),
    path(
        "schema",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="schema",
    ),
    path("docs", api_docs, name="docs"),
]

import os
from typing import Any

from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.api.v1.reports import BodyRejected, ReportsView, read_json_body
from hatecrime.api.v1.schema import api_docs
from hatecrime.api.v1.track import TrackView
from hatecrime.api.v1.track_additions import TrackAdditionsView

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports", ReportsView.as_view(), name="reports"),
    path("track", TrackView.as_view(), name="track"),
    path("track/additions", TrackAdditionsView.as_view(), name="track-additions"),
    path(
        "schema",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="schema",
    ),
    path("docs", api_docs, name="docs"),
]


class BenchFloorView(APIView):
    """bench/intake.py's floor: a bare view inserting one row of the size of a report."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    parser_classes: list[Any] = []
    schema = None

    def post(self, request: Request) -> Response:
        from hatecrime.reporting.models import BenchFloorRow

        try:
            body = read_json_body(request)
        except BodyRejected as rejected:
            return Response(rejected.body, status=rejected.status_code)
        row = BenchFloorRow.objects.create(body=str(body), created_at=timezone.now())
        return Response({"id": row.pk}, status=201)


if os.environ.get("HATECRIME_BENCH_FLOOR") == "1":
    urlpatterns.append(path("bench-floor", BenchFloorView.as_view(), name="bench-floor"))

"""A series as the dashboard shows it, over the staff API (token authentication): counts,
expected level and threshold from the stored detection runs, alarms grouped into episodes
(ADR 0901) and, for live data, the last periods corrected for reports not yet made with their
90% interval (ADR 0902). Aggregated counts only (no personal data); the same selectors as the
dashboard, so the two agree. 400 with field errors for bad filters."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.accounts.permissions import has_permission
from hatecrime.api.v1.case_serializers import ErrorsOut
from hatecrime.monitoring.episodes import Episode, group_episodes
from hatecrime.monitoring.forms import DashboardFilters, choices_for, chosen_filters
from hatecrime.monitoring.models import Alarm
from hatecrime.monitoring.selectors import judged_series, trend, with_judgements
from hatecrime.monitoring.series import DIMENSIONS


class PointOut(serializers.Serializer):
    period = serializers.DateField()
    observed = serializers.IntegerField()
    expected = serializers.FloatField(allow_null=True)
    upper = serializers.FloatField(allow_null=True, help_text="the alarm threshold")
    alarm = serializers.BooleanField()
    nowcast = serializers.FloatField(
        allow_null=True, help_text="not yet fully reported: the corrected count (ADR 0902)"
    )
    nowcast_low = serializers.FloatField(allow_null=True, help_text="its 90% interval, low end")
    nowcast_high = serializers.FloatField(allow_null=True, help_text="its 90% interval, high end")


class EpisodeOut(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    periods = serializers.ListField(child=serializers.DateField())
    series = serializers.DictField(child=serializers.CharField())
    highest = serializers.IntegerField()


class SeriesOut(serializers.Serializer):
    dataset = serializers.CharField()
    period = serializers.CharField()
    series = serializers.DictField(child=serializers.CharField())
    points = PointOut(many=True)
    episodes = EpisodeOut(many=True)
    runs = serializers.ListField(child=serializers.IntegerField())


FILTERS = [
    OpenApiParameter(name, str, OpenApiParameter.QUERY, description=text)
    for name, text in (
        ("dataset", "live (by the date it happened, the default), live-reported, or an imported "
         "dataset's name"),
        ("period", "week (default) or month"),
        ("area", "an area (slug for live data) [all]"),
        ("strand", "a strand [all]"),
        ("category", "an imported dataset's category [all]"),
        ("community", "a targeted community code [all]"),
        ("online", "online or offline [both]"),
        ("crime_type", "crime, nchi or unclassified [all]"),
        ("date_from", "first period, YYYY-MM-DD [two years back weekly, five monthly]"),
        ("date_to", "last period, YYYY-MM-DD [today]"),
    )
]  # fmt: skip


def _episode(episode: Episode[Alarm]) -> dict[str, Any]:
    first = episode.items[0]
    return {
        "start": episode.start,
        "end": episode.end,
        "periods": episode.periods,
        "series": {dim: getattr(first, dim) for dim in DIMENSIONS},
        "highest": max(a.observed for a in episode.items),
    }


class SeriesView(APIView):
    @extend_schema(
        summary="A series as the dashboard shows it: counts, expected level, alarms as "
        "episodes, and the last periods corrected for reports not yet made",
        parameters=FILTERS,
        responses={200: SeriesOut, 400: ErrorsOut, 403: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        if not has_permission(request.user, "view_aggregates"):
            return Response({"detail": "You do not see monitoring figures."}, status=403)
        form = DashboardFilters(request.query_params, **choices_for(request.query_params))
        if not form.is_valid():
            return Response({"errors": form.errors}, status=400)
        filters = chosen_filters(form)
        if filters is None:
            return Response({"detail": "No counts have been made yet."}, status=404)
        chosen = trend(filters)
        judged = judged_series(filters)
        with_judgements(chosen.points, judged.chart)
        points: list[dict[str, Any]] = [
            {
                "period": p.period, "observed": p.observed, "expected": p.expected,
                "upper": p.upper, "alarm": p.alarm,
                "nowcast": p.nowcast[0] if p.nowcast else None,
                "nowcast_low": p.nowcast[1] if p.nowcast else None,
                "nowcast_high": p.nowcast[2] if p.nowcast else None,
            }
            for p in chosen.points
        ]  # fmt: skip
        episodes = group_episodes(
            judged.alarms, series=lambda a: tuple(getattr(a, d) for d in DIMENSIONS),
            period=lambda a: a.period_start, period_kind=filters.period_kind,
        )  # fmt: skip
        data = {
            "dataset": filters.dataset.name,
            "period": filters.period_kind,
            "series": {dim: getattr(filters, dim) for dim in DIMENSIONS},
            "points": points,
            "episodes": [_episode(e) for e in episodes],
            "runs": [run.pk for run in judged.runs],
        }
        return Response(SeriesOut(data).data)

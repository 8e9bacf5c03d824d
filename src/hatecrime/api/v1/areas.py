"""GET /api/v1/areas: the areas a report may name, so that a partner system (a third-party
reporting centre, perhaps covering several forces) can offer the same choices as the online
form. Areas are data, loaded per force (docs/adr/0760-areas-and-maps-as-data.md)."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.api.v1 import schema
from hatecrime.core.models import Area


class AreasView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="list_areas",
        summary="The areas a report may name",
        description="Active areas, by force and name, then `unknown` (the central triage "
        "queue). Send a slug as `area` in a report.",
        responses={200: OpenApiResponse(schema.AREAS_SCHEMA, description="The areas")},
        tags=["reports"],
    )
    def get(self, request: Request) -> Response:
        areas = (
            Area.objects.filter(is_active=True)
            .select_related("force")
            .order_by("is_triage", "force__name", "name")
        )
        return Response(
            [
                {
                    "slug": area.slug,
                    "name": area.name,
                    "code": area.code,
                    "force": {"code": area.force.code, "name": area.force.name}
                    if area.force
                    else None,
                }
                for area in areas
            ]
        )

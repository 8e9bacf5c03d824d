"""GET /api/v1/communities: the targeted-community taxonomy, so that a partner system can offer
the same choices as the online form (the codes are data, kept by administrators)."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.api.v1 import schema
from hatecrime.core.models import Community


class CommunitiesView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="list_communities",
        summary="The targeted communities a report may name",
        description="Active groups and communities in the order the online form shows them. "
        "Send their codes as `targeted_communities` in a report.",
        responses={200: OpenApiResponse(schema.COMMUNITIES_SCHEMA, description="The taxonomy")},
        tags=["reports"],
    )
    def get(self, request: Request) -> Response:
        nodes = Community.objects.filter(is_active=True).select_related("parent")
        return Response(
            [
                {
                    "code": node.code,
                    "label": node.label,
                    "group": node.parent.code if node.parent else None,
                    "strand": node.strand,
                }
                for node in nodes
            ]
        )

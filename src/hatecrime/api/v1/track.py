"""POST /api/v1/track: a report's status and timeline, for the reference and tracking code.

An unknown reference and a wrong code get the same 404 body; wrong codes are limited per
client (429) and only slow down the answers for a reference (docs/adr/0431).
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.api.v1 import schema
from hatecrime.api.v1.reports import BodyRejected, errors, read_json_body
from hatecrime.core.network import client_address
from hatecrime.reporting.tracking import TrackingRateLimited, do_track

NOT_FOUND = {"detail": "No report matches this reference and tracking code."}
TOO_MANY = {"detail": "Too many attempts. Try again in an hour, or call 101."}


def text_field(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise BodyRejected(400, errors(key, f"Enter the {key.replace('_', ' ')}"))
    return value


class TrackView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    parser_classes: list[Any] = []

    @extend_schema(
        operation_id="track_report",
        summary="Track a report",
        request=schema.TRACK_REQUEST,
        responses=schema.TRACK_RESPONSES,
        examples=schema.TRACK_EXAMPLES,
        tags=["reports"],
    )
    def post(self, request: Request) -> Response:
        try:
            body = read_json_body(request)
            if not isinstance(body, dict):
                raise BodyRejected(400, errors("", "The body must be a JSON object"))
            unknown = set(body) - {"reference", "tracking_code"}
            if unknown:
                raise BodyRejected(400, {"errors": {key: ["Unknown field"] for key in unknown}})
            reference, code = text_field(body, "reference"), text_field(body, "tracking_code")
            tracking = do_track(
                reference=reference,
                tracking_code=code,
                client_ip=client_address(request.META),
            )
        except BodyRejected as rejected:
            return Response(rejected.body, status=rejected.status_code)
        except TrackingRateLimited:
            return Response(
                TOO_MANY, status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": "3600"}
            )
        if tracking is None:
            return Response(NOT_FOUND, status=status.HTTP_404_NOT_FOUND)
        return Response(tracking.as_dict())

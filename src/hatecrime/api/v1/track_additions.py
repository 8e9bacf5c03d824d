"""POST /api/v1/track/additions: the holder of a reference and tracking code adds to the report
(more information, more evidence, or "please call me"), as on the tracking page.

The code is checked as for tracking (the same 404 for an unknown reference and a wrong code,
limited per client, slowed per reference); the addition is made by `do_add_to_report`.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.api.v1 import schema
from hatecrime.api.v1.reports import BodyRejected, errors, evidence_uploads, read_json_body
from hatecrime.api.v1.track import NOT_FOUND, TOO_MANY, text_field
from hatecrime.cases.actions import CaseActionError, do_add_to_report
from hatecrime.cases.models import Case
from hatecrime.core.network import client_address
from hatecrime.reporting.payload import ReportInvalid
from hatecrime.reporting.tracking import TrackingRateLimited, verify_tracking_code

FIELDS = {"reference", "tracking_code", "kind", "text", "evidence"}


def _body(request: Request) -> dict[str, Any]:
    body = read_json_body(request)
    if not isinstance(body, dict):
        raise BodyRejected(400, errors("", "The body must be a JSON object"))
    unknown = set(body) - FIELDS
    if unknown:
        raise BodyRejected(400, {"errors": {key: ["Unknown field"] for key in sorted(unknown)}})
    if not isinstance(body.get("text", ""), str):
        raise BodyRejected(400, errors("text", "Must be a string"))
    if not isinstance(body.get("kind"), str):
        raise BodyRejected(400, errors("kind", "Select what you want to add"))
    return body


class TrackAdditionsView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    parser_classes: list[Any] = []

    @extend_schema(
        operation_id="add_to_report",
        summary="Add to a report (more information, more evidence, please call me)",
        request=schema.ADDITION_REQUEST,
        responses=schema.ADDITION_RESPONSES,
        tags=["reports"],
    )
    def post(self, request: Request) -> Response:
        try:
            body = _body(request)
            reference, code = text_field(body, "reference"), text_field(body, "tracking_code")
            uploads = evidence_uploads(body.get("evidence"))
            report = verify_tracking_code(
                reference=reference, tracking_code=code, client_ip=client_address(request.META)
            )
            case = Case.objects.filter(report=report).first() if report is not None else None
            if case is None:
                return Response(NOT_FOUND, status=status.HTTP_404_NOT_FOUND)
            addition = do_add_to_report(
                case=case, kind=body["kind"], text=body.get("text", ""), evidence=uploads
            )
        except BodyRejected as rejected:
            return Response(rejected.body, status=rejected.status_code)
        except ReportInvalid as invalid:
            return Response({"errors": invalid.errors}, status=status.HTTP_400_BAD_REQUEST)
        except CaseActionError as refused:
            return Response({"errors": refused.errors}, status=status.HTTP_400_BAD_REQUEST)
        except TrackingRateLimited:
            return Response(
                TOO_MANY, status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": "3600"}
            )
        return Response(
            {
                "reference": case.report.reference,
                "kind": addition.kind,
                "added_on": addition.added_at.date().isoformat(),
            },
            status=status.HTTP_201_CREATED,
        )

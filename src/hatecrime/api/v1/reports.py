"""POST /api/v1/reports: a report from a third-party reporting centre or a partner system.

The body is read and parsed here (not by DRF's parsers) so that an oversized body is a 413,
malformed JSON a 400 and another content type a 415, before anything else happens. The
payload rules are those of `reporting.payload`, the same as the pages'.
"""

import base64
import binascii
from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.accounts.models import Role
from hatecrime.api.v1 import parsing, schema
from hatecrime.api.v1.errors import unavailable_body
from hatecrime.core import languages
from hatecrime.core.network import client_address
from hatecrime.reporting.actions import ReportNotStored, do_submit_report
from hatecrime.reporting.evidence import EVIDENCE_LIMITS, EvidenceUpload
from hatecrime.reporting.idempotency import IdempotencyConflict, IdempotencyInFlight, client_scope
from hatecrime.reporting.intake_limits import (
    EVIDENCE,
    REPORTS,
    IntakeClient,
    IntakeLimited,
    count_intake,
    intake_client,
)
from hatecrime.reporting.models import Channel
from hatecrime.reporting.payload import ReportInvalid
from hatecrime.reporting.proof_of_work import Solution, check_solution, new_challenge

MAX_IDEMPOTENCY_KEY = 100


def report_language(header: str) -> str:
    """The report's language from a Content-Language header: our code for it ("vi-VN" -> "vi"),
    the tag itself when we have no such language, English when there is none."""
    tag = header.split(",")[0].strip()[:16]
    if not tag:
        return languages.DEFAULT
    return languages.from_tag(tag) or tag.lower()


class BodyRejected(Exception):
    def __init__(self, status_code: int, body: dict[str, Any]) -> None:
        self.status_code, self.body = status_code, body


def errors(path: str, message: str) -> dict[str, Any]:
    return {"errors": {path: [message]}}


def max_body_bytes() -> int:
    return int(settings.HATECRIME_API_MAX_BODY_BYTES)


def read_json_body(request: Request) -> Any:
    """The JSON body, or BodyRejected with the right status (413, 415, 400)."""
    content_type = request.content_type.split(";")[0].strip().lower()
    if content_type != "application/json":
        raise BodyRejected(415, errors("", "Send the report as application/json"))
    limit = max_body_bytes()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise BodyRejected(413, errors("", f"The body must be {limit:,} bytes or smaller"))
    django_request = request._request
    environ = django_request.META
    if hasattr(django_request, "_body"):  # already read by something before the view
        raw = django_request._body
    elif not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
        # A chunked body (no Content-Length): Django reads nothing without a length, but the
        # server (gunicorn) has de-chunked the stream and marks its end, so read it directly,
        # never more than the limit.
        raw = environ["wsgi.input"].read(limit + 1)
    else:
        raw = django_request.read(limit + 1)
    if len(raw) > limit:
        raise BodyRejected(413, errors("", f"The body must be {limit:,} bytes or smaller"))
    try:
        return parsing.loads(raw)
    except parsing.JsonRefused as refused:
        raise BodyRejected(400, {"errors": refused.errors}) from None


def evidence_uploads(items: Any) -> list[EvidenceUpload]:
    """Evidence sent as base64 items: [{"name", "content_type", "content_base64"}]."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise ReportInvalid({"evidence": ["Must be a list"]})
    uploads, problems = [], {}
    for index, item in enumerate(items):
        path = f"evidence.{index}"
        if not isinstance(item, dict) or set(item) - {"name", "content_type", "content_base64"}:
            problems[path] = ["Must be an object with name, content_type and content_base64"]
            continue
        try:
            content = base64.b64decode(str(item.get("content_base64", "")), validate=True)
        except (binascii.Error, ValueError):
            problems[path] = ["content_base64 must be base64"]
            continue
        name, declared = str(item.get("name", "")), str(item.get("content_type", ""))
        for key, value in (("name", name), ("content_type", declared)):
            if len(value) > EVIDENCE_LIMITS[key]:
                limit = EVIDENCE_LIMITS[key]
                problems[f"{path}.{key}"] = [f"Must be {limit:,} characters or fewer"]
        if any(key.startswith(f"{path}.") for key in problems):
            continue
        uploads.append(EvidenceUpload(name=name, content=content, declared_type=declared))
    if problems:
        raise ReportInvalid(problems)
    return uploads


def idempotency_key(request: Request) -> str | None:
    value = request.headers.get("Idempotency-Key")
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > MAX_IDEMPOTENCY_KEY or not value.isprintable():
        raise BodyRejected(
            400, errors("Idempotency-Key", f"Must be 1 to {MAX_IDEMPOTENCY_KEY} characters")
        )
    return f"api:{value}"


def limited(refusal: IntakeLimited) -> Response:
    """429: the client's budget is spent for now. The body says when to try again and the
    other ways to report (a person may be behind an automated client)."""
    body = unavailable_body(
        f"Too many reports from this client: try again in {refusal.retry_after} seconds. "
        "Nothing was stored."
    )
    body["retry_after_seconds"] = refusal.retry_after
    return Response(
        body,
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(refusal.retry_after)},
    )


def spend_report_budget(request: Request, client: IntakeClient) -> None:
    """Count the report against the client's budget (raise IntakeLimited). An anonymous
    client's report counts once with a solved proof-of-work (`Proof-Of-Work` header), and
    HATECRIME_INTAKE_UNSOLVED_WEIGHT times without one; a wrong or reused solution is refused."""
    weight = 1
    if not client.is_account:
        solution = check_solution(request.headers.get("Proof-Of-Work"))
        if solution is Solution.INVALID:
            raise BodyRejected(
                400, errors("Proof-Of-Work", "Not a solution of a challenge we issued")
            )
        if solution is Solution.REPLAYED:
            raise BodyRejected(
                400, errors("Proof-Of-Work", "This solution was used before: solve a new one")
            )
        if solution is Solution.MISSING:
            weight = int(settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT)
    count_intake(REPORTS, client, weight=weight)


class ChallengeView(APIView):
    """GET /api/v1/reports/challenge: a proof-of-work challenge for one anonymous report."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        operation_id="report_challenge",
        summary="A proof-of-work challenge for an anonymous report",
        responses=schema.CHALLENGE_RESPONSES,
        tags=["reports"],
    )
    def get(self, request: Request) -> Response:
        return Response(new_challenge())


class ReportsView(APIView):
    permission_classes = [AllowAny]
    parser_classes: list[Any] = []

    @extend_schema(
        operation_id="submit_report",
        summary="Submit a report",
        request=schema.REPORT_REQUEST,
        responses=schema.REPORT_RESPONSES,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                {"type": "string", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY},
                OpenApiParameter.HEADER,
                description="Send the same key again to get the same answer and no second report.",
            ),
            OpenApiParameter(
                "Proof-Of-Work",
                {"type": "string"},
                OpenApiParameter.HEADER,
                description=schema.PROOF_OF_WORK_HELP,
            ),
        ],
        examples=schema.REPORT_EXAMPLES,
        tags=["reports"],
    )
    def post(self, request: Request) -> Response:
        actor = request.user if getattr(request.user, "is_authenticated", False) else None
        client = intake_client(address=client_address(request.META), account=actor)
        try:
            key = idempotency_key(request)
            spend_report_budget(request, client)
            body = read_json_body(request)
            if not isinstance(body, dict):
                raise BodyRejected(400, errors("", "The report must be a JSON object"))
            payload = {k: v for k, v in body.items() if k != "evidence"}
            uploads = evidence_uploads(body.get("evidence"))
            if uploads and not client.is_account:
                count_intake(EVIDENCE, client, weight=len(uploads))
            centre = getattr(actor, "role", None) == Role.REPORTING_CENTRE
            submitted = do_submit_report(
                payload=payload,
                evidence=uploads,
                # A centre's report is attributed to it (submitted_by) and marked as theirs.
                channel=Channel.THIRD_PARTY if centre else Channel.API,
                actor=actor,
                # Content-Language names the language the report was written in; one the
                # registry does not know is kept as given (staff see the tag).
                language=report_language(request.headers.get("Content-Language", "")),
                raw=_raw_without_file_content(body),
                idempotency_key=key,
                idempotency_client=client_scope(
                    account_id=actor.pk if actor is not None else None,
                    address=client_address(request.META),
                ),
            )
        except BodyRejected as rejected:
            return Response(rejected.body, status=rejected.status_code)
        except IntakeLimited as refusal:
            return limited(refusal)
        except ReportInvalid as invalid:
            return Response({"errors": invalid.errors}, status=status.HTTP_400_BAD_REQUEST)
        except IdempotencyConflict:
            return Response(
                errors("Idempotency-Key", "This key was used before with a different report"),
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        except IdempotencyInFlight:
            return Response(
                errors("Idempotency-Key", "A report with this key is being stored: try again"),
                status=status.HTTP_409_CONFLICT,
                headers={"Retry-After": "2"},
            )
        except ReportNotStored:
            return Response(
                unavailable_body("We could not store the report. Nothing was stored: try again."),
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": "30"},
            )
        answer = submitted.as_response()
        answer["links"] = {"track": reverse("api-v1:track")}
        return Response(answer, status=status.HTTP_201_CREATED)


def _raw_without_file_content(body: dict[str, Any]) -> dict[str, Any]:
    """The body as received, except the base64 of evidence (stored as files, not twice)."""
    if not isinstance(body.get("evidence"), list):
        return body
    evidence = [
        {k: v for k, v in item.items() if k != "content_base64"} if isinstance(item, dict) else item
        for item in body["evidence"]
    ]
    return {**body, "evidence": evidence}

"""Staff case work over the API (token authentication): the same access functions, actions and
selectors as the pages. 404 for a case that is not yours, 409 on a version conflict, 400 with
field errors otherwise."""

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import cases_visible_to, has_permission
from hatecrime.api.v1.case_serializers import (
    AssignIn,
    CaseDetailOut,
    CaseSummaryOut,
    CloseIn,
    ClosureOut,
    CommunitiesIn,
    ConflictOut,
    ContactIn,
    ContactOut,
    CrimeNumberIn,
    DecisionIn,
    DecisionOut,
    ErrorsOut,
    ReferIn,
    ReferralOut,
    ReviewClosureIn,
    TriageIn,
    UpdateIn,
    UpdateOut,
)
from hatecrime.cases import actions
from hatecrime.cases.access import JustificationRequired, access_case, access_case_evidence
from hatecrime.cases.evidence import evidence_for_staff, evidence_response
from hatecrime.cases.models import Case, normalise_crime_number
from hatecrime.cases.search import search_cases
from hatecrime.cases.selectors import case_detail_for, case_queue_for
from hatecrime.support.actions import do_refer
from hatecrime.support.models import SupportOrganisation

JUSTIFICATION = OpenApiParameter(
    "X-Justification",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Why you open a case outside your own queue (recorded in the audit).",
)
ERRORS = {
    400: ErrorsOut,
    403: OpenApiResponse(description="A justification is needed to open this case."),
    404: OpenApiResponse(description="No such case, or not yours."),
    409: ConflictOut,
}


def _user(request: Request) -> User:
    return cast(User, request.user)


def _case(request: Request, reference: str) -> Case:
    return access_case(
        request.user, reference, justification=request.headers.get("X-Justification")
    )


def _run(
    request: Request,
    reference: str,
    serializer_class: type[serializers.Serializer],
    work: Callable[[Case, dict[str, Any]], Any],
    out: Callable[[Any], Any],
) -> Response:
    try:
        case = _case(request, reference)
    except JustificationRequired as needed:
        return Response({"detail": str(needed)}, status=status.HTTP_403_FORBIDDEN)
    incoming = serializer_class(data=request.data)
    if not incoming.is_valid():
        return Response({"errors": incoming.errors}, status=status.HTTP_400_BAD_REQUEST)
    try:
        result = work(case, dict(incoming.validated_data))
    except actions.CaseEditConflict as conflict:
        return Response(
            {"detail": str(conflict), "current_version": conflict.current_version},
            status=status.HTTP_409_CONFLICT,
        )
    except actions.CaseActionError as refused:
        return Response({"errors": refused.errors}, status=status.HTTP_400_BAD_REQUEST)
    return Response(out(result), status=status.HTTP_201_CREATED)


class CaseListView(APIView):
    @extend_schema(
        summary="Your cases: open cases of your areas, most urgent first",
        parameters=[
            OpenApiParameter(
                "crime_number",
                str,
                OpenApiParameter.QUERY,
                description="Only the cases of your areas with this crime number, open or closed",
            )
        ],
        responses={200: CaseSummaryOut(many=True), 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        if not has_permission(request.user, "view_associated_case"):
            return Response({"detail": "You do not work cases."}, status=403)
        crime_number = normalise_crime_number(request.query_params.get("crime_number", ""))
        if crime_number:
            cases = (
                cases_visible_to(request.user)
                .filter(crime_number=crime_number)
                .select_related("report", "area", "assigned_officer")
                .order_by("-opened_at")
            )
        else:
            cases = case_queue_for(request.user)
        return Response(CaseSummaryOut(cases[:500], many=True).data)


class CaseSearchHitOut(serializers.Serializer):
    reference = serializers.CharField(source="case.report.reference")
    area = serializers.CharField(source="case.area.slug")
    status = serializers.CharField(source="case.status")
    opened_at = serializers.DateTimeField(source="case.opened_at")
    matched = serializers.ListField(child=serializers.CharField())


class CaseSearchView(APIView):
    @extend_schema(
        summary="Search the cases of your areas, open or closed (audited, without the term)",
        parameters=[
            OpenApiParameter(
                "q",
                {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 200,
                    "pattern": r"^[^\u0000]*\S[^\u0000]*$",
                },
                OpenApiParameter.QUERY,
                required=True,
                description="A reference, name, phone, email, postcode or handle",
            )
        ],
        responses={200: CaseSearchHitOut(many=True), 400: ErrorsOut, 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        if not has_permission(request.user, "search_cases"):
            return Response({"detail": "You do not work cases."}, status=403)
        term = request.query_params.get("q", "").strip()
        if not term:
            return Response({"errors": {"q": ["Enter something to search for"]}}, status=400)
        if len(term) > 200:
            return Response(
                {"errors": {"q": ["The search must be 200 characters or fewer"]}}, status=400
            )
        return Response(CaseSearchHitOut(search_cases(request.user, term), many=True).data)


class CaseDetailView(APIView):
    @extend_schema(
        summary="One case (audited as a consultation)",
        parameters=[JUSTIFICATION],
        responses={200: CaseDetailOut, **ERRORS},
    )
    def get(self, request: Request, reference: str) -> Response:
        try:
            case = _case(request, reference)
        except JustificationRequired as needed:
            return Response({"detail": str(needed)}, status=status.HTTP_403_FORBIDDEN)
        return Response(CaseDetailOut(case_detail_for(request.user, case)).data)


class EvidenceView(APIView):
    @extend_schema(
        summary="One evidence file of a case (audited as a consultation)",
        parameters=[
            JUSTIFICATION,
            OpenApiParameter("download", str, description="1: as an attachment"),
        ],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="The file."),
            403: ERRORS[403],
            404: ERRORS[404],
        },
    )
    def get(self, request: Request, reference: str, evidence_id: int) -> HttpResponse:
        try:
            case, evidence = access_case_evidence(
                request.user,
                reference,
                evidence_id,
                justification=request.headers.get("X-Justification"),
            )
        except JustificationRequired as needed:
            return Response({"detail": str(needed)}, status=status.HTTP_403_FORBIDDEN)
        content = evidence_for_staff(request.user, case, evidence)
        download = request.query_params.get("download") == "1"
        return evidence_response(evidence, content, download=download)


def _case_action_view(
    summary: str,
    incoming: type[serializers.Serializer],
    outgoing: type[serializers.Serializer],
    action: Callable[..., Any],
    out: Callable[[Any], Any] | None = None,
) -> type[APIView]:
    """A view whose POST runs `action(actor=..., case=..., **the validated input)` (see `_run`)
    and answers `out(result)`, by default the result in `outgoing`."""

    class CaseActionView(APIView):
        @extend_schema(
            summary=summary,
            parameters=[JUSTIFICATION],
            request=incoming,
            responses={201: outgoing, **ERRORS},
        )
        def post(self, request: Request, reference: str) -> Response:
            def work(case: Case, data: dict[str, Any]) -> Any:
                return action(actor=_user(request), case=case, **data)

            answer = out or (lambda result: outgoing(result).data)
            return _run(request, reference, incoming, work, answer)

    return CaseActionView


def _assign(*, actor: User, case: Case, expected_version: int, officer: str) -> Case:
    found = User.objects.filter(username=officer).first()
    if found is None:
        raise actions.CaseActionError({"officer": ["Select an officer of this area"]})
    return actions.do_assign_case(
        actor=actor, case=case, expected_version=expected_version, officer=found
    )


def _refer(*, actor: User, case: Case, expected_version: int, organisation: int) -> Any:
    found = SupportOrganisation.objects.filter(pk=organisation, is_active=True).first()
    if found is None:
        raise actions.CaseActionError({"organisation": ["Select an organisation"]})
    return do_refer(actor=actor, case=case, expected_version=expected_version, organisation=found)


def _close(*, actor: User, case: Case, told_in_contact: int | None, **data: Any) -> Any:
    contact = None
    if told_in_contact is not None:
        contact = case.contacts.filter(pk=told_in_contact).first()
        if contact is None:
            raise actions.CaseActionError({"told_in_contact": ["Select a contact of this case"]})
    return actions.do_close_case(actor=actor, case=case, told_in_contact=contact, **data)


TriageView = _case_action_view("Triage a case", TriageIn, CaseSummaryOut, actions.do_triage_case)
CrimeNumberView = _case_action_view(
    "Record the force's crime number and crime classification",
    CrimeNumberIn,
    CaseSummaryOut,
    actions.do_record_crime_number,
)
CommunitiesView = _case_action_view(
    "Recode the targeted communities of a case",
    CommunitiesIn,
    CaseSummaryOut,
    actions.do_recode_communities,
)
AssignView = _case_action_view(
    "Assign a case to an officer (supervisors)", AssignIn, CaseSummaryOut, _assign
)
ContactView = _case_action_view(
    "Record a contact or an attempt",
    ContactIn,
    ContactOut,
    actions.do_record_contact,
    lambda recorded: {**ContactOut(recorded.contact).data, "warnings": recorded.warnings},
)
DecisionView = _case_action_view(
    "Record a key decision (starts the Right 6 clock)",
    DecisionIn,
    DecisionOut,
    actions.do_record_decision,
)
UpdateView = _case_action_view(
    "Record an update to the victim, optionally shared on tracking",
    UpdateIn,
    UpdateOut,
    actions.do_record_update,
)
ReferView = _case_action_view(
    "Refer the victim to a support organisation (needs their consent)",
    ReferIn,
    ReferralOut,
    _refer,
)
CloseView = _case_action_view(
    "Close a case, or propose a decision not to proceed for a supervisor's review",
    CloseIn,
    ClosureOut,
    _close,
)
ReviewClosureView = _case_action_view(
    "Approve or send back a proposed closure (supervisors)",
    ReviewClosureIn,
    ClosureOut,
    actions.do_review_closure,
)

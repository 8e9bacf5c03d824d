"""The supervisor's board per area, and its CSV export (a disclosure, audited by the domain)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hatecrime.accounts.decorators import staff_page, staff_user, step_up_required
from hatecrime.accounts.permissions import require_permission
from hatecrime.cases.board import at_risk_for, board_for, export_board_csv
from hatecrime.cases.models import CaseStatus
from hatecrime.core.models import Area


def _area(request: HttpRequest) -> tuple[Area, list[Area]]:
    require_permission(request.user, "view_area_board")
    areas = list(staff_user(request).areas.all())
    slug = request.GET.get("area")
    if slug:
        # board_for answers 404 for an area the user does not supervise.
        area = Area.objects.filter(slug=slug).first()
        if area is None:
            raise Http404
        return area, areas
    if not areas:
        raise Http404
    return areas[0], areas


@staff_page()
def board(request: HttpRequest) -> HttpResponse:
    area, areas = _area(request)
    data = board_for(request.user, area)
    stages = [
        (label, data.open_by_stage.get(value, 0))
        for value, label in CaseStatus.choices
        if value != CaseStatus.CLOSED
    ]
    share = data.first_contact_share
    return render(
        request,
        "cases/board.html",
        {
            "board": data,
            "area": area,
            "areas": areas,
            "stages": stages,
            "share_percent": None if share is None else round(share * 100),
            "now": timezone.now(),
        },
    )


@staff_page()
@step_up_required
def board_export(request: HttpRequest) -> HttpResponse:
    area, _areas = _area(request)
    require_permission(request.user, "export_area_board")
    content = export_board_csv(request.user, area)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="board-{area.slug}-{stamp}.csv"'
    return response


@staff_page()
def at_risk(request: HttpRequest) -> HttpResponse:
    area, areas = _area(request)
    return render(
        request,
        "cases/at_risk.html",
        {"area": area, "areas": areas, "at_risk": at_risk_for(request.user, area)},
    )

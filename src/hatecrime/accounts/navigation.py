"""The staff service navigation: which pages each role sees, and where `/staff/` takes them."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.models import Role
from hatecrime.accounts.permissions import RULES
from hatecrime.accounts.second_factor import is_verified

# (url, label, roles); the first entry a role has is its home page.
NAVIGATION: list[tuple[str, Any, set[str]]] = [
    ("/staff/cases/", _("Case queue"), {Role.OFFICER, Role.SUPERVISOR}),
    ("/staff/cases/search/", _("Search cases"), {Role.OFFICER, Role.SUPERVISOR}),
    ("/staff/cases/board/", _("Board"), {Role.SUPERVISOR}),
    ("/staff/cases/access-requests/", _("Access requests"), {Role.SUPERVISOR}),
    ("/staff/cases/at-risk/", "Cases at risk", {Role.SUPERVISOR}),
    (
        "/staff/cases/record/",
        _("Record a report"),
        {Role.CALL_HANDLER, Role.OFFICER, Role.SUPERVISOR},
    ),
    ("/staff/monitoring/", _("Monitoring"), set(RULES["view_aggregates"])),
    ("/staff/cases/clusters/", _("Suspects across areas"), set(RULES["view_offender_clusters"])),
    ("/staff/support/referrals/", _("Referrals"), {Role.PARTNER}),
    ("/staff/users/", _("Users"), {Role.ADMINISTRATOR}),
    ("/staff/areas/", _("Areas"), {Role.ADMINISTRATOR}),
    ("/staff/communities/", _("Communities"), {Role.ADMINISTRATOR}),
    ("/staff/risk-rules/", "Withdrawal risk rules", {Role.ADMINISTRATOR}),
    ("/staff/cases/crime-number-format/", "Crime numbers", {Role.ADMINISTRATOR}),
    ("/staff/cases/decision-letters/", "Decision letters", {Role.ADMINISTRATOR}),
    ("/staff/support/organisations/", _("Support organisations"), {Role.ADMINISTRATOR}),
    ("/staff/records/reviews/", "Retention reviews", set(RULES["review_retention"])),
    ("/staff/records/rules/", "Retention rules", set(RULES["manage_retention_rules"])),
    ("/staff/records/subjects/", "Subject access", set(RULES["subject_access"])),
    ("/staff/audit/", _("Audit"), {Role.SUPERVISOR, Role.ADMINISTRATOR}),
]

HOME_BY_ROLE: dict[str, str] = {
    Role.OFFICER: "/staff/cases/",
    Role.SUPERVISOR: "/staff/cases/board/",
    Role.CALL_HANDLER: "/staff/cases/record/",
    Role.ANALYST: "/staff/monitoring/",
    Role.COMMAND: "/staff/monitoring/",
    Role.PARTNER: "/staff/support/referrals/",
    Role.ADMINISTRATOR: "/staff/users/",
}


def items_for(role: str, path: str) -> list[dict[str, Any]]:
    entries = [(url, label) for url, label, roles in NAVIGATION if role in roles]
    # The longest matching prefix is the active one ("/staff/cases/board/" over "/staff/cases/").
    matching = [url for url, _label in entries if path.startswith(url)]
    active = max(matching, key=len) if matching else None
    return [{"url": url, "label": label, "active": url == active} for url, label in entries]


def staff_navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith("/staff/"):
        return {"staff_navigation": [], "staff_verified": False}
    if not is_verified(request):
        # Signed in with the password only: nothing to go to before the second factor.
        return {"staff_navigation": [], "staff_verified": False}
    return {"staff_navigation": items_for(user.role, request.path), "staff_verified": True}

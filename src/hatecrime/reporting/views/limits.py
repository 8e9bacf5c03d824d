"""The public pages' side of the intake limits (docs/adr/0550) and of the proof-of-work and
hidden field on "send report" (docs/adr/0551)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hatecrime.core.network import client_address
from hatecrime.reporting.intake_limits import (
    REPORTS,
    IntakeClient,
    IntakeLimited,
    count_intake,
    intake_client,
)
from hatecrime.reporting.proof_of_work import Solution, check_solution

# The hidden field: people never see it (nor do screen readers, nor the keyboard); a script
# filling every field does.
HONEYPOT = "website"
SOLUTION_FIELD = "proof_of_work"


class HoneypotFilled(Exception):
    pass


def page_client(request: HttpRequest) -> IntakeClient:
    return intake_client(address=client_address(request.META))


def limited_message(refusal: IntakeLimited) -> str:
    return _(
        "Too much has been sent from your internet connection in a short time. Try again in "
        "%(minutes)s minutes, or report in another way."
    ) % {"minutes": refusal.minutes}


def as_limited(response: HttpResponse, refusal: IntakeLimited) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = str(refusal.retry_after)
    return response


def spend_send_budget(request: HttpRequest) -> None:
    """The final "send report": the hidden field must be empty (else HoneypotFilled); the
    report counts once against the address with a solved proof-of-work, and more without one
    (no JavaScript, or a solution that is wrong or used before). Raises IntakeLimited."""
    if request.POST.get(HONEYPOT, ""):
        raise HoneypotFilled()
    solved = check_solution(request.POST.get(SOLUTION_FIELD)) is Solution.SOLVED
    weight = 1 if solved else int(settings.HATECRIME_INTAKE_UNSOLVED_WEIGHT)
    count_intake(REPORTS, page_client(request), weight=weight)

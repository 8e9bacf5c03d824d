"""One page per case action: the form posts the case version; the action does the checks and
the write. On `CaseEditConflict` the user's answers are shown again (nothing is lost) with the
case as it is now, and the form carries the new version so that they can submit again."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _lazy

from hatecrime.accounts.decorators import staff_page, step_up_redirect
from hatecrime.accounts.permissions import has_permission
from hatecrime.cases import actions as case_actions
from hatecrime.cases.access import access_case
from hatecrime.cases.actions import CaseActionError, CaseEditConflict
from hatecrime.cases.actions.closure import pending_closure
from hatecrime.cases.actions.crime_number import do_record_crime_number
from hatecrime.cases.actions.matches import do_record_suspect_identifiers
from hatecrime.cases.forms import actions as forms
from hatecrime.cases.forms import aftercare as aftercare_forms
from hatecrime.cases.forms import assessment as assessment_forms
from hatecrime.cases.forms import closure as closure_forms
from hatecrime.cases.forms import court as court_forms
from hatecrime.cases.forms import crime_number as crime_number_forms
from hatecrime.cases.forms import matches as match_forms
from hatecrime.cases.forms import review as review_forms
from hatecrime.cases.models import Case
from hatecrime.cases.risk import persistently_targeted
from hatecrime.cases.safe_contact import SafeContact
from hatecrime.cases.selectors import (
    case_for_action_page,
    default_referral_pending,
    linked_report_candidates,
)
from hatecrime.cases.views.access import with_case
from hatecrime.core.forms import add_refusal
from hatecrime.support import actions as support_actions

CONFLICT_MESSAGE = _lazy(
    "Someone else changed this case while you were editing. Your changes have not been saved: "
    "check the case below and submit again."
)


@dataclass(frozen=True)
class CaseAction:
    slug: str
    title: Promise | str
    form: type[forms.CaseForm]
    run: Callable[..., Any]
    done: Promise | str
    permission: str = "change_associated_case"
    shows_safe_contact: bool = False
    # Only for a victim who may be contacted: not offered on the case page otherwise (the
    # action refuses it, saying why).
    needs_contactable_victim: bool = False
    # More for the page to show (read through an audited selector), e.g. link candidates.
    page_context: Callable[[Any, Case], dict[str, Any]] | None = None
    # What to tell the user when it is not `done` (e.g. a closure that awaits a review).
    done_for: Callable[[Any], Promise | None] | None = None
    # Disclosures to partners need a fresh second factor (accounts.decorators.step_up_required).
    step_up: bool = False
    # Offered on the case page only when this says so for the user and the case (the action
    # itself refuses otherwise, saying why).
    shown_when: Callable[[Any, Case], bool] | None = None

    def allowed(self, user: Any) -> bool:
        return has_permission(user, self.permission)

    def offered(self, user: Any, preferences: SafeContact, case: Case | None = None) -> bool:
        """Whether the case page links to it for this user and this victim."""
        return (
            self.allowed(user)
            and (preferences.victim_contactable or not self.needs_contactable_victim)
            and (self.shown_when is None or case is None or self.shown_when(user, case))
        )


def _link(*, actor: Any, case: Case, expected_version: int, other: str, **arguments: Any) -> Any:
    # The linked report is fetched through the same access rule as any case (404 if not theirs).
    other_case = access_case(actor, other.strip().upper())
    return case_actions.do_link_cases(
        actor=actor, case=case, expected_version=expected_version, other=other_case, **arguments
    )


def _pending_closure(user: Any, case: Case) -> dict[str, Any]:
    return {"pending_closure": pending_closure(case)}


def _closure_done(closure: Any) -> Promise | None:
    if closure.is_pending:
        return _lazy("Closure proposed: a supervisor must review it before the case closes")
    return None


def _review_done(closure: Any) -> Promise:
    return _lazy("Case closed") if closure.approved else _lazy("Closure sent back to the officer")


def _link_candidates(user: Any, case: Case) -> dict[str, Any]:
    return {"candidates": linked_report_candidates(user, case)}


def _not_investigating(user: Any, case: Case) -> bool:
    return bool(case.assigned_officer_id != user.pk)


def _persistently_targeted(user: Any, case: Case) -> bool:
    return persistently_targeted(case)


def _default_referral_pending(user: Any, case: Case) -> bool:
    return default_referral_pending(case)


ACTIONS: dict[str, CaseAction] = {
    action.slug: action
    for action in [
        CaseAction(
            "triage",
            _lazy("Triage"),
            assessment_forms.TriageForm,
            case_actions.do_triage_case,
            _lazy("Triage saved"),
        ),
        CaseAction(
            "crime-number",
            _lazy("Record the crime number"),
            crime_number_forms.CrimeNumberForm,
            do_record_crime_number,
            _lazy("Crime number saved"),
        ),
        CaseAction(
            "communities",
            _lazy("Recode the targeted communities"),
            forms.CommunitiesForm,
            case_actions.do_recode_communities,
            _lazy("Targeted communities saved"),
        ),
        CaseAction(
            "assign",
            _lazy("Assign to an officer"),
            forms.AssignForm,
            case_actions.do_assign_case,
            _lazy("Case assigned"),
            permission="assign_case",
        ),
        CaseAction(
            "move",
            _lazy("Move to another area"),
            forms.MoveForm,
            case_actions.do_move_case,
            _lazy("Case moved"),
            permission="move_case",
        ),
        CaseAction(
            "contact",
            _lazy("Record a contact"),
            forms.ContactForm,
            case_actions.do_record_contact,
            _lazy("Contact recorded"),
            shows_safe_contact=True,
        ),
        CaseAction(
            "needs",
            _lazy("Needs assessment and wishes"),
            assessment_forms.NeedsForm,
            case_actions.do_assess_needs,
            _lazy("Needs assessment saved"),
        ),
        CaseAction(
            "consent",
            _lazy("Record consent to a referral"),
            forms.ConsentForm,
            support_actions.do_record_consent,
            _lazy("Consent recorded"),
        ),
        CaseAction(
            "refer",
            _lazy("Refer to a support organisation"),
            forms.ReferForm,
            support_actions.do_refer,
            _lazy("Referral sent"),
            step_up=True,
        ),
        CaseAction(
            "withdraw-consent",
            _lazy("Withdraw consent"),
            forms.WithdrawConsentForm,
            support_actions.do_withdraw_consent,
            _lazy("Consent withdrawn"),
        ),
        CaseAction(
            "decision",
            _lazy("Record a key decision"),
            forms.DecisionForm,
            case_actions.do_record_decision,
            _lazy("Decision recorded"),
        ),
        CaseAction(
            "victim-told",
            _lazy("Record that the victim was told"),
            forms.VictimToldForm,
            case_actions.do_record_victim_told,
            _lazy("Recorded: the victim was told"),
            shows_safe_contact=True,
            needs_contactable_victim=True,
        ),
        CaseAction(
            "statements",
            _lazy("Statement and Victim Personal Statement"),
            assessment_forms.StatementsForm,
            case_actions.do_record_statements,
            _lazy("Statements saved"),
        ),
        CaseAction(
            "court-date",
            _lazy("Add a court date"),
            court_forms.CourtDateForm,
            case_actions.do_add_court_date,
            _lazy("Court date added"),
        ),
        CaseAction(
            "court-outcome",
            _lazy("Record the result of a hearing"),
            court_forms.CourtOutcomeForm,
            case_actions.do_record_court_outcome,
            _lazy("Result recorded"),
        ),
        CaseAction(
            "review",
            _lazy("Victims' Right to Review requested"),
            review_forms.ReviewRequestForm,
            case_actions.do_record_review_request,
            _lazy("Review request recorded"),
        ),
        CaseAction(
            "review-acknowledge",
            _lazy("Acknowledge a review request"),
            review_forms.ReviewAcknowledgeForm,
            case_actions.do_acknowledge_review,
            _lazy("Review request acknowledged"),
        ),
        CaseAction(
            "review-result",
            _lazy("Record the result of a review"),
            review_forms.ReviewResultForm,
            case_actions.do_record_review_result,
            _lazy("Review result recorded"),
            permission="decide_review",
        ),
        CaseAction(
            "update",
            _lazy("Record an update to the victim"),
            forms.UpdateForm,
            case_actions.do_record_update,
            _lazy("Update recorded"),
            shows_safe_contact=True,
        ),
        CaseAction(
            "stop-clock",
            _lazy("Stop a Victims' Code deadline"),
            forms.StopClockForm,
            case_actions.do_stop_clock,
            _lazy("Deadline stopped"),
            permission="override_clock",
        ),
        CaseAction(
            "link",
            _lazy("Link a report"),
            forms.LinkForm,
            _link,
            _lazy("Reports linked"),
            page_context=_link_candidates,
        ),
        CaseAction(
            "suspect",
            _lazy("Record the suspect for matching across areas"),
            match_forms.SuspectForm,
            do_record_suspect_identifiers,
            _lazy("Suspect details recorded"),
        ),
        CaseAction(
            "reassurance",
            "Record a reassurance contact",
            aftercare_forms.ReassuranceForm,
            case_actions.do_record_reassurance_contact,
            "Reassurance contact recorded",
            shows_safe_contact=True,
            needs_contactable_victim=True,
            shown_when=_not_investigating,
        ),
        CaseAction(
            "default-referral",
            "Send or record declined: referral to the general victim service",
            aftercare_forms.DefaultReferralForm,
            support_actions.do_answer_default_referral,
            "Default referral answered",
            needs_contactable_victim=True,
            step_up=True,
            shown_when=_default_referral_pending,
        ),
        CaseAction(
            "asb-case-review",
            "Anti-social behaviour case review (community trigger)",
            aftercare_forms.AsbCaseReviewForm,
            case_actions.do_record_targeting_step,
            "Case review recorded",
            shown_when=_persistently_targeted,
        ),
        CaseAction(
            "panel-referral",
            "Multi-agency panel referral",
            aftercare_forms.PanelReferralForm,
            case_actions.do_record_targeting_step,
            "Panel referral recorded",
            shown_when=_persistently_targeted,
        ),
        CaseAction(
            "close",
            _lazy("Close the case"),
            closure_forms.CloseForm,
            case_actions.do_close_case,
            _lazy("Case closed"),
            page_context=_pending_closure,
            done_for=_closure_done,
        ),
        CaseAction(
            "review-closure",
            _lazy("Review a proposed closure"),
            closure_forms.ReviewClosureForm,
            case_actions.do_review_closure,
            _lazy("Closure reviewed"),
            permission="review_closure",
            page_context=_pending_closure,
            done_for=_review_done,
        ),
    ]
}


def _with_version(data: Any, version: int) -> Any:
    data = data.copy()
    data["version"] = str(version)
    return data


@staff_page()
@with_case
def case_action(request: HttpRequest, case: Case, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None or not spec.allowed(request.user):
        raise Http404
    if spec.step_up and (step_up := step_up_redirect(request)) is not None:
        return step_up
    form = spec.form(
        request.POST or None,
        case=case,
        actor=request.user,
        initial={**spec.form.initial_for(case), "version": case.version},
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            result = spec.run(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["version"],
                **form.arguments(),
            )
        except CaseEditConflict:
            conflict = True
            case.refresh_from_db()
            # Keep every answer; carry the current version so a second submit can succeed.
            form = spec.form(
                _with_version(request.POST, case.version), case=case, actor=request.user
            )
            form.is_valid()
            form.add_error(None, str(CONFLICT_MESSAGE))
        except CaseActionError as refused:
            add_refusal(form, refused.errors)
        else:
            done = spec.done_for(result) if spec.done_for is not None else None
            messages.success(request, str(done or spec.done))
            for warning in getattr(result, "warnings", []) or []:
                messages.warning(request, warning)
            return HttpResponseRedirect(f"/staff/cases/{case.reference}/")
    context = {
        "case": case,
        "action": spec,
        "form": form,
        "conflict": conflict,
        "safe_contact": case_for_action_page(
            request.user,
            case,
            with_safe_contact=spec.shows_safe_contact,
            prefilled=spec.form.prefilled_fields,
        ),
    }
    if spec.page_context is not None:
        context.update(spec.page_context(request.user, case))
    return render(request, "cases/action.html", context)

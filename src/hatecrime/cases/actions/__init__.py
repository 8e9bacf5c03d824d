"""Every write to a case: atomic, audited in the same transaction, messages sent on commit,
guarded by the case version (`CaseEditConflict`). Other packages' actions that change a case
(support's referrals) build on `change_case`, `audit_case`, `check` and `stop_clocks`."""

from hatecrime.cases.actions.additions import do_add_to_report
from hatecrime.cases.actions.base import (
    CaseActionError,
    CaseEditConflict,
    UnsafeContact,
    audit_case,
    change_case,
    check,
)
from hatecrime.cases.actions.closure import do_close_case, do_review_closure
from hatecrime.cases.actions.communities import do_recode_communities
from hatecrime.cases.actions.court import do_add_court_date, do_record_court_outcome
from hatecrime.cases.actions.crime_number import (
    do_record_crime_number,
    do_set_crime_number_format,
)
from hatecrime.cases.actions.investigation import (
    do_record_decision,
    do_record_victim_told,
    do_stop_clock,
)
from hatecrime.cases.actions.letters import do_remove_decision_letter, do_save_decision_letter
from hatecrime.cases.actions.lifecycle import (
    do_assign_case,
    do_move_case,
    do_triage_case,
)
from hatecrime.cases.actions.links import do_link_cases
from hatecrime.cases.actions.opening import identifiers_in, open_case_for_report
from hatecrime.cases.actions.reassurance import (
    ReassuranceRecorded,
    do_record_reassurance_contact,
    do_record_targeting_step,
)
from hatecrime.cases.actions.review import (
    ask_by_for,
    do_acknowledge_review,
    do_record_review_request,
    do_record_review_result,
    involvement_error,
    start_review,
)
from hatecrime.cases.actions.risk_rules import do_update_risk_rule, do_update_risk_threshold
from hatecrime.cases.actions.victim import (
    ContactRecorded,
    do_assess_needs,
    do_record_contact,
    do_record_statements,
    do_record_update,
    refuse_unless_victim_may_be_contacted,
)
from hatecrime.cases.clocks import stop_clocks

__all__ = [
    "CaseActionError",
    "CaseEditConflict",
    "ContactRecorded",
    "ReassuranceRecorded",
    "UnsafeContact",
    "ask_by_for",
    "audit_case",
    "change_case",
    "check",
    "do_acknowledge_review",
    "do_add_court_date",
    "do_add_to_report",
    "do_assess_needs",
    "do_assign_case",
    "do_close_case",
    "do_link_cases",
    "do_move_case",
    "do_recode_communities",
    "do_record_contact",
    "do_record_court_outcome",
    "do_record_crime_number",
    "do_record_decision",
    "do_record_reassurance_contact",
    "do_record_review_request",
    "do_record_review_result",
    "do_record_statements",
    "do_record_targeting_step",
    "do_record_update",
    "do_record_victim_told",
    "do_remove_decision_letter",
    "do_review_closure",
    "do_save_decision_letter",
    "do_set_crime_number_format",
    "do_stop_clock",
    "do_triage_case",
    "do_update_risk_rule",
    "do_update_risk_threshold",
    "identifiers_in",
    "involvement_error",
    "open_case_for_report",
    "refuse_unless_victim_may_be_contacted",
    "start_review",
    "stop_clocks",
]

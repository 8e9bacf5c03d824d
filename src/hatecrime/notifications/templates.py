"""Message templates. A message holds a reference and a link, never special-category details:
the context may only carry the keys in ALLOWED_CONTEXT, which the gateway enforces, so no
narrative, strand or name can reach a message even by mistake."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ALLOWED_CONTEXT = frozenset({"reference", "link", "due_at", "count", "area"})


@dataclass(frozen=True)
class MessageTemplate:
    # Messages to the public are translated (gettext_lazy: rendered in the language active when
    # they are sent, the report's; notifications/gateway.py); messages to staff are English.
    subject: str | Promise
    body: str | Promise


TEMPLATES: dict[str, MessageTemplate] = {
    # To the person who reported it (never the tracking code, never what they wrote).
    "report_receipt": MessageTemplate(
        _("We have received your report {reference}"),
        _(
            "We have received your hate crime report. Its reference is {reference}.\n\n"
            "To see how it is going, go to {link} and enter the reference and the tracking code "
            "you were given when you made the report. We never send the tracking code by email "
            "or text: keep it somewhere safe.\n\nIf you are in immediate danger, call 999."
        ),
    ),
    # To the person the police contact about the report (the victim, or the person who
    # reported it when the victim does not know about it or has not agreed to be contacted).
    "victim_update_available": MessageTemplate(
        _("Update on your report {reference}"),
        _(
            "There is an update on your report {reference}.\n\nSee it at {link} with your "
            "tracking code."
        ),
    ),
    "victim_case_closed": MessageTemplate(
        _("Your report {reference}"),
        _(
            "Your report {reference} has been closed. See the details at {link} with your "
            "tracking code."
        ),
    ),
    # To the victim only (never the person who reported for them), with a one-time link.
    "victim_feedback_survey": MessageTemplate(
        _("How did we do? Your report {reference}"),
        _(
            "Please tell us how we dealt with your report {reference}. It takes two minutes "
            "and is optional. Your answers are not added to your report.\n\n{link}"
        ),
    ),
    # The Victims' Right to Review: a decision was made, then the result of a review. Only
    # that it happened: what was decided is on tracking (cases.actions.review).
    "victim_decision_made": MessageTemplate(
        _("A decision about your report {reference}"),
        _(
            "We have made a decision about your report {reference}. You can ask for a "
            "review.\n\nSee the decision at {link} with your tracking code."
        ),
    ),
    "victim_review_result": MessageTemplate(
        _("The review of your report {reference}"),
        _(
            "We have reviewed the decision about your report {reference}.\n\nSee the result "
            "at {link} with your tracking code."
        ),
    ),
    # To staff.
    "officer_case_assigned": MessageTemplate(
        "Case {reference} assigned to you", "Case {reference} has been assigned to you: {link}"
    ),
    "officer_first_contact_due": MessageTemplate(
        "First contact due for case {reference}",
        "First contact with the victim in case {reference} is due by {due_at}: {link}",
    ),
    "supervisor_first_contact_overdue": MessageTemplate(
        "First contact overdue for case {reference}",
        "First contact with the victim in case {reference} was due by {due_at} and has not been "
        "recorded: {link}",
    ),
    "supervisor_high_risk": MessageTemplate(
        "High risk case {reference}",
        "Case {reference} has been assessed as high risk: {link}",
    ),
    "supervisor_closure_review": MessageTemplate(
        "Closure of case {reference} to review",
        "An officer proposes to close case {reference} with a decision not to proceed. Review "
        "it before it closes: {link}",
    ),
    "officer_clock_due": MessageTemplate(
        "Victims' Code deadline for case {reference}",
        "A Victims' Code deadline in case {reference} is due by {due_at}: {link}",
    ),
    "supervisor_clock_overdue": MessageTemplate(
        "Victims' Code deadline missed for case {reference}",
        "A Victims' Code deadline in case {reference} was due by {due_at}: {link}",
    ),
    "officer_update_due": MessageTemplate(
        "Update due to the victim in case {reference}",
        "An update to the victim in case {reference} is due by {due_at}: {link}",
    ),
    "monitoring_new_alarm": MessageTemplate(
        "New hate crime monitoring alarm: {area}",
        "Weekly monitoring has raised {count} new alarm(s) in {area}: counts significantly "
        "above what was expected. See the dashboard: {link}",
    ),
    "staff_report_added_to": MessageTemplate(
        "Case {reference} has been added to",
        "The person who reported case {reference} has added to it from 'track my report': {link}",
    ),
    # Suspects across areas (docs/adr/0830): the supervisor learns only which of their cases
    # is asked for and from which area; the officer, only that their ask about a case in that
    # area was answered (the link is to their own case).
    "supervisor_access_request": MessageTemplate(
        "Request to read case {reference}",
        "An officer of {area} asks to read case {reference}. Grant or refuse it: {link}",
    ),
    "officer_access_answered": MessageTemplate(
        "Your request to read a case of {area} was answered",
        "Your request to read a case of {area}, which matches case {reference}, was answered: "
        "{link}",
    ),
    "supervisor_review_requested": MessageTemplate(
        "Review requested in case {reference}",
        "The victim has asked for a review of a decision in case {reference} (Victims' Right "
        "to Review): {link}",
    ),
    "partner_referral_received": MessageTemplate(
        "New referral {reference}", "A new referral has been sent to your organisation: {link}"
    ),
}

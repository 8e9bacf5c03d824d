"""Words for stored codes, so that pages never show `sexual_orientation` or `due_today`."""

from collections.abc import Iterable

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STRANDS = {
    "race": _("Race"),
    "religion": _("Religion"),
    "sexual_orientation": _("Sexual orientation"),
    "disability": _("Disability"),
    "transgender": _("Transgender identity"),
    "other": _("Other"),
    "not_sure": _("Not sure"),
}
CLOCK_STATES = {
    "met": _("Met"),
    "missed": _("Missed"),
    "not_met": _("Not met"),
    "not_applicable": _("Not applicable"),
    "overdue": _("Overdue"),
    "due_today": _("Due today"),
    "running": _("Running"),
}
# What the person who reported sees on "track my report".
CASE_STATUSES_FOR_THE_PUBLIC = {
    "received": _("Received"),
    "new": _("Received"),
    "triaged": _("Being looked at"),
    "assigned": _("With an officer"),
    "in_progress": _("With an officer"),
    "closed": _("Closed"),
}


@register.filter
def public_case_status(status: str) -> str:
    return str(CASE_STATUSES_FOR_THE_PUBLIC.get(status, status))


@register.filter
def strand_labels(codes: Iterable[str] | None) -> str:
    return ", ".join(str(STRANDS.get(code, code)) for code in codes or [])


@register.filter
def clock_state_label(state: str) -> str:
    return str(CLOCK_STATES.get(state, state))


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as a tel: link target: digits only, a leading + kept ("tel:02079460100")."""
    text = str(phone or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"

"""Words for stored codes, so that pages never show `sexual_orientation` or `due_today`."""

import datetime as dt
from collections.abc import Iterable

from django import template
from django.utils.translation import gettext_lazy as _

from hatecrime.cases.models import CaseStatus
from hatecrime.core import communities, dates, languages
from hatecrime.core.models import strand_label as strand_words
from hatecrime.reporting.tracking import RECEIVED

register = template.Library()

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
    RECEIVED: _("Received"),
    CaseStatus.NEW: _("Received"),
    CaseStatus.TRIAGED: _("Being looked at"),
    CaseStatus.ASSIGNED: _("With an officer"),
    CaseStatus.IN_PROGRESS: _("With an officer"),
    CaseStatus.CLOSED: _("Closed"),
}


@register.filter
def public_case_status(status: str) -> str:
    return str(CASE_STATUSES_FOR_THE_PUBLIC.get(status, status))


@register.filter
def strand_labels(codes: Iterable[str] | None) -> str:
    return ", ".join(strand_words(code) for code in codes or [])


@register.filter
def strand_label(code: str) -> str:
    """One strand in words; ALL ("") is every strand."""
    return strand_words(code) if code else str(_("All strands"))


@register.filter
def community_labels(codes: Iterable[str] | str | None, other: str = "") -> str:
    """Targeted communities in words (one code or several), with the words given for Other."""
    if isinstance(codes, str):
        codes = [codes] if codes else []
    return communities.describe(codes or [], other)


@register.filter
def clock_state_label(state: str) -> str:
    return str(CLOCK_STATES.get(state, state))


@register.filter
def tel_href(phone: str) -> str:
    """A phone number as a tel: link target: digits only, a leading + kept ("tel:02079460100")."""
    text = str(phone or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"


@register.filter
def evidence_kind(content_type: str) -> str:
    """`application/pdf` as "PDF document", `image/png` as "Image (PNG)"."""
    if content_type == "application/pdf":
        return str(_("PDF document"))
    if content_type.startswith("image/"):
        return str(_("Image (%(format)s)") % {"format": content_type.split("/", 1)[1].upper()})
    return str(_("File"))


@register.filter
def language_for_staff(code: str) -> str:
    """A report's language for staff pages: "Vietnamese (Tiếng Việt)"."""
    return languages.for_staff(code)


@register.filter
def language_tag(code: str) -> str:
    """The BCP 47 tag for `lang=` on text written in a report's language ("" if unknown)."""
    return languages.BY_CODE[code].lang if code in languages.BY_CODE else ""


@register.filter
def may_need_translating(code: str) -> bool:
    return languages.may_need_translating(code)


@register.filter
def registry_language(code: str) -> languages.Language:
    return languages.get(code)


@register.filter
def public_date(value: dt.date | dt.datetime | None, with_time: str = "") -> str:
    """`{{ day|public_date }}`, `{{ moment|public_date:"time" }}`: see core.dates."""
    return dates.public_date(value, with_time=bool(with_time))

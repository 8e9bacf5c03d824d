"""The rows of "Check your answers": each page's answers as GOV.UK summary cards."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from hatecrime.core.dates import public_date
from hatecrime.reporting.drafts.models import Draft
from hatecrime.reporting.drafts.selectors import draft_evidence
from hatecrime.reporting.forms.base import DatePartsField, GovukForm
from hatecrime.reporting.steps import applicable_steps
from hatecrime.reporting.views.journey import build_form, step_url


def _display(field: forms.Field, value: Any) -> str:
    if isinstance(field, DatePartsField):
        try:
            return public_date(datetime.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    choices = getattr(field, "choices", None)
    if choices:
        labels: dict[str, str] = {}
        for key, label in choices:
            # Grouped choices (the targeted communities) hold (group, [(key, label)...]).
            pairs = label if isinstance(label, list | tuple) else [(key, label)]
            labels.update({str(k): str(text) for k, text in pairs})
        values = value if isinstance(value, list) else [value]
        return "\n".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


def _rows(form: GovukForm) -> list[dict[str, str]]:
    rows = []
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if value in (None, "", []):
            continue
        rows.append({"key": str(field.label), "value": _display(field, value)})
    return rows


def summary_cards(draft: Draft, *, with_links: bool = True) -> list[dict[str, Any]]:

    cards = []
    for step in applicable_steps(draft.answers):
        rows = (
            _evidence_rows(draft)
            if step.slug == "evidence"
            else _rows(build_form(step, draft.answers))
        )
        if not rows:
            rows = [{"key": str(step.title), "value": _("Not given")}]
        cards.append(
            {
                "step": step,
                "title": step.title,
                "rows": rows,
                "change_url": step_url(step, change=True) if with_links else "",
            }
        )
    return cards


def _evidence_rows(draft: Draft) -> list[dict[str, str]]:
    names = [item.name for item in draft_evidence(draft)]
    if not names:
        return []
    return [{"key": _("Files"), "value": "\n".join(names)}]

"""GOV.UK Design System markup for a form, as plain context for templates/reporting/fields/.

Each field becomes a dict (kind, id, name, label, hint, errors, value, items...) that the field
templates render with the exact GOV.UK classes. Fields inside a conditional reveal are nested in
the item that reveals them, and the error summary links to the right element of each field.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatecrime.reporting.forms.base import DatePartsField, GovukForm


def _kind(field: forms.Field) -> str:
    widget = field.widget
    if isinstance(field, DatePartsField):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "text"


def _groups(choices: Any) -> list[tuple[Any, list[tuple[Any, Any]]]]:
    """Choices as (group label or None, [(value, label)]): Django's grouped choices, or one
    unnamed group of flat ones."""
    grouped: list[tuple[Any, list[tuple[Any, Any]]]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            grouped.append((value, list(label)))
        elif grouped and grouped[-1][0] is None:
            grouped[-1][1].append((value, label))
        else:
            grouped.append((None, [(value, label)]))
    return grouped


def _anchor(name: str, kind: str) -> str:
    return f"{name}-day" if kind == "date" else name


def render_fields(form: GovukForm) -> list[dict[str, Any]]:
    nested = {
        child for options in form.conditionals.values() for c in options.values() for child in c
    }
    return [render_field(form, name) for name in form.fields if name not in nested]


def render_field(form: GovukForm, name: str) -> dict[str, Any]:
    bound = form[name]
    field = bound.field
    kind = _kind(field)
    value = bound.value()
    context: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "id": name,
        "anchor": _anchor(name, kind),
        "label": field.label,
        "hint": field.help_text,
        "errors": list(form.errors.get(name, [])),
        "required": field.required,
        "is_heading": form.heading_field == name,
        "attrs": field.widget.attrs,
        "inline": name in form.inline,
        "maxlength": form.character_counts.get(name),
        "value": "" if value is None else value,
    }
    if kind in {"radios", "checkboxes", "select"} and isinstance(field, forms.ChoiceField):
        selected = value if isinstance(value, list) else [value]
        selected = [str(v) for v in selected if v not in (None, "")]
        reveals = form.conditionals.get(name, {})
        items: list[dict[str, Any]] = []
        groups: list[dict[str, Any]] = []
        for group_label, choices in _groups(field.choices):
            group_items = []
            for choice_value, choice_label in choices:
                index = len(items)
                item_id = name if index == 0 else f"{name}-{index + 1}"
                children = [render_field(form, c) for c in reveals.get(str(choice_value), [])]
                item = {
                    "value": choice_value,
                    "label": choice_label,
                    "id": item_id,
                    "checked": str(choice_value) in selected,
                    "conditional": children,
                    "conditional_id": f"conditional-{item_id}",
                    "exclusive": form.exclusive.get(name) == str(choice_value),
                }
                items.append(item)
                group_items.append(item)
            groups.append({"label": group_label, "items": group_items})
        context["items"] = items
        # Checkboxes grouped by parent (the targeted communities): a fieldset per group.
        context["groups"] = groups if any(g["label"] is not None for g in groups) else []
    if kind == "date":
        parts = value if isinstance(value, list | tuple) else field.widget.decompress(value)
        context["parts"] = [
            {"key": key, "label": label, "value": "" if part is None else part, "width": width}
            for (key, label, width), part in zip(
                (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4)),
                parts,
                strict=False,
            )
        ]
    return context


def error_summary(form: GovukForm) -> list[dict[str, Any]]:
    """The error summary's list: each message with a link to its field, in page order."""
    nested_order = []

    def walk(names: list[str]) -> None:
        for name in names:
            nested_order.append(name)
            for children in form.conditionals.get(name, {}).values():
                walk(children)

    nested = {
        child for options in form.conditionals.values() for c in options.values() for child in c
    }
    walk([name for name in form.fields if name not in nested])
    items = []
    for message in form.non_field_errors():
        first = next(iter(form.fields), "")
        items.append({"href": f"#{first}", "text": message})
    for name in nested_order:
        kind = _kind(form.fields[name])
        for message in form.errors.get(name, []):
            items.append({"href": f"#{_anchor(name, kind)}", "text": message})
    return items

"""The base of every question page's form: GOV.UK rendering hints, and the mapping between the
form's fields and its part of the report payload (docs/report-payload.md).

A page's form only parses what the browser sent (and checks what only a page needs, such as the
parts of a date); the rules of the report itself come from `reporting.payload.validate_section`,
so the pages and the API give the same messages.
"""

import datetime
import re
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class GovukForm(forms.Form):
    # The payload section this page validates with, and the top-level payload keys it owns.
    section: ClassVar[str] = ""
    owned_keys: ClassVar[tuple[str, ...]] = ()
    # The field whose label or legend is the page's <h1>, when the page asks one main question.
    heading_field: ClassVar[str] = ""
    # {field: {choice value: [fields revealed when that choice is selected]}}
    conditionals: ClassVar[dict[str, dict[str, list[str]]]] = {}
    # {field: choice value} for a checkbox that cannot be combined with the others ("Not sure").
    exclusive: ClassVar[dict[str, str]] = {}
    inline: ClassVar[set[str]] = set()
    # Payload paths (dotted, list indexes dropped) to form fields, where a path does not end
    # with the name of its field.
    error_map: ClassVar[dict[str, str]] = {}
    character_counts: ClassVar[dict[str, int]] = {}

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # The answers saved so far: a page's wording can depend on them (who is reporting).
        self.answers: dict[str, Any] = answers or {}

    # --- the payload side --------------------------------------------------------------
    def to_fragment(self) -> dict[str, Any]:
        """The payload keys this page owns, from cleaned_data."""
        raise NotImplementedError

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        """Initial field values from the answers saved so far."""
        raise NotImplementedError

    def revealed(self, name: str) -> bool:
        """Whether a field inside a conditional reveal applies to the choice made."""
        for parent, options in self.conditionals.items():
            for value, children in options.items():
                if name in children:
                    chosen = self.cleaned_data.get(parent)
                    if isinstance(chosen, list):
                        return value in chosen and self.revealed(parent)
                    return chosen == value and self.revealed(parent)
        return True

    def add_payload_errors(self, errors: dict[str, list[str]]) -> None:
        for path, messages in errors.items():
            field = self.field_for_path(path)
            if field is None:
                continue
            for message in messages:
                if field in self.errors and message in self.errors[field]:
                    continue
                self.add_error(field, message)

    def field_for_path(self, path: str) -> str | None:
        """The field that shows an error at a payload path: the path's own entry in
        `error_map`, else the field the path ends with, else the nearest enclosing path's."""
        parts = [p for p in path.split(".") if not p.isdigit()]
        ends_with = parts[-1] if parts else ""
        while parts:
            candidate = ".".join(parts)
            if candidate in self.error_map:
                return self.error_map[candidate]
            if candidate in self.fields:
                return candidate
            if ends_with in self.fields:
                return ends_with
            parts.pop()
        last = path.split(".")[-1]
        if last in self.fields:
            return last
        return next(iter(self.fields), None)


class RadiosField(forms.ChoiceField):
    """A GOV.UK radios question. `missing` is the message when nothing is chosen, for a page
    that asks for an answer the payload may leave out; without it the question is optional."""

    widget = forms.RadioSelect

    def __init__(self, label: Any, choices: Any, *, missing: Any = "", hint: Any = "") -> None:
        super().__init__(label=label, choices=choices, required=False, help_text=hint)
        self.missing = missing

    def validate(self, value: Any) -> None:
        super().validate(value)
        if self.missing and not value:
            raise forms.ValidationError(self.missing)


def bool_from(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def yes_no_from(value: Any) -> str | None:
    if value is None:
        return None
    return "yes" if value else "no"


def one_per_line(
    label: Any, hint: Any, *, rows: int = 2, spellcheck: bool = False
) -> forms.CharField:
    """An optional textarea for a list typed one item per line (read back with `lines`)."""
    attrs: dict[str, Any] = {"rows": rows}
    if not spellcheck:
        attrs["spellcheck"] = "false"
    return forms.CharField(
        label=label, help_text=hint, widget=forms.Textarea(attrs=attrs), required=False
    )


def drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


class DatePartsWidget(forms.MultiWidget):
    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self) -> None:
        super().__init__(
            widgets={"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            year, month, day = value.split("-")
            return [int(day), int(month), int(year)]
        return [None, None, None]


class DatePartsField(forms.MultiValueField):
    """A GOV.UK date input. It gives an ISO date string (or "" when left empty), and the GOV.UK
    messages for a date that is incomplete or not real; the report's own rules (not in the
    future) come from the payload validator."""

    widget = DatePartsWidget

    def __init__(self, *, subject: Any, **kwargs: Any) -> None:
        self.subject = subject
        fields = tuple(forms.CharField(required=False) for _part in range(3))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.error_messages["required"] = _("Enter %(subject)s") % {"subject": subject}

    def compress(self, data_list: list[Any]) -> str:
        if not data_list or not any((part or "").strip() for part in data_list):
            return ""
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name
            for name, part in ((_("a day"), day), (_("a month"), month), (_("a year"), year))
            if not part
        ]
        if missing:
            raise forms.ValidationError(
                _("%(subject)s must include %(parts)s")
                % {
                    "subject": str(self.subject).capitalize(),
                    "parts": missing[0]
                    if len(missing) == 1
                    else _("%(first)s and %(second)s")
                    % {"first": missing[0], "second": missing[1]},
                }
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(
                _("%(subject)s must be a real date") % {"subject": str(self.subject).capitalize()}
            )
        try:
            return datetime.date(int(year), int(month), int(day)).isoformat()
        except ValueError as error:
            raise forms.ValidationError(
                _("%(subject)s must be a real date") % {"subject": str(self.subject).capitalize()}
            ) from error

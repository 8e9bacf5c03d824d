"""Form fields shared by the public pages, the staff pages and the dashboard."""

from typing import Any

from django import forms

from hatecrime.core.communities import grouped_choices


class CommunitiesField(forms.MultipleChoiceField):
    """Checkboxes of the targeted-community taxonomy, grouped by parent (the choices are read
    from the database each time they are shown or checked, so an administrator's change shows
    at once). `with_groups` also offers each group itself, for staff."""

    widget = forms.CheckboxSelectMultiple
    grouped = True  # the templates show a fieldset per group

    def __init__(self, *, with_groups: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(choices=lambda: grouped_choices(with_groups=with_groups), **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a textarea typed one item per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]

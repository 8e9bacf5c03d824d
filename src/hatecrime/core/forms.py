"""Form fields shared by the public pages, the staff pages and the dashboard."""

from collections.abc import Callable
from typing import Any, TypeVar

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


def add_refusal(form: forms.BaseForm, errors: dict[str, list[str]]) -> None:
    """An action's refusal shown on its form: each message on its field, or above the form
    when the form has no field of that name."""
    for field, problems in errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


FieldKind = TypeVar("FieldKind", bound=forms.Field)


def field_of(form: forms.BaseForm, name: str, kind: type[FieldKind]) -> FieldKind:
    """The form's field `name` as the kind of field it is, to set what it offers this time
    (its choices or queryset): django-stubs types `Form.fields` as plain `Field`."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


class WordedModelChoiceField(forms.ModelChoiceField):
    """A model choice whose options read as `words(instance)`, not `str(instance)`."""

    def __init__(self, *, words: Callable[[Any], str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.words = words

    def label_from_instance(self, obj: Any) -> str:
        return self.words(obj)

"""The typed form-field helpers of core/forms.py."""

import pytest
from django import forms

from hatecrime.core.forms import WordedModelChoiceField, field_of
from hatecrime.core.models import Area


class AreaForm(forms.Form):
    area = WordedModelChoiceField(queryset=Area.objects.none(), words=lambda a: f"CSU {a.name}")
    note = forms.CharField()


def test_field_of_gives_the_field_as_its_kind():
    form = AreaForm()
    field = field_of(form, "area", forms.ModelChoiceField)
    assert field is form.fields["area"]


def test_field_of_refuses_a_field_of_another_kind():
    with pytest.raises(TypeError, match="note is a CharField, not a ChoiceField"):
        field_of(AreaForm(), "note", forms.ChoiceField)


@pytest.mark.django_db
def test_a_worded_choice_reads_as_its_words():
    form = AreaForm()
    field_of(form, "area", forms.ModelChoiceField).queryset = Area.objects.filter(slug="hackney")
    choices = field_of(form, "area", forms.ChoiceField).choices
    assert [str(label) for _, label in choices][1:] == ["CSU Hackney"]

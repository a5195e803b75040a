"""A blank new line keeps its position when the fiche's form is shown again, even when its
formset was never validated (guide/forms.py, ``keep_position``)."""

from django import forms
from django.forms.formsets import ORDERING_FIELD_NAME

from guide.forms import keep_position


class Line(forms.Form):
    contact = forms.CharField()


Line.base_fields[ORDERING_FIELD_NAME] = forms.IntegerField(required=False)


def blank_line(order):
    return Line(
        data={"f-contact": "", f"f-{ORDERING_FIELD_NAME}": order},
        prefix="f",
        empty_permitted=True,
        use_required_attribute=False,
    )


def test_a_line_never_cleaned_is_cleaned_and_keeps_its_position():
    # ClusterForm.is_valid stops at the first invalid formset: the next formsets' lines are
    # never cleaned (an autosave with an invalid component answered 500 on the contact lines).
    line = blank_line("3")
    assert not hasattr(line, "cleaned_data")
    keep_position(line)
    assert line.cleaned_data[ORDERING_FIELD_NAME] == 3


def test_a_cleaned_blank_line_gets_its_position_read():
    line = blank_line("")
    line.full_clean()
    keep_position(line)
    assert line.cleaned_data[ORDERING_FIELD_NAME] is None

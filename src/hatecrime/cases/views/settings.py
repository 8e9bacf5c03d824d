"""Administrator pages for the data case work is checked against (no case content): the crime
number format, and the decision letters of the Victims' Right to Review."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.models import Role
from hatecrime.cases.actions import (
    CaseActionError,
    do_remove_decision_letter,
    do_save_decision_letter,
    do_set_crime_number_format,
)
from hatecrime.cases.forms.crime_number import CrimeNumberFormatForm
from hatecrime.cases.forms.review import LETTER_KINDS, DecisionLetterForm, letter_languages
from hatecrime.cases.models import CrimeNumberFormat, DecisionKind, DecisionLetter
from hatecrime.cases.selectors import decision_letter_text
from hatecrime.core.forms import add_refusal

admin_page = staff_page(Role.ADMINISTRATOR)


@admin_page
def crime_number_format(request: HttpRequest) -> HttpResponse:
    current = CrimeNumberFormat.current()
    initial = {
        "pattern": current.pattern,
        "example": current.example,
        "description": current.description,
    }
    form = CrimeNumberFormatForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            do_set_crime_number_format(actor=staff_user(request), **form.cleaned_data)
        except CaseActionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, "Crime number format saved")
            return HttpResponseRedirect("/staff/cases/crime-number-format/")
    return render(
        request,
        "cases/crime_number_format.html",
        {"form": form, "current": current},
        status=400 if form.errors else 200,
    )


@admin_page
def decision_letters(request: HttpRequest) -> HttpResponse:
    written = {
        (letter.kind, letter.language): letter
        for letter in DecisionLetter.objects.select_related("changed_by")
    }
    rows = [
        {
            "kind": kind,
            "kind_label": label,
            "language": code,
            "language_label": name,
            "letter": written.get((kind, code)),
        }
        for kind, label in LETTER_KINDS
        for code, name in letter_languages()
    ]
    return render(request, "cases/decision_letters.html", {"rows": rows})


@admin_page
@require_http_methods(["GET", "POST"])
def decision_letter(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    kinds, names = dict(LETTER_KINDS), dict(letter_languages())
    if kind not in kinds or language not in names:
        raise Http404
    current = DecisionLetter.objects.filter(kind=kind, language=language).first()
    if request.method == "POST" and request.POST.get("use_default") == "yes":
        do_remove_decision_letter(actor=staff_user(request), kind=kind, language=language)
        messages.success(request, "The letter is the translated default again")
        return HttpResponseRedirect("/staff/cases/decision-letters/")
    initial = {"text": decision_letter_text(kind, language)}
    form = DecisionLetterForm(request.POST or None, initial=initial, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            do_save_decision_letter(
                actor=staff_user(request), kind=kind, language=language, **form.cleaned_data
            )
        except CaseActionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, "Decision letter saved")
            return HttpResponseRedirect("/staff/cases/decision-letters/")
    context = {
        "form": form,
        "kind_label": DecisionKind(kind).label,
        "language_label": names[language],
        "current": current,
    }
    return render(
        request, "cases/decision_letter.html", context, status=400 if form.errors else 200
    )

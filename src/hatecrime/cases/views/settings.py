"""Administrator pages for the data case work is checked against (no case content): the crime
number format."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.models import Role
from hatecrime.cases.actions import CaseActionError
from hatecrime.cases.actions.crime_number import do_set_crime_number_format
from hatecrime.cases.forms.crime_number import CrimeNumberFormatForm
from hatecrime.cases.models import CrimeNumberFormat

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
            for field, problems in refused.errors.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, "Crime number format saved")
            return HttpResponseRedirect("/staff/cases/crime-number-format/")
    return render(
        request,
        "cases/crime_number_format.html",
        {"form": form, "current": current},
        status=400 if form.errors else 200,
    )

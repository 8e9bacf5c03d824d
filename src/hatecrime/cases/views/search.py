"""Case search for staff: one box, results scoped to the user's areas (the search audits
itself, without the term)."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.decorators import staff_page
from hatecrime.accounts.permissions import require_permission
from hatecrime.cases.search import RESULT_LIMIT, SearchHit, search_cases


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search cases"),
        max_length=200,
        help_text=_(
            "A reference or crime number, or the victim's or reporter's name, phone number, "
            "email address or postcode, or a suspect's name, handle or phone number"
        ),
        error_messages={
            "required": _(
                "Enter a reference, name, phone number, email address, postcode or handle"
            ),
            "max_length": _("The search must be 200 characters or fewer"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


@staff_page()
def case_search(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "search_cases")
    form = CaseSearchForm(request.GET if "q" in request.GET else None)
    hits: list[SearchHit] | None = None
    if form.is_valid():
        hits = search_cases(request.user, form.cleaned_data["q"])
    return render(request, "cases/search.html", {"form": form, "hits": hits, "limit": RESULT_LIMIT})

"""Exit this page: forget what the person typed, then leave for HATECRIME_EXIT_URL.

The button (and Shift pressed three times) goes here rather than straight to the exit site, so
the server forgets the draft before anyone can press Back: the session is emptied (a new,
empty one follows), an unsaved draft is deleted with its files, a saved one stays for its
resume code. Journey pages are never cached (core.middleware: `Cache-Control: no-store`), so
Back asks the server again and finds nothing. `Clear-Site-Data: "cache"` also empties this
site's HTTP and back-forward caches in the browsers that support it.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from hatecrime.reporting.drafts.actions import do_forget_unsaved_draft
from hatecrime.reporting.views.session import DRAFT_KEY


@require_safe
def exit_this_page(request: HttpRequest) -> HttpResponse:
    draft_id = request.session.get(DRAFT_KEY)
    if draft_id:
        do_forget_unsaved_draft(draft_id)
    request.session.flush()
    response = HttpResponseRedirect(settings.HATECRIME_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    response["Clear-Site-Data"] = '"cache"'
    return response

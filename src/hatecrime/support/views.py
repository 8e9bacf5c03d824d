"""Partner caseworkers: referrals to their organisations (only what the victim agreed to share),
accept or decline. Administrators: the support organisations directory."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hatecrime.accounts.actions import do_save_support_organisation
from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.permissions import require_permission
from hatecrime.cases.evidence import evidence_for_partner, evidence_response
from hatecrime.support.access import access_referral, access_shared_evidence
from hatecrime.support.actions import do_respond_to_referral
from hatecrime.support.forms import OrganisationForm, RespondForm
from hatecrime.support.models import SupportOrganisation
from hatecrime.support.selectors import referral_detail_for_partner, referrals_for_partner


@staff_page()
def referral_list(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "view_associated_referral")
    return render(
        request, "support/referral_list.html", {"referrals": referrals_for_partner(request.user)}
    )


@staff_page()
def referral_page(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral(request.user, referral_id)
    form = RespondForm(request.POST or None)
    if request.method == "POST":
        require_permission(request.user, "respond_to_referral")
        if form.is_valid():
            accepted = form.cleaned_data["decision"] == "accept"
            do_respond_to_referral(
                actor=staff_user(request),
                referral=referral,
                accepted=accepted,
            )
            messages.success(
                request, _("Referral accepted") if accepted else _("Referral declined")
            )
            return HttpResponseRedirect("/staff/support/referrals/")
    detail = referral_detail_for_partner(request.user, referral)
    return render(
        request,
        "support/referral.html",
        {
            "referral": referral,
            "detail": detail,
            "form": form,
            "can_respond": referral.status == "sent",
        },
    )


@require_GET  # only ever read; the same 405 whether or not the file exists
@staff_page()
def referral_evidence(request: HttpRequest, referral_id: int, evidence_id: int) -> HttpResponse:
    """An evidence file the victim agreed to share (each opening is audited as a disclosure)."""
    referral, evidence = access_shared_evidence(request.user, referral_id, evidence_id)
    content = evidence_for_partner(request.user, referral, evidence)
    return evidence_response(evidence, content, download=request.GET.get("download") == "1")


@staff_page()
def organisation_list(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "manage_support_organisations")
    organisations = SupportOrganisation.objects.prefetch_related("areas").order_by("name")
    return render(request, "support/organisation_list.html", {"organisations": organisations})


@staff_page()
def organisation_edit(request: HttpRequest, organisation_id: int | None = None) -> HttpResponse:
    require_permission(request.user, "manage_support_organisations")
    organisation = (
        get_object_or_404(SupportOrganisation, pk=organisation_id)
        if organisation_id is not None
        else SupportOrganisation()
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = (
            SupportOrganisation.objects.get(pk=organisation.pk)
            if organisation.pk
            else SupportOrganisation()
        )
        saved = do_save_support_organisation(
            actor=staff_user(request),
            organisation=target,
            areas=data.pop("areas"),
            **data,
        )
        messages.success(request, _("%(name)s saved") % {"name": saved.name})
        return HttpResponseRedirect("/staff/support/organisations/")
    return render(
        request, "support/organisation_form.html", {"form": form, "organisation": organisation}
    )

"""Administrator pages: staff users, areas and the targeted-community taxonomy.
Administrators see no case content."""

from django.contrib import messages
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hatecrime.accounts.actions import (
    do_create_user,
    do_issue_temporary_password,
    do_save_community,
    do_set_user_active,
    do_update_area,
    do_update_user,
)
from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.forms import AreaForm, CommunityForm, NewUserForm, UserForm
from hatecrime.accounts.models import Role, User
from hatecrime.accounts.second_factor import do_reset_second_factor, has_app
from hatecrime.accounts.security_keys import security_keys_of
from hatecrime.accounts.tokens import do_revoke_api_tokens, live_tokens_of
from hatecrime.core.models import Area, Community

admin_page = staff_page(Role.ADMINISTRATOR)


@admin_page
def user_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.prefetch_related("areas").order_by("username")
    return render(request, "accounts/user_list.html", {"users": users})


@admin_page
def user_create(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        user = do_create_user(
            actor=staff_user(request),
            password=data.pop("password"),
            areas=data.pop("areas"),
            **data,
        )
        messages.success(request, _("User %(username)s created") % {"username": user.username})
        return HttpResponseRedirect("/staff/users/")
    return render(request, "accounts/user_form.html", {"form": form, "new": True})


@admin_page
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # The form's instance was changed by validation: load a fresh copy to compare against.
        do_update_user(
            actor=staff_user(request),
            user=User.objects.get(pk=user.pk),
            areas=data.pop("areas"),
            **data,
        )
        messages.success(request, _("User %(username)s updated") % {"username": user.username})
        return HttpResponseRedirect("/staff/users/")
    context = {"form": form, "subject": user, "tokens": live_tokens_of(user)}
    return render(request, "accounts/user_form.html", context)


@admin_page
@require_POST
def user_tokens_revoke(request: HttpRequest, user_id: int) -> HttpResponse:
    """Revoke one API token (`token` in the form) or, without one, all of the user's."""
    user = get_object_or_404(User, pk=user_id)
    chosen = request.POST.get("token", "")
    token_id = int(chosen) if chosen.isascii() and chosen.isdigit() and len(chosen) < 18 else None
    revoked = do_revoke_api_tokens(actor=staff_user(request), user=user, token_id=token_id)
    messages.success(request, f"{revoked} API token(s) of {user.username} revoked")
    return HttpResponseRedirect(f"/staff/users/{user.pk}/")


@admin_page
@require_POST
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    active = request.POST.get("active") == "yes"
    do_set_user_active(actor=staff_user(request), user=user, active=active)
    messages.success(
        request,
        (_("User %(username)s enabled") if active else _("User %(username)s deactivated"))
        % {"username": user.username},
    )
    return HttpResponseRedirect("/staff/users/")


@admin_page
def user_password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """Issue a temporary password, shown once on this response and never stored in clear."""
    subject = get_object_or_404(User, pk=user_id)
    context: dict[str, object] = {"subject": subject}
    if request.method == "POST":
        context["password"] = do_issue_temporary_password(actor=staff_user(request), user=subject)
    response = render(request, "accounts/user_password_reset.html", context)
    response["Cache-Control"] = "no-store"
    return response


@admin_page
def user_second_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """Remove a member's authenticator app, security keys and recovery codes (a lost phone or
    key): they enrol again at their next request."""
    subject = get_object_or_404(User, pk=user_id)
    if request.method == "POST":
        do_reset_second_factor(actor=staff_user(request), user=subject)
        messages.success(
            request,
            _("The second factor of %(username)s has been reset: they will set it up again")
            % {"username": subject.username},
        )
        return HttpResponseRedirect(f"/staff/users/{subject.pk}/")
    context = {
        "subject": subject,
        "has_app": has_app(subject),
        "security_keys": security_keys_of(subject).count(),
    }
    return render(request, "accounts/user_second_factor_reset.html", context)


@admin_page
def area_list(request: HttpRequest) -> HttpResponse:
    # Boundaries can be large: the list only needs to know there is one.
    areas = (
        Area.objects.select_related("force")
        .defer("boundary")
        .annotate(
            has_boundary=ExpressionWrapper(Q(boundary__isnull=False), output_field=BooleanField())
        )
        .order_by("is_triage", "force__name", "name")
    )
    return render(request, "accounts/area_list.html", {"areas": areas})


@admin_page
def area_edit(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        do_update_area(
            actor=staff_user(request),
            area=Area.objects.get(pk=area.pk),
            **form.cleaned_data,
        )
        messages.success(request, _("%(area)s updated") % {"area": area.name})
        return HttpResponseRedirect("/staff/areas/")
    return render(request, "accounts/area_form.html", {"form": form, "area": area})


@admin_page
def community_list(request: HttpRequest) -> HttpResponse:
    groups = Community.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "accounts/community_list.html", {"groups": groups})


@admin_page
def community_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    community = get_object_or_404(Community, code=code) if code else Community()
    form = CommunityForm(request.POST or None, instance=community)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        saved = do_save_community(
            actor=staff_user(request),
            community=Community.objects.get(pk=community.pk) if code else Community(),
            **fields,
        )
        messages.success(request, _("%(community)s saved") % {"community": saved.label})
        return HttpResponseRedirect("/staff/communities/")
    context = {"form": form, "community": community if code else None}
    return render(request, "accounts/community_form.html", context)

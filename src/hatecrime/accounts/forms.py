"""Forms of the staff sign-in and of administration (users, areas, communities)."""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.models import Role, User
from hatecrime.core.forms import field_of
from hatecrime.core.models import Area, Community


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        error_messages={"required": _("Enter your username")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "width": "20"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=256,
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "width": "20"}),
    )


class UserForm(forms.ModelForm):
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The areas whose cases this person works (officers and supervisors)."),
    )
    # Reporting centres are made by `hatecrime create_reporting_centre`, never on this form.
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[choice for choice in Role.choices if choice[0] != Role.REPORTING_CENTRE],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "direct_phone",
            "areas",
            "oidc_subject",
        ]
        labels = {
            "username": _("Username"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("Email address"),
            "direct_phone": _("Direct phone number"),
            "oidc_subject": _("Reference at the identity provider"),
        }
        help_texts = {
            "oidc_subject": _(
                "Links this account to the person's account at the force's identity provider. "
                "They see their reference when they first try to sign in with it. Check who they "
                "are before you enter it. Leave empty to unlink."
            ),
        }
        error_messages = {
            "oidc_subject": {"unique": _("This reference is linked to another account already")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only where sign-in through the identity provider is on (ADR 0503).
        if not settings.HATECRIME_OIDC_ENABLED:
            del self.fields["oidc_subject"]


class NewUserForm(UserForm):
    password = forms.CharField(
        label=_("First password"),
        strip=False,
        min_length=12,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters, not a common password and not like their name. Give it to "
            "the person safely: they must change it when they first sign in."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            # The rules of AUTH_PASSWORD_VALIDATORS, compared with what the form says of them.
            names = ("username", "first_name", "last_name", "email")
            person = User(**{name: cleaned.get(name, "") for name in names})
            try:
                password_validation.validate_password(password, person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


def _label_password_fields(form: forms.Form) -> None:
    # The page states the rules once in words; Django's help is an HTML list of the same.
    form.fields["new_password1"].label = _("New password")
    form.fields["new_password1"].help_text = ""
    form.fields["new_password2"].label = _("Confirm new password")
    form.fields["new_password2"].help_text = ""
    for name, field in form.fields.items():
        field.error_messages["required"] = {
            "old_password": _("Enter your current password"),
            "new_password1": _("Enter a new password"),
            "new_password2": _("Enter the new password again"),
        }[name]


class ChangePasswordForm(PasswordChangeForm):
    """A member of staff changes their own password (Django's form: it runs the validators)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        _label_password_fields(self)

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Your current password is not correct. Enter it again."),
        "password_mismatch": _("The two new passwords do not match. Enter the same one twice."),
    }


class NewPasswordForm(SetPasswordForm):
    """The new password of someone who signed in with a temporary one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_password_fields(self)

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": _("The two new passwords do not match. Enter the same one twice."),
    }


class AreaForm(forms.ModelForm):
    """An area's details and its tile on its force's map (boundaries come from files:
    `hatecrime load_areas`). The slug never changes: counts, staff and addresses use it."""

    tile_row = forms.IntegerField(
        label=_("Map tile: row"),
        help_text=_("From 0 at the top of the force's tile map. Leave both empty for no tile."),
        min_value=0,
        max_value=99,
        required=False,
        widget=forms.TextInput(attrs={"width": "4"}),
    )
    tile_col = forms.IntegerField(
        label=_("Map tile: column"),
        help_text=_("From 0 at the left."),
        min_value=0,
        max_value=99,
        required=False,
        widget=forms.TextInput(attrs={"width": "4"}),
    )

    class Meta:
        model = Area
        fields = [
            "name", "code", "force", "csu_phone", "csu_hours", "tile_row", "tile_col", "is_active",
        ]  # fmt: skip
        labels = {
            "name": _("Name"),
            "code": _("Code (optional)"),
            "force": _("Police force"),
            "csu_phone": _("Community Safety Unit phone number"),
            "csu_hours": _("When the Community Safety Unit answers that number"),
        }
        help_texts = {
            "code": _("For example the ONS code, such as E09000012."),
            "csu_phone": _("Shown to victims on 'track my report' until an officer is assigned."),
            "csu_hours": _("For example, Monday to Friday, 8am to 6pm."),
            "is_active": _("Active"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "force", forms.ModelChoiceField).empty_label = _("No force")

    def clean_code(self) -> str:
        code = str(self.cleaned_data.get("code") or "").strip()
        if code and Area.objects.filter(code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another area has this code"))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        row, col = data.get("tile_row"), data.get("tile_col")
        if (row is None) != (col is None):
            self.add_error("tile_col" if col is None else "tile_row",
                           _("Enter both the row and the column, or neither"))  # fmt: skip
        elif row is not None and data.get("force") is not None:
            taken = Area.objects.filter(force=data["force"], tile_row=row, tile_col=col)
            other = taken.exclude(pk=self.instance.pk).first()
            if other is not None:
                self.add_error("tile_row", _("%(area)s has this tile") % {"area": other.name})
        return data


class CommunityForm(forms.ModelForm):
    """A node of the targeted-community taxonomy. The code is set when it is added and never
    changed after (reports and cases keep it)."""

    class Meta:
        model = Community
        fields = ["code", "label", "parent", "strand", "aliases", "position", "is_active"]
        labels = {
            "code": _("Code (lower case letters, digits and underscores; cannot change later)"),
            "label": _("Name"),
            "parent": _("Group (leave empty for a group of its own)"),
            "strand": _("Strand"),
            "aliases": _("Other names, separated by semicolons"),
            "position": _("Position in lists"),
            "is_active": _("Offered to the public and staff"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = Community.objects.filter(parent__isnull=True)
        if self.instance.pk:
            del self.fields["code"]
            groups = groups.exclude(pk=self.instance.pk)
        field_of(self, "parent", forms.ModelChoiceField).queryset = groups
        self.fields["parent"].required = False

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not re.fullmatch(r"[a-z0-9_]+", code):
            raise forms.ValidationError(_("Use lower case letters, digits and underscores only"))
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parent = cleaned.get("parent")
        if parent is not None and self.instance.pk and self.instance.children.exists():
            self.add_error("parent", _("A group with communities in it cannot join a group"))
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        error_messages={"required": _("Enter the code from your authenticator app")},
        help_text=_("The 6-digit code your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "width": "10"}
        ),
    )


class EnrolForm(CodeForm):
    """The first code of a new app (recovery codes come after it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The 6-digit code the app shows now.")


class UnlockForm(CodeForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        error_messages={"required": _("Enter your username")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "width": "20"}),
    )
    field_order = ["username", "code"]


class RecoveryCodeForm(CodeForm):
    """The code form of a member with security keys but no app: only recovery codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Recovery code")
        code.help_text = _("One of the recovery codes you were given when you set up your key.")
        code.error_messages["required"] = _("Enter a recovery code")


class SecurityKeyNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name of this security key"),
        max_length=64,
        error_messages={
            "required": _("Enter a name for the security key"),
            "max_length": _("The name must be 64 characters or fewer"),
        },
        help_text=_("So that you can tell your keys apart, for example: Blue key on my keyring."),
        widget=forms.TextInput(attrs={"width": "20", "autocomplete": "off"}),
    )

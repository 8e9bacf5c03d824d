from django.conf import settings
from django.urls import URLPattern, URLResolver, path

from hatecrime.accounts import (
    admin_views,
    risk_rule_views,
    second_factor_views,
    security_key_views,
    views,
)
from hatecrime.accounts.security_key_ceremonies import (
    BeginKeyRegistration,
    BeginKeyUnlock,
    BeginKeyVerification,
    CompleteKeyRegistration,
    CompleteKeyUnlock,
    CompleteKeyVerification,
)

app_name = "accounts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/unlock/", second_factor_views.unlock, name="unlock"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("enrol/", second_factor_views.enrol, name="enrol"),
    path("verify/", second_factor_views.verify, name="verify"),
    # Security keys (ADR 0502): the JSON endpoints of django-otp-webauthn's scripts, under the
    # pages that are open before the second factor (each has its own rules), and the pages.
    path("enrol/key/begin/", BeginKeyRegistration.as_view(), name="key-register-begin"),
    path("enrol/key/complete/", CompleteKeyRegistration.as_view(), name="key-register-complete"),
    path("verify/key/begin/", BeginKeyVerification.as_view(), name="key-verify-begin"),
    path("verify/key/complete/", CompleteKeyVerification.as_view(), name="key-verify-complete"),
    path("sign-in/unlock/key/begin/", BeginKeyUnlock.as_view(), name="key-unlock-begin"),
    path("sign-in/unlock/key/complete/", CompleteKeyUnlock.as_view(), name="key-unlock-complete"),
    path("account/security-keys/", security_key_views.security_keys, name="security-keys"),
    path(
        "account/security-keys/<int:key_id>/",
        security_key_views.security_key,
        name="security-key",
    ),
    path(
        "account/security-keys/<int:key_id>/remove/",
        security_key_views.security_key_remove,
        name="security-key-remove",
    ),
    path(
        "account/recovery-codes/",
        second_factor_views.replace_recovery_codes,
        name="recovery-codes",
    ),
    path("account/", views.account, name="account"),
    path("password/", views.change_password, name="password"),
    path("users/", admin_views.user_list, name="users"),
    path("users/new/", admin_views.user_create, name="user-create"),
    path("users/<int:user_id>/", admin_views.user_edit, name="user-edit"),
    path("users/<int:user_id>/deactivate/", admin_views.user_deactivate, name="user-deactivate"),
    path(
        "users/<int:user_id>/password/",
        admin_views.user_password_reset,
        name="user-password-reset",
    ),
    path(
        "users/<int:user_id>/second-factor/",
        admin_views.user_second_factor_reset,
        name="user-second-factor-reset",
    ),
    path(
        "users/<int:user_id>/tokens/revoke/",
        admin_views.user_tokens_revoke,
        name="user-tokens-revoke",
    ),
    path("areas/", admin_views.area_list, name="areas"),
    path("areas/<slug:slug>/", admin_views.area_edit, name="area-edit"),
    path("risk-rules/", risk_rule_views.risk_rule_list, name="risk-rules"),
    path("risk-rules/<slug:signal>/", risk_rule_views.risk_rule_edit, name="risk-rule-edit"),
    path(
        "risk-thresholds/<slug:level>/",
        risk_rule_views.risk_threshold_edit,
        name="risk-threshold-edit",
    ),
    path("communities/", admin_views.community_list, name="communities"),
    path("communities/new/", admin_views.community_edit, name="community-create"),
    path("communities/<slug:code>/", admin_views.community_edit, name="community-edit"),
]

if settings.HATECRIME_OIDC_ENABLED:
    # Sign-in through the force's identity provider (ADR 0503): these addresses exist only when
    # it is configured. Under sign-in/, so that they are open before the second factor.
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    from hatecrime.accounts.oidc_views import StaffCallbackView

    urlpatterns += [
        path("sign-in/oidc/", OIDCAuthenticationRequestView.as_view(), name="oidc-start"),
        path("sign-in/oidc/callback/", StaffCallbackView.as_view(), name="oidc-callback"),
    ]

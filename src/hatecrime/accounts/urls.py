from django.urls import URLPattern, URLResolver, path

from hatecrime.accounts import admin_views, risk_rule_views, second_factor_views, views

app_name = "accounts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/unlock/", second_factor_views.unlock, name="unlock"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("enrol/", second_factor_views.enrol, name="enrol"),
    path("verify/", second_factor_views.verify, name="verify"),
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

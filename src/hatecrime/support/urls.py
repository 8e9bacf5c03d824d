from django.urls import URLPattern, URLResolver, path

from hatecrime.support import views

app_name = "support"

urlpatterns: list[URLPattern | URLResolver] = [
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<int:referral_id>/", views.referral_page, name="referral"),
    path(
        "referrals/<int:referral_id>/evidence/<int:evidence_id>/",
        views.referral_evidence,
        name="referral-evidence",
    ),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_edit, name="organisation-create"),
    path("organisations/<int:organisation_id>/", views.organisation_edit, name="organisation-edit"),
]

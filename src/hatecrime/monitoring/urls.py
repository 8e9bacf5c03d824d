from django.urls import URLPattern, URLResolver, path

from . import compliance_views, views

app_name = "monitoring"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("run/", views.run_detection, name="run"),
    path("notices/<int:notice_id>/dismiss/", views.dismiss_notice, name="dismiss-notice"),
    path("events/", views.trigger_events, name="events"),
    path("packs/", views.packs, name="packs"),
    path("compliance/", compliance_views.compliance, name="compliance"),
    path("compliance.csv", compliance_views.compliance_export, name="compliance-export"),
    path("packs/<str:kind>/<str:value>.<str:fmt>", views.pack, name="pack"),
    path("tension/", views.tension_groups, name="tension-groups"),
    path("tension/<str:group>.<str:fmt>", views.tension_view, name="tension"),
]

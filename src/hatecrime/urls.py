from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("hatecrime.api.v1.urls")),
    path("staff/", include("hatecrime.accounts.urls")),
    path("staff/cases/", include("hatecrime.cases.urls")),
    path("staff/support/", include("hatecrime.support.urls")),
    path("staff/audit/", include("hatecrime.audit.urls")),
    path("staff/monitoring/", include("hatecrime.monitoring.urls")),
    path("", include("hatecrime.core.urls")),
    path("", include("hatecrime.reporting.urls")),
]

handler400 = "hatecrime.core.views.bad_request"
handler403 = "hatecrime.core.views.permission_denied"
handler404 = "hatecrime.core.views.page_not_found"
handler500 = "hatecrime.core.views.server_error"

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

# Staff pages, the API and the health check are in English and carry no language prefix. The
# public pages carry their language in the URL (`/vi/track/`); English keeps the bare URLs
# (ADR 0700).
urlpatterns = [
    path("api/v1/", include("hatecrime.api.v1.urls")),
    path("staff/", include("hatecrime.accounts.urls")),
    path("staff/cases/", include("hatecrime.cases.urls")),
    path("staff/support/", include("hatecrime.support.urls")),
    path("staff/audit/", include("hatecrime.audit.urls")),
    path("staff/records/", include("hatecrime.dataprotection.urls")),
    path("staff/monitoring/", include("hatecrime.monitoring.urls")),
    path("", include("hatecrime.core.urls")),
    *i18n_patterns(
        path("", include("hatecrime.reporting.urls")),
        path("", include("hatecrime.monitoring.public_urls")),
        path("", include("hatecrime.feedback.urls")),
        prefix_default_language=False,
    ),
]

handler400 = "hatecrime.core.views.bad_request"
handler403 = "hatecrime.core.views.permission_denied"
handler404 = "hatecrime.core.views.page_not_found"
handler500 = "hatecrime.core.views.server_error"

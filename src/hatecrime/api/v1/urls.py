from django.urls import include, path

app_name = "api-v1"

urlpatterns = [
    # Reports from the public side (third-party reporting centres), tracking, schema and docs.
    path("", include("hatecrime.api.v1.public_urls")),
    # Staff case work (token authentication).
    path("", include("hatecrime.api.v1.staff_urls")),
]

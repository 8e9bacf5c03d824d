"""Only the API's URLs, so the case API tests do not depend on the staff pages' URL modules
(which other work may be changing at the same time)."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("hatecrime.api.v1.urls"))]

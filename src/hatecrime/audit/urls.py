from django.urls import URLPattern, URLResolver, path

from hatecrime.audit import views

app_name = "audit"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.audit_search, name="search"),
]

"""The public open data: a page and its file, in the public site's language URLs (ADR 0700)."""

from django.urls import URLPattern, path

from . import public

app_name = "open_data"

urlpatterns: list[URLPattern] = [
    path("open-data/", public.open_data_page, name="page"),
    path("open-data/hate-crime-open-data.csv", public.open_data_file, name="file"),
]

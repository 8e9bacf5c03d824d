from django.urls import URLPattern, URLResolver, path

from hatecrime.cases.views import record

app_name = "cases"

urlpatterns: list[URLPattern | URLResolver] = [
    path("record/", record.record_report, name="record"),
]

from django.urls import URLPattern, URLResolver, path

from hatecrime.dataprotection import views

app_name = "dataprotection"

urlpatterns: list[URLPattern | URLResolver] = [
    path("reviews/", views.review_queue, name="reviews"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/<slug:kind>/", views.rule_edit, name="rule"),
    path("cases/<str:reference>/review/", views.retention_review, name="review"),
    path("subjects/", views.subject_search, name="subjects"),
    path("subjects/bundle/", views.subject_bundle, name="bundle"),
    path("cases/<str:reference>/rectify/", views.rectify, name="rectify"),
]

from django.urls import URLPattern, URLResolver, path

from hatecrime.feedback import views

app_name = "feedback"

urlpatterns: list[URLPattern | URLResolver] = [
    path("feedback/<str:token>/", views.survey, name="survey"),
]

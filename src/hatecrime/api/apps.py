from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hatecrime.api"
    label = "api"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hatecrime.core"
    label = "core"

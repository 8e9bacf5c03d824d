from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hatecrime.support"
    label = "support"

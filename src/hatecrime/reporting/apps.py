from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "hatecrime.reporting"
    label = "reporting"

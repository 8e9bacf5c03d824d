from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "hatecrime.monitoring"
    label = "monitoring"

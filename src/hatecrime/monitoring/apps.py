from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "hatecrime.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers the periodic jobs)

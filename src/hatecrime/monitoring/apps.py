from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "hatecrime.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the periodic jobs.
        from hatecrime.monitoring import jobs  # noqa: F401

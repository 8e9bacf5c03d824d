from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "hatecrime.reporting"
    label = "reporting"

    def ready(self) -> None:
        # Registers the periodic sweeps (idempotency keys, tracking attempts, orphan evidence).
        from hatecrime.reporting import jobs  # noqa: F401

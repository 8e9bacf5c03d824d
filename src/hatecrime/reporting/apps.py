from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "hatecrime.reporting"
    label = "reporting"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the sweeps (idempotency keys, tracking attempts, orphan evidence).
        from hatecrime.reporting import jobs  # noqa: F401

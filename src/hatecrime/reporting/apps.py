from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "hatecrime.reporting"
    label = "reporting"

    def ready(self) -> None:
        # Registers the periodic sweeps (idempotency keys, tracking attempts, orphan evidence)
        # and the per-process area cache's invalidation on Area changes.
        from hatecrime.reporting import areas, jobs  # noqa: F401

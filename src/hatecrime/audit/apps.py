from django.apps import AppConfig
from django.db.backends.signals import connection_created

from hatecrime.audit.triggers import register_sqlite_function


class AuditConfig(AppConfig):
    name = "hatecrime.audit"
    label = "audit"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the periodic job.
        from hatecrime.audit import jobs  # noqa: F401

        connection_created.connect(register_sqlite_function)

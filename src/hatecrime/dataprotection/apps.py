from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "hatecrime.dataprotection"
    label = "dataprotection"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the periodic re-application of the erasure ledger.
        from hatecrime.dataprotection import jobs  # noqa: F401

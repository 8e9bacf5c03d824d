from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "hatecrime.cases"
    label = "cases"

    def ready(self) -> None:
        # Registers the periodic sweeps (first contact, Victims' Code clocks, updates due).
        from hatecrime.cases import jobs  # noqa: F401

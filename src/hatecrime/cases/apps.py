from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "hatecrime.cases"
    label = "cases"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the periodic sweeps (first contact, Victims' Code clocks, updates).
        from hatecrime.cases import jobs  # noqa: F401

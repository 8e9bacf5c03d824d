from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "hatecrime.reporting.drafts"
    label = "drafts"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the sweep of expired drafts and the key-rotation hook.
        from hatecrime.reporting.drafts import jobs  # noqa: F401

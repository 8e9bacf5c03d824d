from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "hatecrime.reporting.drafts"
    label = "drafts"

    def ready(self) -> None:
        # Registers the periodic sweep of expired drafts and the key-rotation hook.
        from hatecrime.reporting.drafts import jobs  # noqa: F401

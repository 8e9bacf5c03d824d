from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hatecrime.notifications"
    label = "notifications"

    def ready(self) -> None:
        from hatecrime.notifications import jobs  # noqa: F401  (registers the periodic job)

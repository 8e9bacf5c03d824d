from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hatecrime.notifications"
    label = "notifications"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the periodic job.
        from hatecrime.notifications import jobs  # noqa: F401

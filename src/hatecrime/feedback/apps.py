from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "hatecrime.feedback"
    label = "feedback"

    def ready(self) -> None:
        # imported here: jobs imports models, which exist only once the app registry is ready;
        # importing it registers the periodic sweep that sends the surveys.
        from hatecrime.feedback import jobs  # noqa: F401

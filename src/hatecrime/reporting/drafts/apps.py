from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "hatecrime.reporting.drafts"
    label = "drafts"

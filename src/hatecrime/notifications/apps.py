from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hatecrime.notifications"
    label = "notifications"

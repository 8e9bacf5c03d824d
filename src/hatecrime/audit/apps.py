from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "hatecrime.audit"
    label = "audit"

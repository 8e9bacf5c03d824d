from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "hatecrime.cases"
    label = "cases"

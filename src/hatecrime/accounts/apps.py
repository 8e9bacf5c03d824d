from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hatecrime.accounts"
    label = "accounts"

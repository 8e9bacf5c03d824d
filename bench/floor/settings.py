"""The floor's settings: hatecrime's own database settings (the same SQLite file and pragmas, or
the same PostgreSQL database), and nothing else."""

from hatecrime.settings.base import DATABASES, DEFAULT_AUTO_FIELD  # noqa: F401

SECRET_KEY = "bench-floor-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["floor"]
ROOT_URLCONF = "floor.urls"
MIDDLEWARE: list[str] = []
USE_TZ = True

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
# Every file the service makes (database, evidence, keys, logs) is its user's alone.
os.umask(0o077)

application = get_wsgi_application()

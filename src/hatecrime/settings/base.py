"""Settings for every environment. Values come from the environment (see README, Configuration).

With HATECRIME_ENV=production every secret must be given, or start-up fails loudly. Elsewhere
random development secrets are made once in var/ so that `make run` needs no configuration.
"""

import os
from pathlib import Path

from hatecrime.core import languages
from hatecrime.settings import database
from hatecrime.settings.env import (
    PRODUCTION,
    check_webauthn_origins,
    development_secrets,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    private_directory,
    webauthn_relying_party,
)
from hatecrime.settings.oidc import *  # noqa: F403
from hatecrime.settings.oidc import HATECRIME_OIDC_ENABLED
from hatecrime.settings.storage import FILESYSTEM as FILESYSTEM_EVIDENCE
from hatecrime.settings.storage import evidence_storage

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent.parent
# Data lives here; production must name both, outside the installed package (readable by the
# service's user only: core.apps makes them 0700 at start-up and the processes use umask 077).
VAR_DIR = private_directory("HATECRIME_VAR_DIR", PROJECT_DIR / "var", package_dir=BASE_DIR)

_dev = {} if PRODUCTION else development_secrets(VAR_DIR)

SECRET_KEY = env_str("SECRET_KEY", _dev.get("SECRET_KEY"), required_in_production=True)
# Personal data is encrypted with these keys, never with SECRET_KEY. A comma-separated list of
# key-id:base64-32-byte-key; the first encrypts, all decrypt (see `hatecrime rotate_keys`).
HATECRIME_ENCRYPTION_KEYS = env_str(
    "HATECRIME_ENCRYPTION_KEYS", _dev.get("HATECRIME_ENCRYPTION_KEYS"), required_in_production=True
)
# Keyed hashes used to find linked reports without decrypting (a blind index).
HATECRIME_BLIND_INDEX_KEY = env_str(
    "HATECRIME_BLIND_INDEX_KEY", _dev.get("HATECRIME_BLIND_INDEX_KEY"), required_in_production=True
)
# The audit chain's HMAC keys (docs/adr/0540): kept out of the database and apart from
# SECRET_KEY, so that someone who can write to the database cannot recompute the chain.
# key-id:base64-32-byte-key,...: the first signs new events, every listed key verifies.
HATECRIME_AUDIT_KEY = env_str(
    "HATECRIME_AUDIT_KEY", _dev.get("HATECRIME_AUDIT_KEY"), required_in_production=True
)
# Where the daily job appends the audit chain's head (outside the database, docs/adr/0540).
HATECRIME_AUDIT_HEAD_FILE = Path(
    env_str("HATECRIME_AUDIT_HEAD_FILE", str(VAR_DIR / "audit-heads.log"))
).resolve()

# The erasure ledger (reference and date of each disposal), outside the database so that its
# erasures are applied again after a restore from an older backup (docs/retention.md).
HATECRIME_ERASURE_LEDGER_FILE = Path(
    env_str("HATECRIME_ERASURE_LEDGER_FILE", str(VAR_DIR / "erasure-ledger.log"))
).resolve()

DEBUG = env_bool("HATECRIME_DEBUG", False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when HATECRIME_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("HATECRIME_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    "hatecrime.core",
    "hatecrime.accounts",
    "hatecrime.audit",
    "hatecrime.reporting",
    "hatecrime.reporting.drafts",
    "hatecrime.cases",
    "hatecrime.support",
    "hatecrime.dataprotection",
    "hatecrime.notifications",
    "hatecrime.monitoring",
    "hatecrime.feedback",
    "hatecrime.api",
]

MIDDLEWARE = [
    "hatecrime.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, which answers static files itself: they get the same headers as pages.
    "hatecrime.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hatecrime.core.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hatecrime.core.language_middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hatecrime.accounts.middleware.StaffSessionMiddleware",
    "hatecrime.accounts.middleware.StaffGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hatecrime.urls"
WSGI_APPLICATION = "hatecrime.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# Reporting centres hold an API token only: they never sign in to staff pages. The OpenID
# Connect backend only answers the provider's callback, when that sign-in is on (ADR 0503).
AUTHENTICATION_BACKENDS = [
    "hatecrime.accounts.backends.StaffBackend",
    *(["hatecrime.accounts.oidc.StaffOIDCBackend"] if HATECRIME_OIDC_ENABLED else []),
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "/staff/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hatecrime.core.context_processors.service",
                "hatecrime.core.context_processors.exit_url",
                "hatecrime.core.context_processors.language",
                "hatecrime.accounts.navigation.staff_navigation",
            ],
        },
    },
]

# SQLite by default (WAL, IMMEDIATE transactions, persistent connections); PostgreSQL 15+ when
# DATABASE_URL is set, with persistent connections, Django's pool or PgBouncer (database.py).
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database.postgresql(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "hatecrime.sqlite3"),
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # Each pragma's safety: docs/adr/0301-intake-performance.md. In short: WAL with
                # synchronous=NORMAL loses nothing on an application crash; a power loss or OS
                # crash can lose the last commits since the last checkpoint's fsync, never
                # corrupt the file. A checkpoint every 10000 pages (~40 MB of WAL) rather than
                # 1000; reporting.jobs checkpoints (TRUNCATE) every 10 minutes so the WAL cannot
                # grow without limit, and journal_size_limit trims it after each reset.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA cache_size=-20000; "
                    "PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=67108864; "
                    "PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public side's languages come from one registry (hatecrime/core/languages.py, ADR 0700).
LANGUAGE_CODE = languages.DEFAULT
LANGUAGES = languages.django_languages()
languages.register_lang_info()
LOCALE_PATHS = [BASE_DIR / "locale"]
# Languages the operator hides from the public (a code list, e.g. "cy,vi"); English never.
HATECRIME_HIDDEN_LANGUAGES = env_list("HATECRIME_HIDDEN_LANGUAGES", [])
# Unshipped languages shown anyway, for a translator checking their work on their own machine.
HATECRIME_PREVIEW_LANGUAGES = env_list("HATECRIME_PREVIEW_LANGUAGES", [])
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Built GOV.UK assets and our own scripts live in src/hatecrime/static (not in an app).
STATICFILES_DIRS = [BASE_DIR / "static"]
# Evidence is encrypted before it is stored, outside the web root, and never served by a URL
# of its own: a private folder (EVIDENCE_ROOT) by default, or an S3-compatible bucket
# (HATECRIME_EVIDENCE_STORAGE=s3 and HATECRIME_EVIDENCE_S3_*: settings/storage.py, ADR 0751).
EVIDENCE_STORAGE = evidence_storage(os.environ)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "evidence": EVIDENCE_STORAGE,
}
EVIDENCE_ROOT = private_directory(
    "HATECRIME_EVIDENCE_ROOT",
    VAR_DIR / "evidence",
    package_dir=BASE_DIR,
    required_in_production=EVIDENCE_STORAGE["BACKEND"] == FILESYSTEM_EVIDENCE,
)
MEDIA_ROOT = VAR_DIR / "media"
# The public open data file, made daily by the worker and served from here (ADR 0910).
OPEN_DATA_DIR = Path(env_str("HATECRIME_OPEN_DATA_DIR", str(VAR_DIR / "open-data")))

# Sessions: staff sessions end after 30 minutes idle and 12 hours at most (accounts app).
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_IDLE_TIMEOUT = env_int("HATECRIME_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("HATECRIME_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": Chromium sends `Origin: null` with no-referrer, which
# Django's CSRF check rejects; same-origin still sends nothing to other sites.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("HATECRIME_HSTS_SECONDS", 31536000)
    # Plain http is redirected to https, except the health checks a load balancer makes over
    # plain http on the private network.
    SECURE_SSL_REDIRECT = env_bool("HATECRIME_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# `check --deploy` gives no warning with production settings; the two silenced here are
# decisions for the force's web team, not this service: HSTS for every subdomain (W005) and the
# browsers' HSTS preload list (W021) bind the whole domain (e.g. a force's intranet hosts), so
# they are off by default and set with HATECRIME_HSTS_SUBDOMAINS / HATECRIME_HSTS_PRELOAD.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HATECRIME_HSTS_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("HATECRIME_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("HATECRIME_MAX_BODY_BYTES", 1_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Drafts of reports expire after this many hours and are deleted.
HATECRIME_DRAFT_TTL_HOURS = env_int("HATECRIME_DRAFT_TTL_HOURS", 72)
HATECRIME_EVIDENCE_MAX_FILES = env_int("HATECRIME_EVIDENCE_MAX_FILES", 10)
HATECRIME_EVIDENCE_MAX_BYTES = env_int("HATECRIME_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# Pixel budgets (checked from image headers before decoding) and the bounds of the decoding
# pool (docs/adr/0530-bounded-evidence-cleaning.md).
HATECRIME_EVIDENCE_MAX_PIXELS = env_int("HATECRIME_EVIDENCE_MAX_PIXELS", 24_000_000)
HATECRIME_EVIDENCE_REPORT_MAX_PIXELS = env_int("HATECRIME_EVIDENCE_REPORT_MAX_PIXELS", 100_000_000)
HATECRIME_EVIDENCE_DECODE_WORKERS = env_int("HATECRIME_EVIDENCE_DECODE_WORKERS", 1)
HATECRIME_EVIDENCE_DECODE_SECONDS = env_int("HATECRIME_EVIDENCE_DECODE_SECONDS", 10)
HATECRIME_EVIDENCE_DECODE_MEMORY_MB = env_int("HATECRIME_EVIDENCE_DECODE_MEMORY_MB", 1024)
HATECRIME_TRACK_ATTEMPTS_PER_HOUR = env_int("HATECRIME_TRACK_ATTEMPTS_PER_HOUR", 10)
# Past that many wrong codes against one reference, answers for it are slowed, up to this.
HATECRIME_TRACK_SLOWDOWN_MAX_SECONDS = env_int("HATECRIME_TRACK_SLOWDOWN_MAX_SECONDS", 2)
# Additions to a report from 'track my report' (information, evidence, "call me") per day.
HATECRIME_TRACKING_ADDITIONS_PER_DAY = env_int("HATECRIME_TRACKING_ADDITIONS_PER_DAY", 10)
HATECRIME_RESUME_ATTEMPTS_PER_HOUR = env_int("HATECRIME_RESUME_ATTEMPTS_PER_HOUR", 10)
# Reverse proxies in front of the service that append to X-Forwarded-For: 0 uses REMOTE_ADDR;
# n takes the n-th address from the right of X-Forwarded-For (rate limiting of tracking).
HATECRIME_TRUSTED_PROXY_COUNT = env_int("HATECRIME_TRUSTED_PROXY_COUNT", 0)
# Idempotency-Key answers (they hold the tracking code, encrypted) are kept this long.
HATECRIME_IDEMPOTENCY_KEEP_HOURS = env_int("HATECRIME_IDEMPOTENCY_KEEP_HOURS", 24)
# An in-flight claim older than this is taken over (its holder on another node died); one whose
# process on this host died is taken over at once (docs/adr/0302-idempotency.md).
HATECRIME_IDEMPOTENCY_LEASE_SECONDS = env_int("HATECRIME_IDEMPOTENCY_LEASE_SECONDS", 30)
# Public intake limits per client address (a keyed hash of it: ADR 0550), far above what one
# person sends: reports per hour (a report sent without the proof-of-work counts
# HATECRIME_INTAKE_UNSOLVED_WEIGHT times), draft saves (each answered page) and evidence files
# per hour. Reporting centres are limited per centre instead, per minute.
HATECRIME_INTAKE_REPORTS_PER_HOUR = env_int("HATECRIME_INTAKE_REPORTS_PER_HOUR", 20)
HATECRIME_INTAKE_DRAFT_SAVES_PER_HOUR = env_int("HATECRIME_INTAKE_DRAFT_SAVES_PER_HOUR", 300)
HATECRIME_INTAKE_EVIDENCE_PER_HOUR = env_int("HATECRIME_INTAKE_EVIDENCE_PER_HOUR", 100)
HATECRIME_INTAKE_UNSOLVED_WEIGHT = env_int("HATECRIME_INTAKE_UNSOLVED_WEIGHT", 5)
HATECRIME_CENTRE_REPORTS_PER_MINUTE = env_int("HATECRIME_CENTRE_REPORTS_PER_MINUTE", 600)
# The proof-of-work asked of anonymous senders (ADR 0551): the solver tries up to this many
# numbers (half on average), within this many minutes of the challenge.
HATECRIME_POW_MAX_NUMBER = env_int("HATECRIME_POW_MAX_NUMBER", 100_000)
HATECRIME_POW_MINUTES = env_int("HATECRIME_POW_MINUTES", 30)
# API tokens (ADR 0552): stored as digests, shown once, expiring after these; a staff token also
# ends after SESSION_IDLE_TIMEOUT without use, like a staff session.
HATECRIME_STAFF_TOKEN_HOURS = env_int("HATECRIME_STAFF_TOKEN_HOURS", 12)
HATECRIME_CENTRE_TOKEN_DAYS = env_int("HATECRIME_CENTRE_TOKEN_DAYS", 90)

# Notifications: GOV.UK Notify when a key is set, else SMTP when EMAIL_HOST is set, else console.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@hatecrime.invalid")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Every periodic job's period is multiplied by this (core.scheduler): 1 in service; a drill or
# a test of several workers makes the periods short (0.05 runs a one-minute job every 3 s).
HATECRIME_JOB_PERIOD_SCALE = env_float("HATECRIME_JOB_PERIOD_SCALE", 1.0)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["hatecrime.accounts.tokens.ApiTokenAuthentication"],
    # Staff only: a reporting centre's token reaches the public report API and nothing else.
    "DEFAULT_PERMISSION_CLASSES": ["hatecrime.api.v1.permissions.IsStaffMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["hatecrime.api.v1.parsing.JSONParser"],
    "EXCEPTION_HANDLER": "hatecrime.api.v1.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "hatecrime API",
    "DESCRIPTION": "Reports from reporting centres and partner systems; staff case work.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hatecrime.api.v1.schema.add_common_answers",
    ],
    # One name per code list in the schema, whichever field uses it.
    "ENUM_NAME_OVERRIDES": {
        "StatementStatusEnum": "hatecrime.cases.models.StatementStatus",
        "ContactMethodEnum": "hatecrime.cases.models.ContactMethod",
    },
}

# Logs: text for a developer, one JSON object per line with the request id in production
# (HATECRIME_LOG_FORMAT=json|text); never personal data (hatecrime.core.logs).
LOG_FORMAT = env_str("HATECRIME_LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"HATECRIME_LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "hatecrime.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "hatecrime.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("HATECRIME_LOG_LEVEL", "INFO")},
    # WeasyPrint logs each step of every PDF at INFO, and each CSS rule it ignores at WARNING.
    "loggers": {"django.request": {"level": "ERROR"}, "weasyprint": {"level": "ERROR"}},
}

# Where "Exit this page" goes: a neutral site (navigation only: the page itself makes no
# request to it).
# The force that runs the service, named at the end of every page title.
HATECRIME_FORCE_NAME = env_str("HATECRIME_FORCE_NAME", "Metropolitan Police")
HATECRIME_EXIT_URL = env_str("HATECRIME_EXIT_URL", "https://www.bbc.co.uk/weather")

# GOV.UK Notify templates: one email and one text message template whose body is
# "((subject))" and "((body))"; the service fills in a body that never holds special-category data.
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "")

# Staff sign-in: lock an account after this many failures in the window, for this long; lock an
# address (through HATECRIME_TRUSTED_PROXY_COUNT) after SIGN_IN_ADDRESS_MAX_FAILURES, which
# refuses only accounts that never signed in from there and slows the others by
# SIGN_IN_ADDRESS_LOCK_DELAY_SECONDS (ADR 0500). Accounts unused for ACCOUNT_IDLE_DAYS are
# disabled at their next sign-in.
SIGN_IN_MAX_FAILURES = env_int("HATECRIME_SIGN_IN_MAX_FAILURES", 5)
SIGN_IN_ADDRESS_MAX_FAILURES = env_int("HATECRIME_SIGN_IN_ADDRESS_MAX_FAILURES", 20)
SIGN_IN_ADDRESS_LOCK_DELAY_SECONDS = env_int("HATECRIME_SIGN_IN_ADDRESS_LOCK_DELAY_SECONDS", 2)
SIGN_IN_FAILURE_WINDOW_MINUTES = env_int("HATECRIME_SIGN_IN_FAILURE_WINDOW_MINUTES", 15)
SIGN_IN_LOCKOUT_MINUTES = env_int("HATECRIME_SIGN_IN_LOCKOUT_MINUTES", 30)
ACCOUNT_IDLE_DAYS = env_int("HATECRIME_ACCOUNT_IDLE_DAYS", 90)
# Staff second factor (django-otp, ADR 0501): the name shown in authenticator apps, and how
# recently it must have been given before exports, referrals and audit search (step-up).
OTP_TOTP_ISSUER = env_str("HATECRIME_OTP_ISSUER", "Hate crime CSU")
HATECRIME_STEP_UP_MINUTES = env_int("HATECRIME_STEP_UP_MINUTES", 15)
# Security keys and passkeys (django-otp-webauthn, ADR 0502): the relying party is the site's
# host, the origins the site's address (HATECRIME_SITE_URL; a loopback address becomes
# localhost, as browsers refuse an IP address). A key works only on the id it was made for:
# changing HATECRIME_WEBAUTHN_RP_ID later means every member sets up their keys again.
_rp_id, _origins = webauthn_relying_party(
    SITE_URL, bool(os.environ.get("HATECRIME_SITE_URL")), ALLOWED_HOSTS
)
HATECRIME_WEBAUTHN_RP_ID = env_str("HATECRIME_WEBAUTHN_RP_ID", _rp_id)
HATECRIME_WEBAUTHN_ORIGINS = env_list("HATECRIME_WEBAUTHN_ORIGINS", _origins)
check_webauthn_origins(HATECRIME_WEBAUTHN_RP_ID, HATECRIME_WEBAUTHN_ORIGINS)
OTP_WEBAUTHN_RP_ID = HATECRIME_WEBAUTHN_RP_ID
OTP_WEBAUTHN_ALLOWED_ORIGINS = HATECRIME_WEBAUTHN_ORIGINS
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
# A key is a second factor after the password, never a way in by itself.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Failed ceremonies are logged by our views as one line (a wrong key is not a server error).
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""

# Working days follow the bank holidays of this subdivision of the UK (ENG: England and Wales
# share them).
HATECRIME_WORKING_DAYS_SUBDIVISION = env_str("HATECRIME_WORKING_DAYS_SUBDIVISION", "ENG")
# The largest JSON body the report API accepts (evidence sent inline as base64 counts).
HATECRIME_API_MAX_BODY_BYTES = env_int("HATECRIME_API_MAX_BODY_BYTES", 1_000_000)
# Monitoring (ADR 0902): live series' last periods are corrected for reports not yet made
# (a nowcast); the default detection also alarms when the corrected count's 90% interval lies
# wholly above the threshold. `hatecrime detect --no-nowcast-alarms` turns it off for a run.
MONITORING_NOWCAST_ALARMS = env_bool("HATECRIME_NOWCAST_ALARMS", True)

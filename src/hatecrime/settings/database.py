"""The PostgreSQL connection settings (docs/adr/0770-several-nodes-and-pooling.md).

Three ways to hold connections, chosen by the environment:
- persistent connections (the default): each thread keeps its connection for 10 minutes;
- `HATECRIME_DB_POOL=true`: Django's psycopg pool, one per process, shared by its threads. Django
  refuses persistent connections with a pool, so CONN_MAX_AGE is 0 then;
- `HATECRIME_DB_PGBOUNCER=true`: DATABASE_URL names a PgBouncer in transaction mode, which
  cannot keep a server-side cursor between transactions, so Django must not open any.

Whichever is chosen, a connection attempt gives up after `HATECRIME_DB_CONNECT_TIMEOUT`
seconds, and a request waits at most `HATECRIME_DB_POOL_TIMEOUT` for a pooled connection: with
the database down, a page answers 503 "try again" at once instead of hanging until the proxy
gives up.
"""

from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from hatecrime.settings.env import env_bool, env_int

PERSISTENT_SECONDS = 600
RECONNECT_SECONDS = 10.0


def postgresql(url: str) -> dict[str, Any]:
    """DATABASES["default"] for DATABASE_URL `url` (PostgreSQL)."""
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=PERSISTENT_SECONDS, conn_health_checks=True)
    )
    options = config.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", env_int("HATECRIME_DB_CONNECT_TIMEOUT", 5))
    pooled = env_bool("HATECRIME_DB_POOL", False)
    behind_pgbouncer = env_bool("HATECRIME_DB_PGBOUNCER", False)
    if pooled and behind_pgbouncer:
        raise ImproperlyConfigured(
            "HATECRIME_DB_POOL and HATECRIME_DB_PGBOUNCER: choose one (PgBouncer is the pool)"
        )
    if pooled:
        config["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django refuses both
        options["pool"] = {
            "min_size": env_int("HATECRIME_DB_POOL_MIN", 1),
            "max_size": env_int("HATECRIME_DB_POOL_MAX", 4),
            "timeout": env_int("HATECRIME_DB_POOL_TIMEOUT", 3),
            # The pool tries a lost server again after 1, 2, 4, 8... seconds; once it gives up
            # the next request starts again at 1 s. Giving up after 10 s (not psycopg's 5
            # minutes) keeps the wait short: service came back 17 s after a 30-second outage
            # ended with the default, within seconds with this (docs/adr/0771).
            "reconnect_timeout": RECONNECT_SECONDS,
        }
    if behind_pgbouncer:
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    return config

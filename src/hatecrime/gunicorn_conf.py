"""gunicorn's settings for hatecrime, used by `make run`, bench/intake.py and production:

    gunicorn -c python:hatecrime.gunicorn_conf hatecrime.wsgi:application --bind ...

On SQLite one worker per core (at least 2) of one thread each; on PostgreSQL 3 workers of four
threads (docs/adr/0304-web-workers-and-threads.md):
a request here is CPU and database work, with no call to any other service, so threads in a
process only share one core's worth of Python (the GIL). On SQLite they also cost: each thread
has its own connection, whose page cache is thrown away whenever another connection has written,
and a thread holding the database's single write lock waits for the GIL behind its siblings.
On PostgreSQL a thread waiting for the server lets another run. Command-line options and the
environment override these (WEB_CONCURRENCY, WEB_THREADS).
"""

import gc
import os
from collections.abc import Mapping

_POSTGRES_SCHEMES = ("postgres://", "postgresql://", "pgsql://", "postgis://")


def on_postgresql(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return environ.get("DATABASE_URL", "").startswith(_POSTGRES_SCHEMES)


def default_threads(environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    return int(environ.get("WEB_THREADS") or (4 if on_postgresql(environ) else 1))


def default_workers(environ: Mapping[str, str] | None = None) -> int:
    """On SQLite one per core (at least 2): every other process's write also empties a
    process's page cache, so more processes than cores cost more than they give. On
    PostgreSQL 3, of 4 threads each."""
    environ = os.environ if environ is None else environ
    if environ.get("WEB_CONCURRENCY"):
        return int(environ["WEB_CONCURRENCY"])
    return 3 if on_postgresql(environ) else max(2, os.cpu_count() or 1)


# gthread even with one thread: it keeps idle keep-alive connections aside (a sync worker
# closes every connection after one request).
worker_class = "gthread"
workers = default_workers()
threads = default_threads()
graceful_timeout = 10


def post_worker_init(worker: object) -> None:
    """Once a worker has loaded the app, what it loaded (Django, the apps, the catalogues: about
    150,000 objects that live as long as the worker) is left out of the garbage collector's
    full collections, which otherwise walk all of it every few requests: about 100 ms each on a
    busy two-core machine, most of the staff queue's p95 at 5,000,000 reports (ADR 0790)."""
    gc.collect()
    gc.freeze()

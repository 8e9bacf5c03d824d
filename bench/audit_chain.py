"""Audit benchmark: events per second with N concurrent writers (threads, one connection each),
each event in its own transaction, as an audited action writes it.

On a fresh database: SQLite in a temporary var dir, or, with DATABASE_URL set to PostgreSQL, a
new database made on that server and dropped afterwards. `--work-ms` keeps each transaction
open that long after its event (the rest of an audited action: with the old global lock, held
until commit, nobody else could write an event meanwhile). Checks the chain afterwards.

    DATABASE_URL=postgres://... .venv/bin/python bench/audit_chain.py [--writers 8]
        [--seconds 5] [--work-ms 0]

Run it with PYTHONPATH pointing at an older checkout's src/ to measure that code (docs/adr/0540
has the figures before and after the keyed chain).
"""

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


@contextmanager
def fresh_database() -> Iterator[None]:
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as var_dir:
        os.environ["HATECRIME_VAR_DIR"] = var_dir
        if not url.startswith("postgres"):
            yield
            return
        import psycopg
        from psycopg.conninfo import make_conninfo

        name = f"hatecrime_bench_audit_{uuid.uuid4().hex[:8]}"
        server = make_conninfo(url, dbname="postgres")
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlsplit(url)._replace(path=f"/{name}").geturl()
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run(writers: int, seconds: float, work_ms: float) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections, transaction

    from hatecrime.audit import actions

    call_command("migrate", verbosity=0)
    counts = [0] * writers
    errors: list[BaseException] = []
    stop = time.monotonic() + seconds
    pause = (
        "SELECT pg_sleep(%s)" if connection.vendor == "postgresql" else None
    )  # on SQLite the writer lock is the database's own, held until commit either way

    def write(n: int) -> None:
        try:
            while time.monotonic() < stop:
                with transaction.atomic():
                    actions.record_event(
                        "consult", actor="bench", object_type="bench", object_id=f"{n}"
                    )
                    if work_ms:
                        if pause:
                            with connection.cursor() as cursor:
                                cursor.execute(pause, [work_ms / 1000])
                        else:
                            time.sleep(work_ms / 1000)
                counts[n] += 1
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    check = actions.verify_chain()
    problems = check if isinstance(check, list) else check.problems
    print(
        f"{connection.vendor}: {writers} writers, work {work_ms} ms: "
        f"{sum(counts) / elapsed:.0f} events/s ({sum(counts)} in {elapsed:.1f} s), "
        f"errors {len(errors)}, chain problems {len(problems)}"
    )
    for error in errors[:3]:
        print("  ", repr(error), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--work-ms", type=float, default=0)
    args = parser.parse_args()
    with fresh_database():
        run(args.writers, args.seconds, args.work_ms)


if __name__ == "__main__":
    main()

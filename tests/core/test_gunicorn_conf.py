"""The web server's settings: one thread per worker on SQLite, four on PostgreSQL (ADR 0304)."""

import gc
import subprocess
import sys

from hatecrime import gunicorn_conf


def test_sqlite_gets_one_thread_per_worker_and_postgresql_four():
    assert gunicorn_conf.default_threads({}) == 1
    assert gunicorn_conf.default_threads({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}) == 1
    for url in ("postgres://u@h/db", "postgresql://u@h/db", "pgsql://u@h/db"):
        assert gunicorn_conf.default_threads({"DATABASE_URL": url}) == 4, url


def test_sqlite_gets_a_worker_per_core_and_at_least_two(monkeypatch):
    monkeypatch.setattr(gunicorn_conf.os, "cpu_count", lambda: 8)
    assert gunicorn_conf.default_workers({}) == 8
    monkeypatch.setattr(gunicorn_conf.os, "cpu_count", lambda: 1)
    assert gunicorn_conf.default_workers({}) == 2
    monkeypatch.setattr(gunicorn_conf.os, "cpu_count", lambda: None)
    assert gunicorn_conf.default_workers({}) == 2
    assert gunicorn_conf.default_workers({"DATABASE_URL": "postgres://u@h/db"}) == 3


def test_the_environment_overrides_workers_and_threads():
    assert gunicorn_conf.default_workers({"WEB_CONCURRENCY": "5"}) == 5
    assert gunicorn_conf.default_threads({"WEB_THREADS": "8"}) == 8
    assert gunicorn_conf.default_threads({"WEB_THREADS": "2", "DATABASE_URL": "postgres://x"}) == 2


def test_gunicorn_reads_the_config_module():
    """What `make run` and production pass to gunicorn: `-c python:hatecrime.gunicorn_conf`."""
    code = (
        "import sys; from gunicorn.app.wsgiapp import WSGIApplication;"
        "sys.argv = ['gunicorn', '-c', 'python:hatecrime.gunicorn_conf', 'hatecrime.wsgi'];"
        "app = WSGIApplication(); print(app.cfg.workers, app.cfg.threads, app.cfg.worker_class_str)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "WEB_CONCURRENCY": "2"},
    ).stdout.split()
    assert out == ["2", "1", "gthread"]


def test_a_worker_leaves_what_it_loaded_out_of_full_garbage_collections():
    gc.unfreeze()
    try:
        gunicorn_conf.post_worker_init(object())
        assert gc.get_freeze_count() > 10_000  # Django and the apps, loaded for the tests
    finally:
        gc.unfreeze()

"""The service's processes, started as production starts them: gunicorn with
`hatecrime.gunicorn_conf`, and `hatecrime run_worker`."""

import base64
import contextlib
import functools
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(port: int, path: str = "/healthz", timeout: float = 10) -> int | None:
    """The status of GET `path`, or None when nothing answers."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        return status
    except (OSError, http.client.HTTPException):
        return None


def wait_until_up(port: int, timeout: float = 60, path: str = "/healthz") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers(port, path) == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered 200 on port {port} within {timeout} s")


KEY_NAMES = (
    "SECRET_KEY",
    "HATECRIME_ENCRYPTION_KEYS",
    "HATECRIME_BLIND_INDEX_KEY",
    "HATECRIME_AUDIT_KEY",
)


def _random_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


@functools.cache
def shared_keys() -> dict[str, str]:
    """The keys every node must share: this process's (the test suite's), else new random ones
    for this run."""
    if all(os.environ.get(name) for name in KEY_NAMES):
        return {name: os.environ[name] for name in KEY_NAMES}
    return {
        "SECRET_KEY": _random_key(),
        "HATECRIME_ENCRYPTION_KEYS": f"bench1:{_random_key()}",
        "HATECRIME_BLIND_INDEX_KEY": _random_key(),
        "HATECRIME_AUDIT_KEY": f"bench-audit1:{_random_key()}",
    }


def service_env(database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of every node: one database, the same keys, its own var dir (evidence
    would be in object storage on real nodes)."""
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("HATECRIME_") and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    return {
        **inherited,
        **shared_keys(),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "hatecrime.settings.base",
        "PYTHONPATH": str(ROOT / "src"),
        "HATECRIME_VAR_DIR": str(var_dir),
        "HATECRIME_EVIDENCE_ROOT": str(var_dir / "evidence"),
        "HATECRIME_LOG_LEVEL": "WARNING",
        **extra,
    }


def gunicorn(
    env: dict[str, str],
    port: int,
    *,
    workers: int | None = None,
    threads: int | None = None,
    log: IO[Any] | None = None,
) -> subprocess.Popen[bytes]:
    """gunicorn as production runs it (workers and threads from hatecrime.gunicorn_conf unless
    given)."""
    sizes = [f"--workers={workers}"] if workers else []
    sizes += [f"--threads={threads}"] if threads else []
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--config=python:hatecrime.gunicorn_conf",
            "hatecrime.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            *sizes,
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped with all its workers
    )


def run_worker(
    env: dict[str, str], *, tick: float = 30.0, log: IO[Any] | None = None
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / "hatecrime"), "run_worker", f"--tick={tick}"],
        env=env,
        cwd=ROOT,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
        start_new_session=True,
    )


def children(pid: int) -> list[int]:
    """The processes `pid` started (gunicorn's workers), from /proc."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(child) for child in path.read_text().split()]
    except OSError:
        return []


def stop(process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """Stop a process we started and everything in its process group (gunicorn's workers,
    orphaned ones too)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # workers that outlived their master
    process.wait(timeout=timeout)

"""`make run` restarts cleanly after any of its processes is killed (issue 14, item 6).

scripts/run.sh is run with stand-ins for gunicorn and the hatecrime command (HATECRIME_RUN_BIN),
so what is tested is the script's own care of its processes, in seconds: the stand-in web
server holds the port as gunicorn does, the stand-in worker runs until stopped.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE_GUNICORN = """#!/usr/bin/env python3
import signal, socket, sys, time
bind = sys.argv[sys.argv.index("--bind") + 1]
host, port = bind.rsplit(":", 1)
server = socket.socket()
server.bind((host, int(port)))  # fails, as gunicorn does, while the port is held
server.listen()
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
while True:
    time.sleep(0.1)
"""

FAKE_HATECRIME = """#!/usr/bin/env bash
case "$1" in
  run_worker) trap 'exit 0' TERM; while true; do sleep 0.1; done ;;
  demo) echo "stand-in" ;;
  *) exit 0 ;;
esac
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_taken(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float = 20.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def run_env(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("gunicorn", FAKE_GUNICORN), ("hatecrime", FAKE_HATECRIME)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    port = free_port()
    env = {
        **os.environ,
        "HATECRIME_RUN_BIN": str(bin_dir),
        "HATECRIME_VAR_DIR": str(tmp_path / "var"),
        "PORT": str(port),
    }
    started: list[subprocess.Popen[bytes]] = []

    def start() -> tuple[subprocess.Popen[bytes], int, int]:
        script = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "run.sh")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(script)
        pids = tmp_path / "var" / "run.pids"
        before = pids.read_text() if pids.exists() else ""  # a killed run's, until replaced
        assert wait_for(
            lambda: (
                pids.exists() and pids.read_text() != before and len(pids.read_text().split()) == 2
            )
        )
        assert wait_for(lambda: port_taken(port))
        web, worker = (int(p) for p in pids.read_text().split())
        return script, web, worker

    yield start, port, tmp_path
    for script in started:  # whatever a failed test left
        with contextlib.suppress(ProcessLookupError):
            os.killpg(script.pid, signal.SIGKILL)


def test_a_second_make_run_stops_what_a_killed_one_left_and_serves(run_env):
    start, port, _ = run_env
    script, web, worker = start()
    script.send_signal(signal.SIGKILL)  # the script itself, killed outright
    script.wait()
    assert alive(web) and alive(worker)  # left behind, holding the port
    again, web2, worker2 = start()
    assert not alive(web) and not alive(worker)
    assert alive(web2) and alive(worker2) and port_taken(port)
    again.send_signal(signal.SIGINT)  # Ctrl-C stops both
    assert again.wait(timeout=20) == 0
    assert wait_for(lambda: not alive(web2) and not alive(worker2))


@pytest.mark.parametrize("killed", ["web", "worker"])
def test_when_the_web_server_or_the_worker_is_killed_make_run_stops_the_other(run_env, killed):
    start, port, tmp_path = run_env
    script, web, worker = start()
    time.sleep(1.5)  # the script is waiting on both
    os.kill(web if killed == "web" else worker, signal.SIGKILL)
    assert script.wait(timeout=20) == 0
    assert not alive(web) and not alive(worker)
    assert not (tmp_path / "var" / "run.pids").exists()
    assert wait_for(lambda: not port_taken(port))
    _, web2, worker2 = start()  # and it comes back
    assert alive(web2) and alive(worker2)


def test_the_web_server_killed_before_the_script_waits_is_still_noticed(run_env):
    """`wait -n` forgets a process that ended before it was called; the script must not."""
    start, _, _ = run_env
    script, web, worker = start()
    os.kill(web, signal.SIGKILL)  # at once, while the script may still print its banner
    assert script.wait(timeout=20) == 0
    assert not alive(worker)

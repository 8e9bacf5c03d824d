"""Which process holds something (an idempotency claim, a running task), and whether it died.

A holder is named `host:pid`. One on this host is judged at once (is the pid running?); one on
another node by what that node last said: its worker's heartbeat, or a lease.
"""

import os
import socket


def this_process() -> str:
    """`host:pid` of the calling process (at most 64 characters: django-tasks' worker ids)."""
    return f"{socket.gethostname()[:56]}:{os.getpid()}"


def is_local_process(holder: str) -> bool:
    """The holder is named `host:pid` with this host: whether it runs can be asked here."""
    host, _, pid = holder.rpartition(":")
    return host == this_process().rpartition(":")[0] and pid.isdigit()


def process_is_gone(holder: str) -> bool:
    """The holder ran on this host and is not running now. A holder on another host, or one
    not named `host:pid`, is never judged gone here."""
    if not is_local_process(holder):
        return False
    try:
        os.kill(int(holder.rpartition(":")[2]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # running, under another user
        return False
    return False

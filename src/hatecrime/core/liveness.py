"""Which process holds something (an idempotency claim, a running task), and whether it died.

A holder is named `host:pid`. One on this host is judged at once (is the pid running?); one on
another node by what that node last said: its worker's heartbeat, or a lease.
"""

import os
import socket


def this_process() -> str:
    """`host:pid` of the calling process (at most 64 characters: django-tasks' worker ids)."""
    return f"{socket.gethostname()[:56]}:{os.getpid()}"


def process_is_gone(holder: str) -> bool:
    """The holder ran on this host and is not running now. A holder on another host, or one
    not named `host:pid`, is never judged gone here."""
    host, _, pid = holder.rpartition(":")
    if host != this_process().rpartition(":")[0] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # running, under another user
        return False
    return False


def on_this_host(holder: str) -> bool:
    return holder.rpartition(":")[0] == this_process().rpartition(":")[0]

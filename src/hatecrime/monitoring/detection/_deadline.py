"""A time limit for fits: loops call :func:`check`, which raises once the limit has passed.

Set with ``with time_limit(seconds): ...`` around a fit (the monitoring layer does, per series).
The loops that can run long (IRLS iterations, GLR-NB change points, Fisher scoring) call
:func:`check` every step, so a fit stops within one step of its limit with a clear error
instead of hanging. Outside a ``time_limit`` block, :func:`check` does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("detection_deadline", default=None)


class FitTimeout(ValueError):
    """A fit ran past its time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Fits inside this block raise :class:`FitTimeout` after ``seconds`` (None: no limit)."""
    if seconds is None:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise :class:`FitTimeout` if the current time limit has passed."""
    limit = _DEADLINE.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise FitTimeout(
            f"the fit took longer than its time limit of {limit[1]:g} seconds and was stopped"
        )

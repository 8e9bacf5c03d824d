"""Demo data for `hatecrime demo`: each app adds its part with `demo_step(order)`."""

from collections.abc import Callable
from typing import Any

DEMO_PASSWORD = "demo-password-2026"

STEPS: list[tuple[int, str, Callable[..., Any]]] = []


def demo_step(order: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        STEPS.append((order, f"{function.__module__}.{function.__name__}", function))
        return function

    return register

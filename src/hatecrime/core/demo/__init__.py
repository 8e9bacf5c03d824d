"""Demo data for `hatecrime demo`: each app adds its part with `demo_step(order)`."""

from collections.abc import Callable
from typing import Any

DEMO_PASSWORD = "demo-password-2026"
# Every demo account's authenticator app holds this secret (base32, as apps take it): add it to
# an app, or run `hatecrime totp USERNAME` for the current code. Never used outside the demo.
DEMO_TOTP_SECRET = "DEMODEMODEMODEMODEMODEMODEMODEMO"

STEPS: list[tuple[int, str, Callable[..., Any]]] = []


def demo_step(order: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        STEPS.append((order, f"{function.__module__}.{function.__name__}", function))
        return function

    return register

"""Read settings from the environment, failing loudly when production needs a value."""

import base64
import fcntl
import json
import os
import secrets
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

PRODUCTION = os.environ.get("HATECRIME_ENV", "development") == "production"


def env_str(name: str, default: str | None = None, *, required_in_production: bool = False) -> str:
    value = os.environ.get(name)
    if value:
        return value
    if PRODUCTION and required_in_production:
        raise ImproperlyConfigured(f"{name} must be set when HATECRIME_ENV=production")
    if default is None:
        raise ImproperlyConfigured(f"{name} must be set")
    return default


N = TypeVar("N", int, float)


def env_int(name: str, default: int) -> int:
    return _env_number(name, default, int, "a whole number")


def env_float(name: str, default: float) -> float:
    return _env_number(name, default, float, "a number")


def _env_number(name: str, default: N, parse: type[N], what: str) -> N:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return parse(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be {what}, not {raw!r}") from error


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def all_or_none(feature: str, names: list[str]) -> bool:
    """True when every one of these variables is set, False when none is; some but not all
    is a half-done configuration, which fails start-up naming the missing ones."""
    given = [name for name in names if os.environ.get(name)]
    if given and len(given) < len(names):
        missing = ", ".join(name for name in names if name not in given)
        raise ImproperlyConfigured(
            f"{feature} is half configured: set {missing} too, or unset {', '.join(given)}"
        )
    return bool(given)


def private_directory(
    name: str, default: Path, *, package_dir: Path, required_in_production: bool = True
) -> Path:
    """A directory for data (the database, evidence, keys): from the environment, which
    production must give, and never inside the installed package, where an upgrade would
    replace it and the package's file modes would let other users read it."""
    path = Path(env_str(name, str(default), required_in_production=required_in_production))
    path = path.resolve()
    if PRODUCTION and path.is_relative_to(package_dir.resolve()):
        raise ImproperlyConfigured(
            f"{name} must be outside the installed package ({package_dir}), not {path}"
        )
    return path


def development_secrets(var_dir: Path) -> dict[str, str]:
    """Secrets for a developer's machine, made once and kept in var/ (never in production).

    A newcomer's `make run` must work without configuration, but the keys must still be
    random and stable across restarts, or the encrypted demo data could not be read back.
    """
    path = var_dir / "development-secrets.json"
    makers = {
        "SECRET_KEY": lambda: secrets.token_urlsafe(50),
        "HATECRIME_ENCRYPTION_KEYS": lambda: "dev1:" + _random_key(),
        "HATECRIME_BLIND_INDEX_KEY": _random_key,
        "HATECRIME_AUDIT_KEY": lambda: "audit-dev1:" + _random_key(),
    }
    data: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    if all(name in data for name in makers):
        return data
    var_dir.mkdir(parents=True, exist_ok=True)
    # Several processes may start at once on a fresh var/ (make run's web and worker, the
    # several-node test): one lock so they all end up with the same keys, never two sets.
    with open(var_dir / "development-secrets.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(path.read_text()) if path.exists() else {}
        if all(name in data for name in makers):
            return data
        # A key added to the project after this file was made is added to it, keeping the others.
        for name, make in makers.items():
            data.setdefault(name, make())
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(data, handle)
        partial.replace(path)
    return data


def _random_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


LOOPBACK_ADDRESSES = {"127.0.0.1", "::1"}


def webauthn_relying_party(
    site_url: str, site_url_given: bool, allowed_hosts: list[str]
) -> tuple[str, list[str]]:
    """The default relying party id and origins of security keys (ADR 0502): the site's own
    host and origin. Browsers take no IP address as a relying party, so a loopback address
    becomes `localhost`; in production without HATECRIME_SITE_URL, the first of ALLOWED_HOSTS
    over https."""
    site = urlsplit(site_url)
    if PRODUCTION and not site_url_given and allowed_hosts:
        host = allowed_hosts[0].lstrip(".")
        return host, [f"https://{host}"]
    host = site.hostname or "localhost"
    host = "localhost" if host in LOOPBACK_ADDRESSES else host
    port = f":{site.port}" if site.port else ""
    return host, [f"{site.scheme}://{host}{port}"]


def check_webauthn_origins(rp_id: str, origins: list[str]) -> None:
    """Every origin must be the relying party's host or a subdomain of it (browsers refuse the
    others), and be https in production: fail at start-up, not at a member's first key."""
    for origin in origins:
        parts = urlsplit(origin)
        host = parts.hostname or ""
        if host != rp_id and not host.endswith(f".{rp_id}"):
            raise ImproperlyConfigured(
                f"HATECRIME_WEBAUTHN_ORIGINS: {origin} is not on HATECRIME_WEBAUTHN_RP_ID {rp_id}"
            )
        if PRODUCTION and parts.scheme != "https":
            raise ImproperlyConfigured(f"HATECRIME_WEBAUTHN_ORIGINS: {origin} must be https")

"""The client's address, read the one way the whole service reads it."""

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.conf import settings


def client_address(meta: Mapping[str, Any]) -> str:
    """The client's IP address for rate limits and lockouts (a request's META).

    With HATECRIME_TRUSTED_PROXY_COUNT = 0, REMOTE_ADDR. Behind n trusted proxies that each
    append the address they saw to X-Forwarded-For, the n-th address from the right: the one
    the outermost trusted proxy saw (anything left of it may be made up by the client). With
    fewer addresses than proxies, or something that is not an address, REMOTE_ADDR.
    """
    remote = str(meta.get("REMOTE_ADDR", ""))
    count = int(settings.HATECRIME_TRUSTED_PROXY_COUNT)
    if count <= 0:
        return remote
    hops = [part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote

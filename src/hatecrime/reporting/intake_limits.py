"""How much one client may send to the public intake (docs/adr/0550-public-intake-limits.md).

A client is an anonymous caller's address, as a keyed hash (the proxy-aware address from
`core.network.client_address`; the address itself is never stored), or an account holding an
API token (a reporting centre, or staff), limited per account and never per address. Each
kind of sending has a budget per fixed window, counted in the database so that every web node
shares it: reports (page or API), draft saves (every answered page, save and come back later)
and evidence files. The defaults are far above what one person sends.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from hatecrime.core.crypto import blind_index
from hatecrime.reporting.models import IntakeCounter

ADDRESS_PURPOSE = "intake-client"
REPORTS, DRAFTS, EVIDENCE = "reports", "drafts", "evidence"
# Windows are pruned once the longest one is this far behind.
KEEP_COUNTERS = timedelta(days=1)


class IntakeLimited(Exception):
    """The client has used its budget for this window: try again after `retry_after` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


@dataclass(frozen=True)
class IntakeClient:
    key: str
    is_account: bool


def intake_client(*, address: str, account: Any | None = None) -> IntakeClient:
    """The client whose budget a request spends: the account of an API token, else the keyed
    hash of the address."""
    if account is not None and getattr(account, "is_authenticated", False):
        return IntakeClient(key=f"account:{account.pk}", is_account=True)
    hashed = blind_index(address or "unknown", purpose=ADDRESS_PURPOSE)
    return IntakeClient(key=f"address:{hashed}", is_account=False)


def _budget(what: str, client: IntakeClient) -> tuple[int, timedelta]:
    if client.is_account:
        # Centres send for many people: per minute, and only reports come through the API.
        return int(settings.HATECRIME_CENTRE_REPORTS_PER_MINUTE), timedelta(minutes=1)
    per_hour = {
        REPORTS: settings.HATECRIME_INTAKE_REPORTS_PER_HOUR,
        DRAFTS: settings.HATECRIME_INTAKE_DRAFT_SAVES_PER_HOUR,
        EVIDENCE: settings.HATECRIME_INTAKE_EVIDENCE_PER_HOUR,
    }[what]
    return int(per_hour), timedelta(hours=1)


def _window_start(now: datetime, window: timedelta) -> datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def count_intake(what: str, client: IntakeClient, *, weight: int = 1) -> None:
    """Spend `weight` of the client's budget for `what`, or raise IntakeLimited (nothing is
    spent then, so a refused request does not lengthen the wait)."""
    limit, window = _budget(what, client)
    now = timezone.now()
    start = _window_start(now, window)
    if not _take(f"{what}:{client.key}", start, weight, limit):
        raise IntakeLimited(retry_after=max(1, math.ceil((start + window - now).total_seconds())))


def _take(key: str, start: datetime, weight: int, limit: int) -> bool:
    """One conditional UPDATE (the row lock makes concurrent requests on any node add up);
    the window's first request INSERTs, and a lost race to INSERT falls back to the UPDATE."""
    counters = IntakeCounter.objects.filter(key=key, window_start=start)
    room = counters.filter(count__lte=limit - weight)
    if room.update(count=F("count") + weight):
        return True
    if weight > limit:
        return False
    if counters.exists():
        # Full, or made by another request since our UPDATE looked (the window's first
        # requests race): the conditional UPDATE again tells which.
        return bool(room.update(count=F("count") + weight))
    try:
        with transaction.atomic():
            IntakeCounter.objects.create(key=key, window_start=start, count=weight)
        return True
    except IntegrityError:
        return bool(room.update(count=F("count") + weight))


def prune_intake_counters() -> int:
    deleted, _ = IntakeCounter.objects.filter(
        window_start__lt=timezone.now() - KEEP_COUNTERS
    ).delete()
    return deleted

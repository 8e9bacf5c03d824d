"""The audit's periodic job: once a day the chain's head (last sequence number, its HMAC and
the number of events up to it) is appended to HATECRIME_AUDIT_HEAD_FILE, outside the database,
so that `hatecrime verify_audit --against FILE` detects a truncated, restored or rewritten
audit (docs/adr/0540)."""

import datetime as dt
import logging

from django_tasks import task

from hatecrime.audit.actions import export_head
from hatecrime.core.scheduler import periodic

log = logging.getLogger(__name__)


@periodic("audit.export_head", every=dt.timedelta(days=1))
@task()
def export_head_job() -> str | None:
    line = export_head()
    log.info("audit head exported: %s", line)
    return line

"""The erasure ledger's periodic job: every hour, any disposal the ledger lists but the
database has undone (a restore from an older backup) is applied again, so personal data a
restore brought back is gone within the hour even if nobody ran `reapply_erasures`."""

import datetime as dt
import logging

from django_tasks import task

from hatecrime.core.scheduler import periodic
from hatecrime.dataprotection.actions import reapply_erasures

log = logging.getLogger(__name__)


@periodic("dataprotection.reapply_erasures", every=dt.timedelta(hours=1))
@task()
def reapply_erasures_job() -> list[str]:
    erased = reapply_erasures()
    if erased:
        log.warning("erasure ledger re-applied after a restore: %d cases", len(erased))
    return erased

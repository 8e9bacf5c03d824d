"""Periodic sweep: drafts past their expiry are deleted with their files; wrong resume codes
kept for rate limiting are forgotten after a day."""

import logging
from datetime import timedelta

from django_tasks import task

from hatecrime.core.crypto import register_rotation_hook
from hatecrime.core.scheduler import periodic
from hatecrime.reporting.drafts.actions import (
    delete_expired_drafts,
    prune_resume_attempts,
    reencrypt_draft_evidence,
)

log = logging.getLogger(__name__)


@periodic("drafts.delete_expired", every=timedelta(minutes=15))
@task()
def delete_expired_drafts_job() -> int:
    count = delete_expired_drafts()
    pruned = prune_resume_attempts()
    log.info("deleted %d expired drafts and %d old resume attempts", count, pruned)
    return count


register_rotation_hook(reencrypt_draft_evidence)

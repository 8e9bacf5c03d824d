"""The sweep that sends the feedback surveys: at closure and three months after (docs/adr/0822).
It loads nothing itself: `invitations.invite_due` does the work, and is idempotent."""

from datetime import timedelta

from django_tasks import task

from hatecrime.core.scheduler import periodic
from hatecrime.feedback.invitations import invite_due


@periodic("feedback.survey_invitations", every=timedelta(hours=1))
@task()
def survey_invitations_job() -> dict[str, int]:
    return invite_due()

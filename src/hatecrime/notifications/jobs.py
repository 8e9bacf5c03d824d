"""The worker's sweep that sends messages held until a safe time (see gateway.send_message)."""

from datetime import timedelta

from django_tasks import task

from hatecrime.core.scheduler import periodic
from hatecrime.notifications.gateway import send_due_messages


@periodic("notifications.due_messages", every=timedelta(minutes=1))
@task()
def due_messages_job() -> dict[str, int]:
    return {"sent": send_due_messages()}

"""Periodic sweeps run by the worker. Each loads nothing itself and calls a service; all are
idempotent (see cases.reminders)."""

import logging
from datetime import timedelta

from django_tasks import task

from hatecrime.cases import reminders, risk
from hatecrime.core.scheduler import periodic

log = logging.getLogger(__name__)


@periodic("cases.first_contact", every=timedelta(minutes=5))
@task()
def first_contact_job() -> dict[str, int]:
    result = {
        "reminded": reminders.remind_officers(
            events=reminders.FIRST_CONTACT,
            lead=timedelta(hours=4),
            template="officer_first_contact_due",
        ),
        "escalated": reminders.escalate_overdue(
            events=reminders.FIRST_CONTACT, template="supervisor_first_contact_overdue"
        ),
    }
    log.info("first contact sweep: %s", result)
    return result


@periodic("cases.victims_code_clocks", every=timedelta(minutes=15))
@task()
def victims_code_clocks_job() -> dict[str, int]:
    return {
        "reminded": reminders.remind_officers(
            events=reminders.VICTIMS_CODE, lead=timedelta(hours=24), template="officer_clock_due"
        ),
        "escalated": reminders.escalate_overdue(
            events=reminders.VICTIMS_CODE, template="supervisor_clock_overdue"
        ),
    }


@periodic("cases.updates_due", every=timedelta(hours=1))
@task()
def updates_due_job() -> dict[str, int]:
    return {
        "reminded": reminders.remind_officers(
            events=reminders.UPDATES, lead=timedelta(days=2), template="officer_update_due"
        )
    }


@periodic("cases.reassurance_overdue", every=timedelta(minutes=15))
@task()
def reassurance_overdue_job() -> dict[str, int]:
    """An overdue reassurance contact goes to the area's supervisors (never the investigating
    officer, who must not make it)."""
    return {
        "escalated": reminders.escalate_overdue(
            events=reminders.REASSURANCE, template="supervisor_clock_overdue"
        )
    }


@periodic("cases.withdrawal_risk", every=timedelta(days=1))
@task()
def withdrawal_risk_job() -> dict[str, int]:
    """Time alone raises some signals (days without contact): score every open case daily."""
    result = risk.refresh_open_cases()
    log.info("withdrawal risk sweep: %s", result)
    return result

"""Administrators change the withdrawal-risk rules and thresholds: audited with what changed,
and the daily sweep is brought forward so that every open case is scored again at once."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions.base import CaseActionError
from hatecrime.cases.models import WithdrawalRiskRule, WithdrawalRiskThreshold
from hatecrime.core.models import ScheduledJob

RISK_SWEEP = "cases.withdrawal_risk"


def _changes(obj: Any, fields: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"from": getattr(obj, name), "to": value}
        for name, value in fields.items()
        if getattr(obj, name) != value
    }


def _apply(obj: Any, changes: dict[str, dict[str, Any]], *, actor: User, kind: str) -> None:
    if not changes:
        return
    for name, change in changes.items():
        setattr(obj, name, change["to"])
    obj.save(update_fields=list(changes))
    record_event(
        "alter",
        actor=actor,
        object_type=kind,
        object_id=str(obj.level if kind == "withdrawal_risk_threshold" else obj.signal),
        fields=sorted(changes),
        detail=changes,
    )
    # Score every open case under the new rules at the worker's next tick.
    ScheduledJob.objects.filter(name=RISK_SWEEP).update(next_run_at=timezone.now())


@transaction.atomic
def do_update_risk_rule(
    *, actor: User, rule: WithdrawalRiskRule, weight: int, parameter: int, enabled: bool
) -> WithdrawalRiskRule:
    errors: dict[str, list[str]] = {}
    if not 0 <= weight <= 20:
        errors["weight"] = ["Enter a weight between 0 and 20"]
    if not 0 <= parameter <= 365 * 24:
        errors["parameter"] = ["Enter a number between 0 and 8760"]
    if errors:
        raise CaseActionError(errors)
    changes = _changes(rule, {"weight": weight, "parameter": parameter, "enabled": enabled})
    _apply(rule, changes, actor=actor, kind="withdrawal_risk_rule")
    return rule


@transaction.atomic
def do_update_risk_threshold(
    *, actor: User, threshold: WithdrawalRiskThreshold, min_score: int
) -> WithdrawalRiskThreshold:
    if not 1 <= min_score <= 100:
        raise CaseActionError({"min_score": ["Enter a score between 1 and 100"]})
    others = WithdrawalRiskThreshold.objects.exclude(pk=threshold.pk)
    if threshold.level == "high" and others.filter(level="raised", min_score__gt=min_score):
        raise CaseActionError(
            {"min_score": ["The score for high must be at least the score for raised"]}
        )
    if threshold.level == "raised" and others.filter(level="high", min_score__lt=min_score):
        raise CaseActionError(
            {"min_score": ["The score for raised must be at most the score for high"]}
        )
    changes = _changes(threshold, {"min_score": min_score})
    _apply(threshold, changes, actor=actor, kind="withdrawal_risk_threshold")
    return threshold

"""Cases whose victim may not be contacted: their running clocks that measure telling or
reaching the victim (cases.models.VICTIM_CONTACT_EVENTS, as on 2026-12-07) stop as "not
applicable", as new ones now start."""

from importlib import import_module
from typing import Any

from django.db import migrations
from django.utils import timezone

# The rule as migration 0011 froze it (one copy for the migrations, not a second one).
_can_be_contacted = import_module(
    "hatecrime.cases.migrations.0011_first_contact_only_when_contactable"
)._can_be_contacted
EVENTS = ["key_decision", "update_given", "needs_assessed", "decision_not_to_charge"]


def stop_victim_contact_clocks(apps: Any, schema_editor: Any) -> None:
    Case = apps.get_model("cases", "Case")
    Clock = apps.get_model("cases", "Clock")
    now = timezone.now()
    running = Clock.objects.filter(stopped_at__isnull=True, rule__starts_on__in=EVENTS)
    case_ids = set(running.values_list("case_id", flat=True))
    for case in Case.objects.filter(pk__in=case_ids).select_related("report").iterator():
        submitted = case.report.submitted or {}
        answers = submitted.get("cleaned") if isinstance(submitted, dict) else None
        if _can_be_contacted(answers if isinstance(answers, dict) else {}, case.report.anonymous):
            continue
        running.filter(case=case).update(stopped_at=now, stop_reason="victim_not_contactable")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_case_moves"),
    ]

    operations = [
        migrations.RunPython(stop_victim_contact_clocks, migrations.RunPython.noop),
    ]

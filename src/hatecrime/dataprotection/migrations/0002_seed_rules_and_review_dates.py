"""Seed the retention rules (docs/retention.md) and give every case already closed its first
review date, as closing it now would (`dataprotection.actions.schedule_review`)."""

from typing import Any

from django.db import migrations
from django.utils import timezone

from hatecrime.dataprotection.actions import add_months

RULES = [
    (
        "crime",
        "review",
        72,
        "MoPI / APP information management: crime records are normally held at least 6 years, "
        "then reviewed. Serious violent and sexual offences are reviewed after a 10-year clear "
        "period: retain such a case at its review with a date 10 years on.",
    ),
    (
        "nchi",
        "review",
        12,
        "NCHI Code of Practice (in force 3 June 2023): personal data in an NCHI record is kept "
        "no longer than needed and reviewed sooner than a crime record. 1 year is this "
        "service's starting period: set your force's.",
    ),
    (
        "not_recorded",
        "review",
        12,
        "Reports not recorded (no crime, or failing the NCHI Code's tests): little policing "
        "purpose in keeping the personal data; reviewed after 1 year.",
    ),
    (
        "anonymous_intelligence",
        "review",
        12,
        "Anonymous reports not recorded as a crime or an NCHI are kept as intelligence and "
        "reviewed after 1 year (APP information management: review intelligence regularly).",
    ),
    (
        "draft",
        "automatic",
        None,
        "Unsent drafts of a report are deleted with their files HATECRIME_DRAFT_TTL_HOURS "
        "(default 72) after their last change, by the drafts.delete_expired sweep every 15 "
        "minutes; 'Exit this page' deletes an unsaved draft at once (ADR 0430).",
    ),
    (
        "evidence",
        "with_case",
        None,
        "Evidence files are kept while their case is kept, and deleted (files and rows) when "
        "the case is disposed of.",
    ),
    (
        "audit",
        "kept",
        None,
        "Audit events are kept for the life of the service and never deleted (ADR 0540): they "
        "hold no personal data in the clear, and a disposal adds an erase event.",
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    RetentionRule = apps.get_model("dataprotection", "RetentionRule")
    CaseRetention = apps.get_model("dataprotection", "CaseRetention")
    Case = apps.get_model("cases", "Case")
    months = {}
    for kind, handling, review_after_months, basis in RULES:
        RetentionRule.objects.update_or_create(
            kind=kind,
            defaults={
                "handling": handling,
                "review_after_months": review_after_months,
                "basis": basis,
            },
        )
        months[kind] = review_after_months
    closed = Case.objects.filter(status="closed", closed_at__isnull=False).select_related("report")
    for case in closed.iterator():
        if case.classification in ("crime", "nchi"):
            kind = case.classification
        else:
            kind = "anonymous_intelligence" if case.report.anonymous else "not_recorded"
        due = add_months(timezone.localtime(case.closed_at).date(), months[kind])
        CaseRetention.objects.get_or_create(
            case=case, defaults={"kind": kind, "review_due_on": due}
        )


class Migration(migrations.Migration):
    dependencies = [("dataprotection", "0001_initial"), ("cases", "0017_one_contact_method_list")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

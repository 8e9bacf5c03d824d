"""Removing the personal data of the person reported about, when an NCHI (or a report not
recorded) fails the NCHI Code of Practice's personal-data test: no real risk of significant
harm, nor of a future criminal offence (docs/adr/0452-nchi-personal-data-removal.md).

Removed: their names, handles, phone numbers and the description of them, from the report as
submitted (the validated answers and the raw body); every mention of those names, handles and
numbers in the rest of the report, in the triage notes, in what was added from 'track my
report' (ADR 0432), in the names of the evidence files, and in the copies sent to support
organisations with a referral (the summary and the file names); what staff recorded about them
for matching across areas (ADR 0830); the case's linking identifiers and search keys for them.
Recorded: an `erase` audit event naming what kinds of data went (never the data), and on the
case who removed it and when, which the case page shows.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.audit.actions import record_event
from hatecrime.cases.models import Case, CaseIdentifier, ReportAddition, SuspectRecord
from hatecrime.cases.search import SUSPECT_KINDS, index_case
from hatecrime.core.mentions import mention_patterns, replace_mentions
from hatecrime.support.models import Referral, SharedField

REMOVED = "[removed]"
# (object, key) of the answers that are about the person reported about: dropped whole.
ABOUT_THEM = (
    ("suspects", "names"),
    ("suspects", "handles"),
    ("suspects", "phone_numbers"),
    ("suspects", "description"),
    ("online", "account_names"),
)
# The victim's and the reporter's own details are never rewritten (a shared first name must not
# cost the victim their contact details).
THEIRS_ALONE = ("contact", "victim", "reporter", "on_behalf", "safe_contact")


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _mentions(answers: dict[str, Any]) -> list[re.Pattern[str]]:
    """Patterns for every way the report names them (core.mentions)."""
    suspects = answers.get("suspects") or {}
    online = answers.get("online") or {}
    return mention_patterns(
        names=_strings(suspects.get("names")),
        handles=[*_strings(suspects.get("handles")), *_strings(online.get("account_names"))],
        phones=_strings(suspects.get("phone_numbers")),
    )


def _scrub(value: Any, patterns: Iterable[re.Pattern[str]], path: tuple[str, ...] = ()) -> Any:
    if path and path[0] in THEIRS_ALONE:
        return value
    if isinstance(value, dict):
        return {
            key: _scrub(item, patterns, (*path, key))
            for key, item in value.items()
            if (*path[-1:], key) not in ABOUT_THEM
        }
    if isinstance(value, list):
        return [_scrub(item, patterns, path) for item in value]
    if isinstance(value, str):
        return replace_mentions(value, patterns, REMOVED)
    return value


def _scrub_shared(shared: Any, patterns: list[re.Pattern[str]]) -> Any:
    """A referral's copy: only what the report said (the summary) and the file names can name
    them; the victim's own details in it are never rewritten."""
    if not isinstance(shared, dict):
        return shared
    copy = dict(shared)
    if isinstance(copy.get(SharedField.SUMMARY), str):
        copy[SharedField.SUMMARY] = _scrub(copy[SharedField.SUMMARY], patterns)
    if isinstance(copy.get(SharedField.EVIDENCE), list):
        copy[SharedField.EVIDENCE] = [
            {**item, "name": _scrub(item.get("name"), patterns)} if isinstance(item, dict) else item
            for item in copy[SharedField.EVIDENCE]
        ]
    return copy


def _scrub_rows(rows: Iterable[Any], name: str, patterns: list[re.Pattern[str]], how: Any) -> int:
    """Rewrite `name` of each row whose value mentions them; how many were rewritten."""
    changed = 0
    for row in rows:
        before = getattr(row, name)
        after = how(before, patterns)
        if after != before:
            type(row).objects.filter(pk=row.pk).update(**{name: after})
            changed += 1
    return changed


def _scrub_what_came_later(case: Case, patterns: list[re.Pattern[str]]) -> dict[str, int]:
    """Additions from tracking, evidence file names, referral copies: {kind: rows rewritten}."""
    changed = {
        "additions": _scrub_rows(
            ReportAddition.objects.filter(case=case), "text", patterns, _scrub
        ),
        "evidence.names": _scrub_rows(
            case.report.evidence.all(), "original_name", patterns, _scrub
        ),
        "referrals.shared": _scrub_rows(
            Referral.objects.filter(case=case), "shared", patterns, _scrub_shared
        ),
    }
    return {kind: count for kind, count in changed.items() if count}


def _present(answers: dict[str, Any]) -> list[str]:
    return [
        f"{outer}.{inner}"
        for outer, inner in ABOUT_THEM
        if isinstance(answers.get(outer), dict) and answers[outer].get(inner)
    ]


def remove_reported_person_data(*, actor: User, case: Case) -> list[str]:
    """Remove it (inside the caller's transaction); the kinds of data removed, [] if none."""
    report = case.report
    justification = case.access_justification
    submitted = report.submitted or {}
    answers = report.answers
    removed = _present(answers)
    identifiers, _counts = CaseIdentifier.objects.filter(case=case, kind__in=SUSPECT_KINDS).delete()
    # What staff recorded about them for matching across areas (docs/adr/0830).
    recorded, _counts = SuspectRecord.objects.filter(case=case).delete()
    if recorded:
        removed.append("suspect_records")
    if not removed and not identifiers:
        return []
    patterns = _mentions(answers)
    raw = submitted.get("raw")
    if isinstance(raw, dict):
        patterns.extend(_mentions(raw))
    scrubbed = {key: _scrub(value, patterns) for key, value in submitted.items()}
    type(report).objects.filter(pk=report.pk).update(submitted=scrubbed)
    report.submitted = scrubbed
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(
        triage_notes=_scrub(case.triage_notes, patterns),
        reported_person_data_removed_at=now,
        reported_person_data_removed_by=actor,
    )
    later = _scrub_what_came_later(case, patterns)
    case.refresh_from_db()
    index_case(case)
    kinds = removed or ["suspect_identifiers"]
    record_event(
        "erase",
        actor=actor,
        object_type="case",
        object_id=report.reference,
        fields=[*kinds, "mentions", *later, "identifiers", "search_keys"],
        justification=justification,
        detail={
            "reason": "nchi_personal_data_threshold_not_met",
            "identifiers": identifiers,
            "rewritten": later,
        },
    )
    return kinds

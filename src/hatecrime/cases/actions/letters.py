"""Decision letters (docs/adr/0812, 0811): an administrator's wording, per decision the victim
can challenge and per language, checked against the reading-age test before it is saved."""

from django.db import transaction
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.accounts.permissions import has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions.base import CaseActionError, check
from hatecrime.cases.models import REVIEWABLE_KINDS, DecisionLetter
from hatecrime.core import languages
from hatecrime.core.readability import plain_words_problems

LETTER_MAX = 2000


@transaction.atomic
def do_save_decision_letter(*, actor: User, kind: str, language: str, text: str) -> DecisionLetter:
    """Write (or rewrite) the letter for `kind` in `language`. Refused above the reading age
    (English: the Flesch-Kincaid grade; every language: sentence length). Audited: the letter
    is not personal, so the event keeps the kind and language."""
    if not has_permission(actor, "manage_case_settings"):
        raise CaseActionError("Only an administrator can write decision letters")
    if kind not in REVIEWABLE_KINDS or language not in languages.BY_CODE:
        raise CaseActionError("Select a decision and a language")
    text = text.strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = ["Enter the letter"]
    elif len(text) > LETTER_MAX:
        errors["text"] = [f"The letter must be {LETTER_MAX} characters or fewer"]
    elif problems := plain_words_problems(text, language):
        errors["text"] = problems
    check(errors)
    letter, created = DecisionLetter.objects.update_or_create(
        kind=kind,
        language=language,
        defaults={"text": text, "changed_at": timezone.now(), "changed_by": actor},
    )
    record_event(
        "collect" if created else "alter",
        actor=actor,
        object_type="decision_letter",
        object_id=f"{kind}:{language}",
        fields=["text"],
    )
    return letter


@transaction.atomic
def do_remove_decision_letter(*, actor: User, kind: str, language: str) -> bool:
    """Go back to the translated default wording. Audited as an erase."""
    if not has_permission(actor, "manage_case_settings"):
        raise CaseActionError("Only an administrator can write decision letters")
    removed, _ = DecisionLetter.objects.filter(kind=kind, language=language).delete()
    if removed:
        record_event(
            "erase",
            actor=actor,
            object_type="decision_letter",
            object_id=f"{kind}:{language}",
            fields=["text"],
        )
    return bool(removed)

"""Case search for staff (docs/adr/0451-case-search.md): by reference or the force's crime
number (plain indexed columns: neither is personal data, docs/adr/0810), or by a victim's or
reporter's name, phone, email or postcode, or a suspect's name, handle or phone, matched on
keyed blind indexes (`CaseSearchKey`) so that nothing encrypted is decrypted to search.

Writing: `new_search_keys(case)` when a case is opened (in the intake's transaction),
`index_case(case)` when what a case holds changes, `move_search_keys(case)` when it moves area
(each key carries its case's area, docs/adr/0790), `hatecrime index_cases` for cases opened
before. Reading: `search_cases(user, term)`, scoped like every case selector (the cases of the
user's areas, open or closed; partners and everyone else: nothing) and audited as a consult
that keeps the kinds of term searched and the references found, never the term.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hatecrime.accounts.permissions import area_ids_of, cases_visible_to, has_permission
from hatecrime.audit.actions import record_event
from hatecrime.cases.models import SUSPECT_KINDS, Case, CaseSearchKey
from hatecrime.cases.models.crime_number import normalise_crime_number
from hatecrime.core.crypto import blind_index
from hatecrime.reporting import people
from hatecrime.reporting.references import normalise_reference

# Each kind of key, what staff read when it matched, and the kind of value it holds (the
# purpose of its keyed hash: a name is only ever compared with names).
KINDS = {
    "victim_name": (_("Victim's name"), "name"),
    "victim_phone": (_("Victim's phone"), "phone"),
    "victim_email": (_("Victim's email"), "email"),
    "victim_postcode": (_("Victim's postcode"), "postcode"),
    "reporter_name": (_("Reporter's name"), "name"),
    "reporter_phone": (_("Reporter's phone"), "phone"),
    "reporter_email": (_("Reporter's email"), "email"),
    "reporter_postcode": (_("Reporter's postcode"), "postcode"),
    "place_postcode": (_("Postcode of the place"), "postcode"),
    "suspect_name": (_("Suspect's name"), "name"),
    "suspect_handle": (_("Suspect's handle"), "handle"),
    "suspect_phone": (_("Suspect's phone"), "phone"),
}
# The kinds about the person reported about (removed when the NCHI personal-data test fails)
# are the linking identifiers' SUSPECT_KINDS: the same codes, re-exported from here.
__all__ = [
    "KINDS",
    "SUSPECT_KINDS",
    "index_case",
    "index_cases",
    "move_search_keys",
    "new_search_keys",
    "search_cases",
]
RESULT_LIMIT = 100
_NOT_WORD = re.compile(r"[^\w]+")
_NOT_DIGIT = re.compile(r"\D")
_PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")


def normalise_name(value: str) -> str:
    """Case, accents, punctuation and spacing ignored: "O'Brien-Smith " -> "o brien smith"."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).replace("_", " ").split())


def normalise_phone(value: str) -> str:
    digits = _NOT_DIGIT.sub("", value)
    return "0" + digits[2:] if digits.startswith("44") else digits


def normalise_email(value: str) -> str:
    return value.strip().casefold()


def normalise_postcode(value: str) -> str:
    return "".join(value.split()).upper()


def normalise_handle(value: str) -> str:
    return value.strip().lstrip("@").casefold()


NORMALISE = {
    "name": normalise_name,
    "phone": normalise_phone,
    "email": normalise_email,
    "postcode": normalise_postcode,
    "handle": normalise_handle,
}


def _digest(purpose: str, value: str) -> str:
    return blind_index(value, purpose=f"case-search:{purpose}")


def _keys(kind: str, value: Any) -> set[tuple[str, str]]:
    """The (kind, digest) pairs of one value: a name by its whole and by each of its words."""
    if not isinstance(value, str):
        return set()
    purpose = KINDS[kind][1]
    normalised = NORMALISE[purpose](value)
    if not normalised:
        return set()
    values = {normalised}
    if purpose == "name":
        values.update(word for word in normalised.split() if len(word) > 1)
    return {(kind, _digest(purpose, each)) for each in values}


def _person(role: str, details: Any) -> set[tuple[str, str]]:
    if not isinstance(details, dict):
        return set()
    found: set[tuple[str, str]] = set()
    for field in ("name", "phone", "email", "postcode"):
        found |= _keys(f"{role}_{field}", details.get(field))
    return found


def search_keys_of(case: Case) -> set[tuple[str, str]]:
    """Every (kind, digest) pair of what the case's report holds."""
    answers = case.report.answers
    found = _person("victim", people.victim_details(answers))
    if people.reports_for_someone_else(answers):
        found |= _person("reporter", people.reporter_details(answers))
    found |= _keys("place_postcode", answers.get("postcode"))
    suspects = answers.get("suspects") or {}
    for name in suspects.get("names") or []:
        found |= _keys("suspect_name", name)
    online = answers.get("online") or {}
    for handle in [*(suspects.get("handles") or []), *(online.get("account_names") or [])]:
        found |= _keys("suspect_handle", handle)
    for phone in suspects.get("phone_numbers") or []:
        found |= _keys("suspect_phone", phone)
    return found


def new_search_keys(case: Case) -> list[CaseSearchKey]:
    """The case's search keys, unsaved (each with the case's area)."""
    return [
        CaseSearchKey(case=case, area_id=case.area_id, kind=kind, digest=digest)
        for kind, digest in sorted(search_keys_of(case))
    ]


@transaction.atomic
def index_case(case: Case) -> None:
    """Write the case's search keys again from what its report holds now."""
    CaseSearchKey.objects.filter(case=case).delete()
    CaseSearchKey.objects.bulk_create(new_search_keys(case))


def move_search_keys(case: Case) -> None:
    """The case's keys follow it to its (new) area."""
    CaseSearchKey.objects.filter(case=case).exclude(area_id=case.area_id).update(
        area_id=case.area_id
    )


def index_cases(cases: Iterable[Case]) -> int:
    count = 0
    for case in cases:
        index_case(case)
        count += 1
    return count


def term_kinds(term: str) -> dict[str, str]:
    """What the term could be ({purpose: digest}, plus "reference"), decided by its shape."""
    term = term.strip()
    kinds: dict[str, str] = {}
    if not term:
        return kinds
    compact = normalise_postcode(term)
    if compact.startswith("HC") and compact[2:].replace("-", "").isalnum():
        kinds["reference"] = ""
    if " " not in term and any(ch.isdigit() for ch in term):
        kinds["crime_number"] = ""
    if "@" in term.lstrip("@"):
        kinds["email"] = _digest("email", normalise_email(term))
    if _PHONE.match(term) and len(normalise_phone(term)) >= 6:
        kinds["phone"] = _digest("phone", normalise_phone(term))
    if _POSTCODE.match(compact):
        kinds["postcode"] = _digest("postcode", compact)
    if " " not in term and normalise_handle(term):
        kinds["handle"] = _digest("handle", normalise_handle(term))
    if normalise_name(term) and "email" not in kinds and "phone" not in kinds:
        kinds["name"] = _digest("name", normalise_name(term))
    return kinds


@dataclass(frozen=True)
class SearchHit:
    case: Case
    matched: list[str]  # what staff read: "Reference", "Victim's name", ...


def search_cases(user: Any, term: str) -> list[SearchHit]:
    """Cases the user may see whose reference or indexed details match `term`, newest first
    (at most RESULT_LIMIT). Audited as a consult: the kinds of term and the references found."""
    if not has_permission(user, "search_cases"):
        return []
    kinds = term_kinds(term)
    visible = cases_visible_to(user)
    matched: dict[int, set[str]] = {}
    if "crime_number" in kinds:
        number = normalise_crime_number(term)
        for pk in visible.filter(crime_number=number).values_list("pk", flat=True):
            matched.setdefault(pk, set()).add(str(_("Crime number")))
    if "reference" in kinds:
        references = {term.strip().upper(), normalise_reference(term)}
        for pk in visible.filter(report__reference__in=references).values_list("pk", flat=True):
            matched.setdefault(pk, set()).add(str(_("Reference")))
    digests = [
        digest for kind, digest in kinds.items() if kind not in ("reference", "crime_number")
    ]
    if digests:
        # The keys' own area narrows the digest's matches to the user's areas through the
        # (digest, area) index; the case's area stays the rule of what may be seen.
        rows = CaseSearchKey.objects.filter(
            digest__in=digests, area_id__in=area_ids_of(user), case__in=visible
        ).values_list("case_id", "kind")
        for case_id, kind in rows:
            matched.setdefault(case_id, set()).add(str(KINDS[kind][0]))
    cases = (
        Case.objects.filter(pk__in=list(matched))
        .select_related("report", "area")
        # Only what the results show: nothing encrypted is read (so nothing is decrypted).
        .only("pk", "status", "opened_at", "report__reference", "area__slug", "area__name")
        .order_by("-opened_at")[:RESULT_LIMIT]
    )
    hits = [SearchHit(case, sorted(matched[case.pk])) for case in cases]
    record_event(
        "consult",
        actor=user,
        object_type="case_search",
        object_id="search",
        fields=sorted(kinds),
        detail={"term_kinds": sorted(kinds), "results": [hit.case.reference for hit in hits]},
    )
    return hits

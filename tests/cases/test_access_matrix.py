"""The whole role x borough x page and endpoint access matrix, each cell asserted.

Every staff URL pattern that takes a case reference or a referral id, and every
`/api/v1/cases...` endpoint, is read from the URLconf (a new one that is not in the matrix fails
`test_every_case_scoped_url_is_in_the_matrix`). Each persona requests each of them for a Hackney
case, a Camden case and a case in the central triage queue, with GET and POST, and gets exactly
the status the rules below give. A 404 is byte-for-byte the 404 for a reference that does not
exist, and no personal marker of the report appears in any response the persona may not have.
The POSTs carry invalid input, so nothing is changed and the cases stay the same for every cell.
"""

import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cases.factories import make_case
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.actions import do_add_to_report
from hatecrime.cases.models import Case
from hatecrime.cases.views.actions import ACTIONS
from hatecrime.core.crypto import keyed_digest
from hatecrime.reporting.evidence import EVIDENCE_DIGEST_PURPOSE
from hatecrime.reporting.evidence_store import new_stored_name, write_encrypted
from hatecrime.reporting.models import Evidence
from hatecrime.support.actions import do_record_consent, do_refer
from hatecrime.support.models import SupportOrganisation
from personas import StaffClient, api_token, make_staff

pytestmark = pytest.mark.django_db

# persona -> (role, areas)
PERSONAS = {
    "alice": ("officer", ["hackney"]),
    "bob": ("officer", ["camden"]),
    "hannah": ("supervisor", ["hackney"]),
    "sunil": ("supervisor", ["camden"]),
    "carl": ("call_handler", []),
    "ann": ("analyst", []),
    "cora": ("command", []),
    "pat": ("partner", []),
    "adam": ("administrator", []),
}
CASE_AREAS = {"hackney": "hackney", "camden": "camden", "triage": "unknown"}
# From the report (cases.factories.VICTIM_REPORT): the victim's name, email, phone, narrative.
NAME, EMAIL, PHONE, NARRATIVE = ("Vera Victim", "vera@example.invalid", "07700 900123", "Shouted")
# Added later from 'track my report' (cases.actions.do_add_to_report): as private as the report.
ADDITION = "Added from tracking: he came back"
MARKERS = (NAME, EMAIL, PHONE, NARRATIVE, ADDITION)
MISSING_REFERENCE, MISSING_REFERRAL, MISSING_EVIDENCE = "HC-999999", 999999, 999999

# The URL patterns the matrix covers (namespace:name). Everything else that takes a case
# reference or a referral id must be added here, with its rule below.
PAGE_PATTERNS = {
    "cases:case",
    "cases:justify",
    "cases:action",
    "cases:evidence",
    "cases:matches",
    "support:referral",
    "support:referral-evidence",
    # Retention review (docs/retention.md): supervisors of the case's own area only.
    "dataprotection:review",
    # Rectification on a subject access request: administrators only, and it shows nothing of
    # the case (the administrator has the bundle).
    "dataprotection:rectify",
}
API_PATTERNS = {
    "api-v1:cases",
    "api-v1:case",
    "api-v1:case-triage",
    "api-v1:case-communities",
    "api-v1:case-crime-number",
    "api-v1:case-assign",
    "api-v1:case-contacts",
    "api-v1:case-decisions",
    "api-v1:case-updates",
    "api-v1:case-referrals",
    "api-v1:case-close",
    "api-v1:case-closure-review",
    "api-v1:case-evidence",
}
NO_SUCH_ACTION = "no-such-action"


def _patterns(patterns=None, namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            yield from _patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}:{entry.name}", str(entry.pattern)


def case_scoped_patterns() -> set[str]:
    """Every pattern that names a case or a referral, and every staff case API endpoint."""
    found = set()
    for name, route in _patterns():
        takes_case = "<str:reference>" in route and not name.startswith("reporting:")
        if takes_case or "<int:referral_id>" in route or name.startswith("api-v1:case"):
            found.add(name)
    return found


def test_every_case_scoped_url_is_in_the_matrix():
    assert case_scoped_patterns() == PAGE_PATTERNS | API_PATTERNS


# --- The rules -------------------------------------------------------------------------------


def access(persona: str, case_key: str) -> str:
    """own: in the persona's areas; justify: openable with a reason (supervisors, any case;
    officers, the triage queue); none: as if it did not exist."""
    role, areas = PERSONAS[persona]
    if role not in ("officer", "supervisor"):
        return "none"
    if CASE_AREAS[case_key] in areas:
        return "own"
    if role == "supervisor" or case_key == "triage":
        return "justify"
    return "none"


def page_status(persona: str, case_key: str, page: str, method: str = "get") -> int:
    """GET and POST alike (the POSTs carry invalid input, so a form page answers 200); an
    evidence file is only ever read (GET)."""
    if page == "evidence" and method == "post":
        return 405  # checked first, the same for a case that does not exist
    if page == "retention-review":
        role, areas = PERSONAS[persona]
        return 200 if role == "supervisor" and CASE_AREAS[case_key] in areas else 404
    if page == "rectify":
        return 200 if PERSONAS[persona][0] == "administrator" else 404
    rule = access(persona, case_key)
    if rule == "none":
        return 404
    if page == "justify":
        return 302 if rule == "own" else 200  # own case: nothing to justify, back to the case
    if rule == "justify":
        return 302  # to the "why are you opening this case" page, before anything else
    if page in ("case", "evidence"):
        return 200
    role = PERSONAS[persona][0]
    if page == "matches":  # suspects in other areas (ADR 0830)
        return 200 if role in _roles_with("request_case_access") else 404
    action = ACTIONS.get(page)
    return 200 if action is not None and role in _roles_with(action.permission) else 404


def _roles_with(permission: str) -> frozenset[str]:
    from hatecrime.accounts.permissions import RULES

    return RULES[permission]


def api_status(persona: str, case_key: str, endpoint: str, method: str) -> int:
    supported = "get" if endpoint in ("api-v1:case", "api-v1:case-evidence") else "post"
    if method != supported:
        return 405  # the method is checked first, the same for a case that does not exist
    rule = access(persona, case_key)
    if rule == "none":
        return 404
    if rule == "justify":
        return 403  # no X-Justification header
    return 200 if method == "get" else 400  # the POST body is empty, so invalid


def referral_status(persona: str, whose: str, method: str = "get", page: str = "") -> int:
    if page == "evidence" and method == "post":
        return 405
    return 200 if persona == "pat" and whose == "pat" else 404


def markers_allowed(persona: str, case_key: str, status: int) -> frozenset[str]:
    """Only staff working the case in their own area may see what the report says."""
    own = status == 200 and access(persona, case_key) == "own"
    return frozenset(MARKERS) if own else frozenset()


def referral_markers_allowed(persona: str, whose: str) -> frozenset[str]:
    """The partner sees only what the victim agreed to share with them: the phone number."""
    return frozenset({PHONE}) if referral_status(persona, whose) == 200 else frozenset()


# --- The world -------------------------------------------------------------------------------


@dataclass
class World:
    users: dict
    references: dict  # case key -> reference
    referrals: dict  # "pat" (to pat's organisation, phone and evidence shared) / "other"
    last_setup_event: int
    evidence: dict  # case key -> the id of its evidence file; "pat"/"other" -> that case's


@pytest.fixture
def world(db) -> World:
    users = {name: make_staff(name, role, areas) for name, (role, areas) in PERSONAS.items()}
    cases = {key: make_case(area) for key, area in CASE_AREAS.items()}
    for case in cases.values():
        do_add_to_report(case=case, kind="information", text=ADDITION)
    evidence = {key: _evidence_file(case) for key, case in cases.items()}
    galaxy = SupportOrganisation.objects.create(name="Galaxy LGBT+ Advice")
    galaxy.members.add(users["pat"])
    elsewhere = SupportOrganisation.objects.create(name="Another organisation")
    referrals = {}
    for whose, organisation, case_key, officer in [
        ("pat", galaxy, "hackney", "alice"),
        ("other", elsewhere, "camden", "bob"),
    ]:
        evidence[whose] = evidence[case_key]
        case = cases[case_key]
        do_record_consent(
            actor=users[officer],
            case=case,
            expected_version=case.version,
            organisation=organisation,
            shared_fields=["phone", "evidence"],
        )
        case.refresh_from_db()
        referral = do_refer(
            actor=users[officer],
            case=case,
            expected_version=case.version,
            organisation=organisation,
        )
        referrals[whose] = referral.pk
    return World(
        users,
        {k: c.report.reference for k, c in cases.items()},
        referrals,
        AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[0],
        evidence,
    )


def _evidence_file(case) -> int:
    """A photo on the case's report, stored as intake stores one."""
    content = b"\x89PNG\r\n\x1a\n" + b"pixels"
    stored_name = new_stored_name()
    write_encrypted(stored_name, content)
    return Evidence.objects.create(
        report=case.report,
        stored_name=stored_name,
        original_name="photo.png",
        content_type="image/png",
        size=len(content),
        digest=keyed_digest(content, purpose=EVIDENCE_DIGEST_PURPOSE),
        metadata_removed=True,
    ).pk


def normalised(content: bytes) -> str:
    """A page without what differs between any two requests (CSP nonce, CSRF token)."""
    text = content.decode()
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "csrf", text)


def page_urls(reference: str, evidence_id: int) -> dict[str, str]:
    urls = {
        "case": reverse("cases:case", args=[reference]),
        "justify": reverse("cases:justify", args=[reference]),
        "evidence": reverse("cases:evidence", args=[reference, evidence_id]),
        "matches": reverse("cases:matches", args=[reference]),
        "retention-review": reverse("dataprotection:review", args=[reference]),
        "rectify": reverse("dataprotection:rectify", args=[reference]),
    }
    for slug in [*ACTIONS, NO_SUCH_ACTION]:
        urls[slug] = reverse("cases:action", args=[reference, slug])
    return urls


def api_urls(reference: str, evidence_id: int) -> dict[str, str]:
    urls = {
        name: reverse(name, args=[reference])
        for name in sorted(API_PATTERNS - {"api-v1:cases", "api-v1:case-evidence"})
    }
    urls["api-v1:case-evidence"] = reverse("api-v1:case-evidence", args=[reference, evidence_id])
    return urls


class Checker:
    def __init__(self, persona: str, world: World) -> None:
        self.persona, self.world = persona, world
        self.pages = StaffClient()
        self.pages.force_login(world.users[persona])
        self.api = Client(HTTP_AUTHORIZATION=f"Token {api_token(world.users[persona])}")
        self.problems: list[str] = []
        self.missing_bodies: dict[tuple[str, str], str] = {}

    def request(self, client: Client, method: str, url: str):
        if client is self.api:
            return getattr(client, method)(
                url, data="{}" if method == "post" else None, content_type="application/json"
            )
        data = {"version": "not-a-number", "justification": ""} if method == "post" else None
        return getattr(client, method)(url, data)

    def check(
        self,
        cell: str,
        client: Client,
        method: str,
        url: str,
        expected: int,
        allowed: frozenset[str],
        missing_url: str,
    ) -> str:
        response = self.request(client, method, url)
        body = response.content.decode(errors="replace")  # an evidence file is bytes
        if response.status_code != expected:
            self.problems.append(f"{cell}: {response.status_code}, expected {expected}")
            return body
        if expected == 404:
            key = (missing_url, method)
            if key not in self.missing_bodies:
                missing = self.request(client, method, missing_url)
                assert missing.status_code == 404, (missing_url, missing.status_code)
                self.missing_bodies[key] = normalised(missing.content)
            if normalised(response.content) != self.missing_bodies[key]:
                self.problems.append(f"{cell}: its 404 differs from a missing one's")
        if expected == 302 and "/justify/" not in response["Location"] and "justify" not in cell:
            self.problems.append(f"{cell}: redirected to {response['Location']}")
        leaked = [marker for marker in MARKERS if marker in body and marker not in allowed]
        if leaked:
            self.problems.append(f"{cell}: shows {leaked}")
        return body


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_cell_of_the_access_matrix(persona, world):
    checker = Checker(persona, world)
    missing_pages = page_urls(MISSING_REFERENCE, MISSING_EVIDENCE)
    missing_api = api_urls(MISSING_REFERENCE, MISSING_EVIDENCE)
    for case_key, reference in world.references.items():
        evidence_id = world.evidence[case_key]
        for method in ("get", "post"):
            for page, url in page_urls(reference, evidence_id).items():
                expected = page_status(persona, case_key, page, method)
                checker.check(
                    f"{persona} {method.upper()} {case_key} {page}",
                    checker.pages,
                    method,
                    url,
                    expected,
                    markers_allowed(persona, case_key, expected),
                    missing_pages[page],
                )
            for endpoint, url in api_urls(reference, evidence_id).items():
                expected = api_status(persona, case_key, endpoint, method)
                checker.check(
                    f"{persona} {method.upper()} {case_key} {endpoint}",
                    checker.api,
                    method,
                    url,
                    expected,
                    markers_allowed(persona, case_key, expected),
                    missing_api[endpoint],
                )
    missing_referral = {
        "": reverse("support:referral", args=[MISSING_REFERRAL]),
        "evidence": reverse("support:referral-evidence", args=[MISSING_REFERRAL, 1]),
    }
    for whose, referral_id in world.referrals.items():
        urls = {
            "": reverse("support:referral", args=[referral_id]),
            "evidence": reverse(
                "support:referral-evidence", args=[referral_id, world.evidence[whose]]
            ),
        }
        for method in ("get", "post"):
            for page, url in urls.items():
                checker.check(
                    f"{persona} {method.upper()} referral {page} to {whose}",
                    checker.pages,
                    method,
                    url,
                    referral_status(persona, whose, method, page),
                    referral_markers_allowed(persona, whose),
                    missing_referral[page],
                )
    assert checker.problems == [], "\n".join(checker.problems)
    # Nothing was changed, and nobody without access left a trace of reading a case.
    assert set(Case.objects.values_list("version", flat=True)) == {1, 3}
    mine = AuditEvent.objects.filter(actor=world.users[persona], seq__gt=world.last_setup_event)
    # Reads only: consultations, and the partner's openings of the shared file (disclosures).
    kinds = {"consult", "disclose"} if persona == "pat" else {"consult"}
    assert not mine.exclude(kind__in=kinds).exists()
    if all(access(persona, key) == "none" for key in CASE_AREAS):
        # Only the partner's disclosures of the file the victim shared with them.
        about_cases = [(e.kind, e.fields) for e in mine.filter(object_type="case")]
        assert set(map(str, about_cases)) <= {str(("disclose", ["evidence"]))}
        assert bool(about_cases) == (persona == "pat")


def test_the_markers_are_there_to_be_found_where_they_are_allowed(world):
    """Otherwise the matrix's 'shows no personal marker' would prove nothing."""
    alice = Checker("alice", world)
    page = alice.pages.get(reverse("cases:case", args=[world.references["hackney"]]))
    assert all(marker in page.content.decode() for marker in MARKERS)
    api = alice.api.get(reverse("api-v1:case", args=[world.references["hackney"]]))
    assert all(marker in api.content.decode() for marker in MARKERS)
    pat = Checker("pat", world)
    referral = pat.pages.get(reverse("support:referral", args=[world.referrals["pat"]]))
    assert referral.status_code == 200 and PHONE in referral.content.decode()


LIST_PAGES = {
    # url -> roles answered 200 (everyone else 404; the API list answers 403)
    "/staff/cases/": {"officer", "supervisor"},
    "/staff/cases/board/": {"supervisor"},
    "/staff/cases/board/export.csv": {"supervisor"},
    "/staff/support/referrals/": {"partner"},
    "/staff/audit/": {"supervisor", "administrator"},
    # Suspects across areas (ADR 0830): requests to read one's areas' cases; London clusters.
    "/staff/cases/access-requests/": {"supervisor"},
    "/staff/cases/clusters/": {"analyst"},
    "/staff/records/reviews/": {"supervisor"},
    "/staff/records/rules/": {"administrator"},
    "/staff/records/subjects/": {"administrator"},
    "/api/v1/cases": {"officer", "supervisor"},
    # Case search (by the victim's postcode: every case of the world has it).
    "/staff/cases/search/?q=E8+1AA": {"officer", "supervisor"},
    "/api/v1/cases/search?q=E8+1AA": {"officer", "supervisor"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_lists_show_nobody_anything_personal(persona, world):
    checker = Checker(persona, world)
    role = PERSONAS[persona][0]
    for url, roles in LIST_PAGES.items():
        api = url.startswith("/api/")
        client = checker.api if api else checker.pages
        expected = 200 if role in roles else (403 if api else 404)
        checker.check(f"{persona} GET {url}", client, "get", url, expected, frozenset(), url)
    assert checker.problems == [], "\n".join(checker.problems)


@pytest.mark.parametrize("persona", ["alice", "hannah"])
def test_the_case_list_holds_only_the_personas_own_area(persona, world):
    checker = Checker(persona, world)
    listed = {row["reference"] for row in checker.api.get("/api/v1/cases").json()}
    assert listed == {world.references["hackney"]}


@pytest.mark.parametrize("persona", ["alice", "hannah", "bob"])
def test_case_search_finds_only_the_personas_own_areas(persona, world):
    checker = Checker(persona, world)
    found = {row["reference"] for row in checker.api.get("/api/v1/cases/search?q=E8+1AA").json()}
    area = PERSONAS[persona][1][0]
    assert found == {world.references[area]}

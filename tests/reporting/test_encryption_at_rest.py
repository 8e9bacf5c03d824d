"""Encryption at rest, field by field: a report through the API with every free-text and
personal field filled with its own marker; neither the raw database (file bytes on SQLite,
every column of every table on PostgreSQL) nor the evidence folder holds any marker."""

import base64
import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from hatecrime.reporting.models import Report
from pdf_files import letter_pdf
from personas import make_staff

PDF = letter_pdf("zqxpdfcontent letter")
# Each marker is distinct, so a failure names the field that leaked.
MARKERS = {
    "on_behalf.organisation": "zqxorganisation",
    "what_happened": "zqxwhathappened",
    "behaviour_other": "zqxbehaviourother",
    "place": "zqxplace",
    "postcode": "ZE2 9XQ",
    "online.platform": "zqxplatform",
    "online.links": "zqxlink",
    "online.account_names": "zqxaccount",
    "motivation_other": "zqxmotivationother",
    "injuries.description": "zqxinjuries",
    "suspects.description": "zqxsuspectdescription",
    "suspects.names": "zqxsuspectname",
    "suspects.handles": "zqxsuspecthandle",
    "suspects.phone_numbers": "07700900417",
    "witnesses.details": "zqxwitnesses",
    "support.interpreter_language": "zqxinterpreter",
    "support.accessibility_needs": "zqxaccessibility",
    "safe_contact.safe_times": "zqxsafetimes",
    "contact.name": "zqxcontactname",
    "contact.email": "zqxcontactemail",
    "contact.phone": "07700900418",
    "contact.address": "zqxcontactaddress",
    "contact.postcode": "ZE2 9XR",
    "victim.name": "zqxvictimname",
    "victim.email": "zqxvictimemail",
    "victim.phone": "07700900419",
    "victim.address": "zqxvictimaddress",
    "victim.postcode": "ZE2 9XS",
    "targeted_community_other": "zqxothercommunity",
    "evidence.name": "zqxfilename",
    "evidence.content": "zqxpdfcontent",
}
# Kept in the clear on purpose, beside the encrypted copy: monitoring counts reports by the
# community targeted (a code of the taxonomy, never a person's words). Checked here so the
# exception stays one.
KEPT_IN_THE_CLEAR = {"targeted_communities": "east_south_east_asian"}


def person(prefix: str, phone: str, postcode: str) -> dict[str, str]:
    return {
        "name": MARKERS[f"{prefix}.name"],
        "email": f"{MARKERS[f'{prefix}.email']}@example.com",
        "phone": phone,
        "address": f"1 {MARKERS[f'{prefix}.address']} Road",
        "postcode": postcode,
        "date_of_birth": "1980-02-03",
    }


BODY = {
    "reporter_role": "on_behalf",
    "on_behalf": {
        "relationship": "advice_bureau",
        "organisation": MARKERS["on_behalf.organisation"],
        "victim_knows": "yes",
        "victim_agrees": "yes",
    },
    "anonymous": False,
    "what_happened": f"It happened: {MARKERS['what_happened']}",
    "behaviours": ["verbal_abuse", "other"],
    "behaviour_other": MARKERS["behaviour_other"],
    "occurred_on": "2026-11-01",
    "occurred_at": "14:30",
    "borough": "hackney",
    "place": MARKERS["place"],
    "postcode": MARKERS["postcode"],
    "online": {
        "platform": MARKERS["online.platform"],
        "links": [f"https://example.com/{MARKERS['online.links']}"],
        "account_names": [MARKERS["online.account_names"]],
        "poster_identity_known": True,
    },
    "motivations": ["race", "other"],
    "motivation_other": MARKERS["motivation_other"],
    "targeted_communities": [KEPT_IN_THE_CLEAR["targeted_communities"], "other"],
    "targeted_community_other": MARKERS["targeted_community_other"],
    "injuries": {"injured": "yes", "description": MARKERS["injuries.description"]},
    "suspects": {
        "count": "one",
        "description": MARKERS["suspects.description"],
        "known_to_victim": "yes",
        "names": [MARKERS["suspects.names"]],
        "handles": [f"@{MARKERS['suspects.handles']}"],
        "phone_numbers": [MARKERS["suspects.phone_numbers"]],
    },
    "witnesses": {"any": "yes", "details": MARKERS["witnesses.details"]},
    "support": {
        "referral_consent": True,
        "interpreter_language": MARKERS["support.interpreter_language"],
        "accessibility_needs": MARKERS["support.accessibility_needs"],
    },
    "safe_contact": {
        "methods": ["phone"],
        "safe_times": MARKERS["safe_contact.safe_times"],
        "voicemail_safe": False,
        "letter_safe": False,
    },
    "contact": person("contact", MARKERS["contact.phone"], MARKERS["contact.postcode"]),
    "victim": person("victim", MARKERS["victim.phone"], MARKERS["victim.postcode"]),
    "evidence": [
        {
            "name": f"{MARKERS['evidence.name']}.pdf",
            "content_type": "application/pdf",
            "content_base64": base64.b64encode(PDF).decode(),
        }
    ],
}


def forms(marker: str) -> set[bytes]:
    """The marker as it could be stored: as typed, upper/lower case, without spaces."""
    variants = {marker, marker.upper(), marker.lower(), marker.replace(" ", "")}
    return {variant.encode() for variant in variants}


def raw_database() -> bytes:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        name = Path(connection.settings_dict["NAME"])
        files = [name, Path(f"{name}-wal")]
        return b"".join(path.read_bytes() for path in files if path.exists())
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        dump.append(bytes(value))
                    else:
                        dump.append(str(value).encode())
    return b"\n".join(dump)


def evidence_folder() -> bytes:
    root = Path(settings.EVIDENCE_ROOT)
    return b"".join(path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_free_text_or_personal_detail_is_readable_at_rest(client):
    response = client.post(
        "/api/v1/reports",
        data=json.dumps(BODY),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="at-rest",
    )
    assert response.status_code == 201, response.content
    stored = Report.objects.get(reference=response.json()["reference"])
    assert stored.submitted["raw"]["what_happened"] == BODY["what_happened"]  # it was stored

    database, files = raw_database(), evidence_folder()
    assert files, "the evidence file was written"
    leaked = {
        field
        for field, marker in MARKERS.items()
        if any(form in database or form in files for form in forms(marker))
    }
    assert leaked == set()
    # The one deliberate exception is still what it was meant to be (and nothing more).
    assert KEPT_IN_THE_CLEAR["targeted_communities"].encode() in database


# --- What staff type (issue 8 item 12) --------------------------------------------------------
# A marker in every text field staff can type into through the pages: the call handler's record
# form (every text field of the report, as on the API above) and every case action form, and
# the justification for opening a case outside one's queue.
STAFF_MARKERS = {
    "triage.notes": "zqxtriagenotes",
    "communities.other": "zqxrecodedcommunity",
    "move.reason": "zqxmovereason",
    "contact.outcome": "zqxcontactoutcome",
    "needs.interpreter_language": "zqxneedslanguage",
    "needs.accessibility_needs": "zqxneedsaccess",
    "needs.arrest_wishes": "zqxarrestwishes",
    "decision.reasons": "zqxdecisionreasons",
    "update.text": "zqxupdatetext",
    "court-date.description": "zqxhearingdescription",
    "court-outcome.outcome": "zqxcourtoutcome",
    "link.matched_on": "zqxsharedmatch",
    "close.reason": "zqxclosurereason",
    "suspect.name": "zqxsuspectname",
    "suspect.phone": "07700900427",
    "suspect.handle": "zqxsuspecthandle",
    # Stored as typed but upper case without spaces (cases.matches.normalise_vehicle).
    "suspect.vehicle_registration": "ZQXVEHICLE",
    "review-closure.note": "zqxreviewnote",
    "reassurance.note": "zqxreassurancenote",
    "default-referral.declined_reason": "zqxdeclinedreason",
    "asb-case-review.note": "zqxcasereviewnote",
    "panel-referral.note": "zqxpanelnote",
    "review.text": "zqxreviewrequest",
    "review-result.reasons": "zqxreviewreasons",
    "review-result.next_steps": "zqxnext",
    "justify.justification": "zqxjustification",
    "search.q": "zqxsearchterm",
}
# Text fields of the case action forms that hold no words of anyone's: a reference to look up.
# A reference typed to find another case; the court's name, a public place (docs/adr/0820);
# the force's crime number and the offence class its crime recording system gave: police codes,
# not personal, in the clear and searchable by decision (docs/adr/0810-crime-number.md).
NOT_FREE_TEXT = {
    "link.other",
    "court-date.court_name",
    "crime-number.crime_number",
    "crime-number.classification",
}
# Text fields of the record form whose marker is a value of another shape (or no marker).
RECORD_NOT_MARKED = {
    "occurred_at",
    "contact__date_of_birth",
    "victim__date_of_birth",
    "safe_contact__safe_from",  # clock times
    "safe_contact__safe_until",
}


def _record_form_data() -> dict[str, object]:
    """BODY (the API report above) as the call handler's record form takes it."""
    data: dict[str, object] = {"channel": "phone", "online": "on"}

    def put(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                put(f"{prefix}__{key}" if prefix else key, inner)
        elif isinstance(value, bool):
            if value:
                data[prefix] = "on"
        elif isinstance(value, list):
            is_choice = prefix in {
                "behaviours",
                "motivations",
                "safe_contact__methods",
                "targeted_communities",
            }
            data[prefix] = value if is_choice else "\n".join(value)
        else:
            data[prefix] = value

    put("", {k: v for k, v in BODY.items() if k != "evidence"})
    data["evidence"] = SimpleUploadedFile(f"{MARKERS['evidence.name']}.pdf", PDF)
    return data


def _case_action_text_fields() -> set[str]:
    from django import forms as django_forms

    from hatecrime.cases.views.actions import ACTIONS

    return {
        f"{slug}.{name}"
        for slug, action in ACTIONS.items()
        for name, field in action.form.base_fields.items()
        if type(field) is django_forms.CharField
    }


@pytest.mark.django_db
def test_every_text_field_staff_type_into_has_a_marker():
    from hatecrime.cases.forms.record import RecordReportForm

    every = [*MARKERS.values(), *STAFF_MARKERS.values()]
    assert not [(a, b) for a in every for b in every if a != b and a in b], "a marker in another"
    typed = _case_action_text_fields() - NOT_FREE_TEXT
    not_actions = ("justify.", "search.")
    assert typed == {key for key in STAFF_MARKERS if not key.startswith(not_actions)}
    from hatecrime.cases.views.search import CaseSearchForm

    searched = {f"search.{name}" for name in CaseSearchForm.base_fields}
    assert searched == {key for key in STAFF_MARKERS if key.startswith("search.")}
    from django import forms as django_forms

    record = {
        name
        for name, field in RecordReportForm().fields.items()
        if type(field) is django_forms.CharField
    }
    marked = {key.replace(".", "__") for key in MARKERS if not key.startswith("evidence.")}
    assert record - RECORD_NOT_MARKED == marked


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_staff_type_is_readable_at_rest(client, carl, alice, hannah):
    from accounts.staff_cases import make_case
    from hatecrime.cases.models import Case
    from hatecrime.core.models import Area

    client.force_login(carl)
    response = client.post("/staff/cases/record/", _record_form_data())
    assert response.status_code == 200 and "reference" in response.context, response.content
    case = Case.objects.select_related("report").get(
        report__reference=response.context["reference"]
    )
    earlier = make_case("hackney")
    hearing_on = "2026-01-11"
    steps = [
        (
            "triage",
            {
                "strands": ["race"],
                "classification": "crime",
                "risk_level": "standard",
                "priority": "routine",
                "online_route": "local",
            },
        ),
        ("communities", {"communities": ["other"]}),
        (
            "needs",
            {
                "wants_police_action": "yes",
                "update_method": "phone",
                "update_every_days": 14,
                "worried_about_reprisals": "yes",
            },
        ),
        ("contact", {"method": "phone", "made": "yes", "person": "reporter"}),
        ("decision", {"kind": "arrested"}),
        ("update", {"method": "phone"}),
        ("court-date", {"hearing_on": hearing_on, "kind": "trial", "court_name": "Thames"}),
        ("court-outcome", {}),
        ("link", {"other": earlier.report.reference}),
        ("suspect", {"date_of_birth": "1990-01-02"}),
        ("close", {"outcome": "no_further_action", "told_of_right_to_review": "on"}),
    ]

    def act(slug: str, data: dict[str, object], on=case) -> None:
        typed = {
            key.split(".", 1)[1]: marker
            for key, marker in STAFF_MARKERS.items()
            if key.startswith(f"{slug}.")
        }
        version = Case.objects.get(pk=on.pk).version
        response = client.post(
            f"/staff/cases/{on.report.reference}/{slug}/", {"version": version, **data, **typed}
        )
        assert response.status_code == 302, (slug, response.context["form"].errors)

    client.force_login(alice)
    for slug, data in steps:
        if slug == "court-outcome":
            data = {"court_date": case.court_dates.get().pk, "result": "adjourned"}
        if slug == "close":
            data = {**data, "told_in_contact": case.contacts.get().pk}
        act(slug, data)
    # Issue 12's forms, on the earlier report (its victim may be contacted at any time).
    from hatecrime.support.models import SupportOrganisation

    SupportOrganisation.objects.create(name="Victim Support", offered_by_default=True)
    Case.objects.filter(pk=earlier.pk).update(persistently_targeted=True)
    for slug, data in [
        ("reassurance", {"method": "phone", "outcome": "reached"}),
        ("asb-case-review", {"status": "offered"}),
        ("panel-referral", {"status": "made"}),
        ("default-referral", {"answer": "declined"}),
    ]:
        act(slug, data, on=earlier)
    # A decision not to proceed: Hannah, the supervisor, reviews the closure.
    client.force_login(hannah)
    act("review-closure", {"decision": "approve"})
    # The victim asks for a review of it (alice records it); a supervisor not involved decides.
    client.force_login(alice)
    right = case.rights_to_review.get()
    soon = (timezone.localtime() + dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    act("review", {"right_to_review": right.pk, "requested_at": soon})
    client.force_login(make_staff("sunil", "supervisor", ["hackney"]))
    act("review-result", {"right_to_review": right.pk, "result": "upheld"})
    # The earlier report is moved to Camden; Hannah (Hackney) then opens it with a reason.
    client.force_login(alice)
    act("move", {"area": Area.objects.get(slug="camden").pk}, on=earlier)
    client.force_login(hannah)
    response = client.post(
        f"/staff/cases/{earlier.report.reference}/justify/",
        {"justification": STAFF_MARKERS["justify.justification"]},
    )
    assert response.status_code == 302
    assert client.get(f"/staff/cases/{earlier.report.reference}/").status_code == 200
    # A search: its term is not kept at all (only that a search was made is audited).
    assert client.get("/staff/cases/search/", {"q": STAFF_MARKERS["search.q"]}).status_code == 200

    database = raw_database()
    leaked = {
        field
        for field, marker in {**MARKERS, **STAFF_MARKERS}.items()
        if any(form in database for form in forms(marker))
    }
    assert leaked == set()
    # And every marker was stored (encrypted), except the search term, which is not kept.
    stored = _every_encrypted_value()
    missing = {
        field
        for field, marker in STAFF_MARKERS.items()
        if marker not in stored and field != "search.q"
    }
    assert missing == set()


def _every_encrypted_value() -> str:
    """Every encrypted value of every row, decrypted, as one text."""
    from django.apps import apps

    from hatecrime.core.fields import encrypted_fields

    values = []
    for model in apps.get_models():
        names = [field.name for field in encrypted_fields(model)]
        if names:
            for row in model._base_manager.values_list(*names):
                values.extend(json.dumps(value, default=str) for value in row)
    return "\n".join(values)

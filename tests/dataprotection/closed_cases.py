"""A case with something in every place disposal must empty: the report, an addition from
tracking, an evidence file on disk, a contact, a decision, an update, a referral's copy, linking
identifiers and search keys; closed by its officer."""

import datetime as dt

from django.utils import timezone

from cases.factories import make_case, triage
from hatecrime.cases.actions import (
    do_add_to_report,
    do_close_case,
    do_record_contact,
    do_record_decision,
    do_record_update,
)
from hatecrime.cases.models import Case
from hatecrime.core.crypto import keyed_digest
from hatecrime.reporting.evidence import EVIDENCE_DIGEST_PURPOSE
from hatecrime.reporting.evidence_store import new_stored_name, write_encrypted
from hatecrime.reporting.models import Evidence
from hatecrime.support.actions import do_record_consent, do_refer
from hatecrime.support.models import SupportOrganisation

# Written into the case in the places disposal empties (the report's own markers are in
# cases.factories.VICTIM_REPORT: "Vera Victim", "vera@example.invalid", "07700 900123").
ADDITION = "He came back on Friday"
CONTACT = "Spoke to Vera about the CCTV"
DECISION = "Arrested after the CCTV was seen"
UPDATE = "The suspect was charged today"
CLOSURE = "Charged with a public order offence"
FILE_NAME = "shop-cctv.png"
MARKERS = (
    "Vera Victim",
    "vera@example.invalid",
    "07700 900123",
    "Jon Suspect",
    "Shouted abuse",
    ADDITION,
    CONTACT,
    DECISION,
    UPDATE,
    CLOSURE,
    FILE_NAME,
)


def london(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def _fresh(case: Case) -> Case:
    return Case.objects.select_related("report").get(pk=case.pk)


def add_evidence(case: Case, name: str = FILE_NAME) -> Evidence:
    content = b"\x89PNG\r\n\x1a\n" + b"pixels"
    stored_name = new_stored_name()
    write_encrypted(stored_name, content)
    return Evidence.objects.create(
        report=case.report,
        stored_name=stored_name,
        original_name=name,
        content_type="image/png",
        size=len(content),
        digest=keyed_digest(content, purpose=EVIDENCE_DIGEST_PURPOSE),
        metadata_removed=True,
    )


def closed_case(officer, *, area: str = "hackney", classification: str = "crime") -> Case:
    case = make_case(area)
    do_add_to_report(case=case, kind="information", text=ADDITION)
    add_evidence(case)
    overrides = {}
    if classification == "nchi":
        overrides = dict(
            classification="nchi",
            not_trivial_irrational_or_malicious=True,
            basis_for_hostility=True,
            personal_data_threshold_met=True,
        )
    triage(_fresh(case), officer, **overrides)
    contact = do_record_contact(
        actor=officer,
        case=_fresh(case),
        expected_version=_fresh(case).version,
        method="phone",
        made=True,
        outcome=CONTACT,
    ).contact
    if classification == "crime":
        do_record_decision(
            actor=officer,
            case=_fresh(case),
            expected_version=_fresh(case).version,
            kind="arrested",
            reasons=DECISION,
        )
    do_record_update(
        actor=officer,
        case=_fresh(case),
        expected_version=_fresh(case).version,
        text=UPDATE,
        method="phone",
        share_on_tracking=True,
    )
    organisation, _ = SupportOrganisation.objects.get_or_create(name="Galaxy LGBT+ Advice")
    do_record_consent(
        actor=officer,
        case=_fresh(case),
        expected_version=_fresh(case).version,
        organisation=organisation,
        shared_fields=["name", "phone", "summary", "evidence"],
    )
    do_refer(
        actor=officer,
        case=_fresh(case),
        expected_version=_fresh(case).version,
        organisation=organisation,
    )
    do_close_case(
        actor=officer,
        case=_fresh(case),
        expected_version=_fresh(case).version,
        outcome="charged" if classification == "crime" else "nchi_recorded",
        reason=CLOSURE,
        told_in_contact=contact,
    )
    return _fresh(case)

"""Consent per support organisation, referrals (Right 4) and the partner's answer."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hatecrime.accounts.models import User
from hatecrime.audit.actions import record_event
from hatecrime.cases.actions import (
    CaseActionError,
    audit_case,
    change_case,
    check,
    refuse_unless_victim_may_be_contacted,
    stop_clocks,
)
from hatecrime.cases.models import Case, ClockEvent
from hatecrime.cases.safe_contact import safe_contact_for, victim_details
from hatecrime.notifications.gateway import send_message
from hatecrime.notifications.victims import partner_referral_link
from hatecrime.support.models import (
    Consent,
    DefaultReferral,
    DefaultReferralAnswer,
    Referral,
    ReferralStatus,
    SharedField,
    SupportOrganisation,
)


@transaction.atomic
def do_record_consent(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    organisation: SupportOrganisation,
    shared_fields: list[str],
) -> Consent:
    errors: dict[str, list[str]] = {}
    if set(shared_fields) - set(SharedField.values):
        errors["shared_fields"] = [_("Select what the victim agreed to share from the list")]
    if not organisation.is_active:
        errors["organisation"] = [_("Select an organisation from the directory")]
    if case.consents.filter(organisation=organisation, withdrawn_at__isnull=True).exists():
        errors["organisation"] = [_("Consent for this organisation is already recorded")]
    not_contactable = safe_contact_for(case).victim_not_contactable
    if not_contactable:
        # Only the victim can agree to a referral, and they may not be asked.
        errors["organisation"] = [
            _("The victim cannot be referred. %(reason)s") % {"reason": not_contactable}
        ]
    check(errors)
    case = change_case(case, expected_version=expected_version)
    consent = Consent.objects.create(
        case=case,
        organisation=organisation,
        shared_fields=sorted(set(shared_fields)),
        given_at=timezone.now(),
        recorded_by=actor,
    )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["consents"],
        detail={"organisation": organisation.pk, "shared_fields": consent.shared_fields},
    )
    return consent


@transaction.atomic
def do_withdraw_consent(
    *, actor: User, case: Case, expected_version: int, consent: Consent
) -> Consent:
    """The victim withdrew consent: open referrals to that organisation are withdrawn too."""
    if consent.case_id != case.pk or consent.withdrawn_at is not None:
        raise CaseActionError({"consent": [_("Select a consent the victim has given")]})
    case = change_case(case, expected_version=expected_version)
    now = timezone.now()
    consent.withdrawn_at, consent.withdrawn_recorded_by = now, actor
    consent.save(update_fields=["withdrawn_at", "withdrawn_recorded_by"])
    withdrawn = Referral.objects.filter(
        consent=consent, status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
    ).update(status=ReferralStatus.WITHDRAWN, responded_at=now)
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["consents", "referrals"] if withdrawn else ["consents"],
        detail={"organisation": consent.organisation_id, "referrals_withdrawn": withdrawn},
    )
    return consent


def shared_needs(case: Case) -> dict[str, Any]:
    """The victim's wishes as codes (the partner's page puts them in words); never triage notes
    or arrest wishes, which are for the police."""
    return {
        "wants_police_action": case.wants_police_action,
        "worried_about_reprisals": case.worried_about_reprisals,
        "update_method": case.update_method,
        "update_every_days": case.update_every_days,
        "statement": case.statement,
        "personal_statement": case.personal_statement,
    }


def shared_evidence(case: Case) -> list[dict[str, Any]]:
    """Which evidence files the partner may open (each opening is audited as a disclosure)."""
    return [
        {"id": item.pk, "name": item.original_name, "content_type": item.content_type}
        for item in case.report.evidence.all()
    ]


def shared_view(case: Case, fields: list[str]) -> dict[str, Any]:
    """Exactly the agreed fields, taken from the case now."""
    details = victim_details(case)
    submitted = case.report.answers
    preferences = safe_contact_for(case)
    available: dict[str, Any] = {
        SharedField.NAME: details.get("name", ""),
        SharedField.PHONE: details.get("phone", ""),
        SharedField.EMAIL: details.get("email", ""),
        SharedField.ADDRESS: " ".join(
            part for part in (details.get("address"), details.get("postcode")) if part
        ),
        SharedField.LANGUAGE: case.interpreter_language
        or (submitted.get("support") or {}).get("interpreter_language")
        or case.report.language,
        SharedField.ACCESSIBILITY: case.accessibility_needs,
        # The safe-contact answers go to a partner only when they describe the victim.
        SharedField.SAFE_CONTACT: {}
        if not preferences.about_the_victim
        else {
            "methods": preferences.methods,
            "safe_days": preferences.safe_days,
            "safe_from": preferences.safe_from,
            "safe_until": preferences.safe_until,
            "safe_times": preferences.safe_times,
            "voicemail_safe": preferences.voicemail_safe,
            "letter_safe": preferences.letter_safe,
        },
        SharedField.SUMMARY: submitted.get("what_happened", ""),
        SharedField.STRANDS: list(case.strands),
        SharedField.NEEDS: shared_needs(case),
        SharedField.EVIDENCE: shared_evidence(case),
    }
    return {str(name): available[name] for name in fields if name in available}


@transaction.atomic
def do_refer(
    *, actor: User, case: Case, expected_version: int, organisation: SupportOrganisation
) -> Referral:
    """Refer the victim, only with their consent for this organisation, sharing only the fields
    they agreed to. The first referral stops the 2-working-day referral clock."""
    consent = case.consents.filter(organisation=organisation, withdrawn_at__isnull=True).first()
    if consent is None:
        raise CaseActionError(
            {"organisation": [_("The victim has not agreed to be referred to this organisation")]}
        )
    open_referral = case.referrals.filter(
        organisation=organisation, status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
    )
    if open_referral.exists():
        raise CaseActionError({"organisation": [_("A referral to this organisation is open")]})
    case = change_case(case, expected_version=expected_version)
    now = timezone.now()
    referral = Referral.objects.create(
        case=case,
        organisation=organisation,
        consent=consent,
        shared=shared_view(case, consent.shared_fields),
        sent_at=now,
        sent_by=actor,
    )
    stop_clocks(case, at=now, by=actor, events=[ClockEvent.NEEDS_ASSESSED])
    if organisation.offered_by_default:
        stop_clocks(case, at=now, by=actor, events=[ClockEvent.DEFAULT_REFERRAL])
    audit_case(
        "disclose",
        actor=actor,
        case=case,
        fields=consent.shared_fields,
        recipient=f"support organisation {organisation.pk}: {organisation.name}",
        detail={"referral": referral.pk},
    )
    members = list(organisation.members.filter(is_active=True))

    def tell_members() -> None:

        for member in members:
            if member.email:
                send_message(
                    to=member.email,
                    template="partner_referral_received",
                    context={
                        "reference": f"R{referral.pk}",
                        "link": partner_referral_link(referral),
                    },
                    case=case,
                    purpose="referral",
                )

    transaction.on_commit(tell_members)
    return referral


@transaction.atomic
def do_respond_to_referral(*, actor: User, referral: Referral, accepted: bool) -> Referral:
    """The partner accepts or declines (fetch the referral with `access_referral` first)."""
    if referral.status != ReferralStatus.SENT:
        raise CaseActionError(_("This referral has already been answered or withdrawn"))
    status = ReferralStatus.ACCEPTED if accepted else ReferralStatus.DECLINED
    now = timezone.now()
    updated = Referral.objects.filter(pk=referral.pk, status=ReferralStatus.SENT).update(
        status=status, responded_at=now, responded_by=actor
    )
    if not updated:
        raise CaseActionError(_("This referral has already been answered or withdrawn"))
    referral.refresh_from_db()
    record_event(
        "alter",
        actor=actor,
        object_type="referral",
        object_id=str(referral.pk),
        fields=["status"],
        detail={"status": status},
    )
    return referral


# What the general victim service gets when the officer sends the default referral and the
# victim did not say otherwise: enough to reach them safely and to help, nothing of the report.
DEFAULT_SHARED_FIELDS = [
    SharedField.NAME,
    SharedField.PHONE,
    SharedField.EMAIL,
    SharedField.LANGUAGE,
    SharedField.SAFE_CONTACT,
]


@transaction.atomic
def do_answer_default_referral(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    answer: str,
    shared_fields: list[str] | None = None,
    declined_reason: str = "",
) -> DefaultReferral:
    """Send the referral to the general victim service that the case offers by default (with
    the victim's consent recorded for what they agree to share), or record that the victim
    declined it, with the reason. Either answers the default-referral clock."""
    errors: dict[str, list[str]] = {}
    if answer not in DefaultReferralAnswer.values:
        errors["answer"] = ["Select whether the referral is sent or the victim declined it"]
    if answer == DefaultReferralAnswer.DECLINED and not declined_reason.strip():
        errors["declined_reason"] = ["Enter why the victim declined the referral"]
    if len(declined_reason) > 2000:
        errors["declined_reason"] = ["The reason must be 2000 characters or fewer"]
    check(errors)
    organisation = SupportOrganisation.objects.filter(
        offered_by_default=True, is_active=True
    ).first()
    if organisation is None:
        raise CaseActionError(
            "No general victim service is chosen: ask an administrator to choose one in the "
            "support organisations directory"
        )
    if DefaultReferral.objects.filter(case=case).exists():
        raise CaseActionError("The default referral has already been answered")
    now = timezone.now()
    referral = None
    if answer == DefaultReferralAnswer.SENT:
        fields = list(shared_fields or DEFAULT_SHARED_FIELDS)
        consent = case.consents.filter(organisation=organisation, withdrawn_at__isnull=True)
        if not consent.exists():
            do_record_consent(
                actor=actor,
                case=case,
                expected_version=expected_version,
                organisation=organisation,
                shared_fields=fields,
            )
            expected_version += 1
        referral = do_refer(
            actor=actor, case=case, expected_version=expected_version, organisation=organisation
        )
        case.refresh_from_db()
    else:
        refuse_unless_victim_may_be_contacted(case, field="answer")
        case = change_case(case, expected_version=expected_version)
        # Offered within the Code's time and answered by the victim: the clock is met.
        stop_clocks(case, at=now, by=actor, events=[ClockEvent.DEFAULT_REFERRAL])
    default = DefaultReferral.objects.create(
        case=case,
        organisation=organisation,
        answer=answer,
        referral=referral,
        declined_reason=declined_reason.strip(),
        answered_at=now,
        answered_by=actor,
    )
    audit_case(
        "alter",
        actor=actor,
        case=case,
        fields=["default_referral"],
        detail={"answer": answer, "organisation": organisation.pk},
    )
    return default

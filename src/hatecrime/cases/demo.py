"""Demo case work (`hatecrime demo`, after the reports of step 20): cases at every stage in
Hackney, Camden and Newham, support organisations, referrals, clocks, links, closures."""

from typing import Any

from hatecrime.core.demo import demo_step

ORGANISATIONS = [
    ("Stop Hate Line", ["emotional support", "advocacy"], ["en", "ur"], [], True),
    ("Tell Community Support", ["casework", "advocacy"], ["en", "ar"], ["Muslim"], True),
    ("Galaxy LGBT+ Advice", ["advocacy", "counselling"], ["en"], ["LGBT+"], True),
]
AREAS = {
    "hackney": ("supervisor.hackney", ["officer.hackney", "officer2.hackney"]),
    "camden": ("supervisor.camden", ["officer.camden"]),
    "newham": ("supervisor.newham", ["officer.newham"]),
}
PER_AREA = 40


def _organisations() -> list[Any]:
    from hatecrime.accounts.models import User
    from hatecrime.support.models import SupportOrganisation

    made = []
    for name, services, languages, communities, everywhere in ORGANISATIONS:
        organisation, _ = SupportOrganisation.objects.get_or_create(
            name=name,
            defaults={
                "description": "Synthetic demo organisation.",
                "services": services,
                "languages": languages,
                "communities": communities,
                "covers_all_areas": everywhere,
                "how_to_refer": "Use the referral button: the service sends what the victim "
                "agreed to share.",
            },
        )
        made.append(organisation)
    partner = User.objects.filter(username="partner").first()
    if partner:
        made[2].members.add(partner)
    return made


def _bookkeeping(case: Any) -> None:
    """Demo reports may have had their case opened before the clocks existed: add them."""
    from hatecrime.cases.actions.opening import identifiers_in
    from hatecrime.cases.clocks import start_clocks
    from hatecrime.cases.models import CaseIdentifier, ClockEvent
    from hatecrime.cases.safe_contact import victim_details

    if not case.clocks.exists():
        start_clocks(case, ClockEvent.REPORT_RECEIVED, at=case.opened_at)
    if not case.identifiers.exists():
        CaseIdentifier.objects.bulk_create(
            CaseIdentifier(case=case, kind=kind, digest=digest)
            for kind, digest in identifiers_in(case.report.answers, victim_details(case))
        )


def _advance(case: Any, stage: int, supervisor: Any, officer: Any, organisation: Any) -> None:
    from hatecrime.cases import actions
    from hatecrime.support.actions import do_record_consent, do_refer

    online = "local" if case.report.online else "not_online"
    strands = [s for s in case.report.motivations if s not in ("not_sure", "other")] or ["race"]
    case = actions.do_triage_case(
        actor=supervisor,
        case=case,
        expected_version=case.version,
        strands=strands,
        targeted_community=case.targeted_community,
        classification="crime",
        not_trivial_irrational_or_malicious=None,
        basis_for_hostility=None,
        personal_data_threshold_met=None,
        online_route=online,
        risk_level=("standard", "medium", "high")[case.pk % 3],
        repeat_victimisation=False,
        vulnerability=case.pk % 5 == 0,
        escalation=False,
        priority="routine",
    )
    if stage < 2:
        return
    case = actions.do_assign_case(
        actor=supervisor, case=case, expected_version=case.version, officer=officer
    )
    if stage < 3:
        return
    case = actions.do_record_contact(
        actor=officer,
        case=case,
        expected_version=case.version,
        method="phone",
        made=True,
        outcome="Spoke to the victim; needs assessed.",
    ).case
    case = actions.do_assess_needs(
        actor=officer,
        case=case,
        expected_version=case.version,
        wants_police_action="yes",
        update_method="phone",
        update_every_days=14,
    )
    if stage >= 4:
        do_record_consent(
            actor=officer,
            case=case,
            expected_version=case.version,
            organisation=organisation,
            shared_fields=["name", "phone"],
        )
        case.refresh_from_db()
        do_refer(actor=officer, case=case, expected_version=case.version, organisation=organisation)
        case.refresh_from_db()
    if stage >= 5:
        decision = actions.do_record_decision(
            actor=officer,
            case=case,
            expected_version=case.version,
            kind=("arrested", "interviewed", "no_further_action")[case.pk % 3],
            reasons="Synthetic demo decision.",
        )
        case.refresh_from_db()
        if case.pk % 2:
            from django.utils import timezone

            actions.do_record_victim_told(
                actor=officer,
                case=case,
                expected_version=case.version,
                decision=decision,
                told_by=officer,
                told_at=timezone.now(),
                how="phone",
            )
            case.refresh_from_db()
    if stage >= 6:
        actions.do_record_update(
            actor=officer,
            case=case,
            expected_version=case.version,
            text="We have spoken to a witness and are reviewing CCTV.",
            method="phone",
            share_on_tracking=True,
        )
        case.refresh_from_db()
    if stage >= 7:
        actions.do_close_case(
            actor=officer,
            case=case,
            expected_version=case.version,
            outcome="charged" if case.pk % 2 else "no_further_action",
            reason="Synthetic demo closure.",
            victim_told=True,
        )


# Reports that genuinely share identifiers with each other (the same victim phone, the same
# suspect handle), opened through the reporting app's submit action and then linked.
LINKED_REPORTS = [
    (
        "hackney",
        {"name": "Demo Victim One", "phone": "07700 900501", "email": "one@example.invalid"},
        {"count": "one", "names": [], "handles": ["@demo_troll"]},
    ),
    (
        "camden",
        {"name": "Demo Victim Two", "phone": "07700 900502", "email": "two@example.invalid"},
        {"count": "one", "names": ["Demo Suspect"], "handles": ["@demo_harasser"]},
    ),
]


def _linked_reports() -> int:
    from hatecrime.accounts.models import User
    from hatecrime.cases import actions
    from hatecrime.cases.models import Case, CaseLink
    from hatecrime.cases.selectors import linked_report_candidates
    from hatecrime.reporting.actions import do_submit_report

    linked = 0
    for borough, contact, suspects in LINKED_REPORTS:
        officer = User.objects.filter(role="officer", areas__slug=borough).order_by("pk").first()
        if officer is None or CaseLink.objects.filter(case__area__slug=borough).exists():
            continue
        cases = []
        for what in (
            "Abusive messages about my religion sent to my phone.",
            "The same person sent more abusive messages and waited outside my home.",
        ):
            payload = {
                "reporter_role": "victim",
                "anonymous": False,
                "what_happened": what,
                "behaviours": ["verbal_abuse"],
                "occurred_on": "2026-11-10",
                "borough": borough,
                "motivations": ["religion"],
                "suspects": suspects,
                "contact": contact,
                "safe_contact": {"methods": ["phone"], "safe_times": "after 6pm"},
            }
            submitted = do_submit_report(payload=payload, channel="online", actor=None)
            cases.append(Case.objects.select_related("report").get(report=submitted.report))
        later = cases[1]
        for candidate in linked_report_candidates(officer, later):
            later.refresh_from_db()
            actions.do_link_cases(
                actor=officer,
                case=later,
                expected_version=later.version,
                other=candidate.case,
                matched_on=candidate.matched_on,
                persistently_targeted=True,
            )
            linked += 1
    return linked


@demo_step(30)
def create_case_work(**options: Any) -> str:
    from hatecrime.accounts.models import User
    from hatecrime.cases.models import Case, CaseStatus

    organisations = _organisations()
    moved = 0
    for slug, (supervisor_name, officer_names) in AREAS.items():
        supervisor = User.objects.filter(username=supervisor_name).first()
        officers = list(User.objects.filter(username__in=officer_names))
        if supervisor is None or not officers:
            continue
        cases = list(
            Case.objects.filter(area__slug=slug, status=CaseStatus.NEW)
            .select_related("report", "area")
            .order_by("-opened_at")[:PER_AREA]
        )
        for index, case in enumerate(cases):
            _bookkeeping(case)
            stage = index % 8  # 0: left new (recent ones are due, older ones overdue)
            if supervisor.role != "supervisor":
                stage = min(stage, 1)
            if stage:
                _advance(
                    case,
                    stage,
                    supervisor,
                    officers[index % len(officers)],
                    organisations[index % len(organisations)],
                )
                moved += 1
    linked = _linked_reports()
    return (
        f"{moved} demo cases worked, {linked} linked pairs, "
        f"{len(organisations)} support organisations"
    )

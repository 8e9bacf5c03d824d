"""Demo case work (`hatecrime demo`, after the reports of step 20): cases at every stage in
Hackney, Camden and Newham, support organisations, referrals, clocks, links, closures."""

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from hatecrime.accounts.models import User
from hatecrime.cases import actions
from hatecrime.cases.actions.opening import identifiers_in
from hatecrime.cases.clocks import start_clocks
from hatecrime.cases.demo_history import History, Team
from hatecrime.cases.models import Case, CaseIdentifier, CaseLink, CaseStatus, Clock, ClockEvent
from hatecrime.cases.safe_contact import victim_details
from hatecrime.cases.search import index_case
from hatecrime.cases.selectors import linked_report_candidates
from hatecrime.core.demo import demo_step
from hatecrime.core.models import Area, Strand
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Report
from hatecrime.support.models import SupportOrganisation

ORGANISATIONS = [
    ("Stop Hate Line", ["emotional support", "advocacy"], ["en", "ur"], [], True),
    ("Tell Community Support", ["casework", "advocacy"], ["en", "ar"], ["Muslim"], True),
    ("Galaxy LGBT+ Advice", ["advocacy", "counselling"], ["en"], ["LGBT+"], True),
]


def _organisations() -> list[Any]:

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

    if not case.clocks.exists():
        start_clocks(case, ClockEvent.REPORT_RECEIVED, at=case.opened_at)
    if not case.search_keys.exists():
        index_case(case)
    if not case.identifiers.exists():
        CaseIdentifier.objects.bulk_create(
            CaseIdentifier(case=case, kind=kind, digest=digest)
            for kind, digest in identifiers_in(case.report.answers, victim_details(case))
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
        # The Hackney troll too: the two boroughs' cases show a match in the other area, and the
        # analyst's clusters show one across both (docs/adr/0830).
        {"count": "one", "names": ["Demo Suspect"], "handles": ["@demo_harasser", "@demo_troll"]},
    ),
]


def _linked_reports() -> int:

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
                "motivations": [Strand.RELIGION],
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


@contextmanager
def _history_not_messaged() -> Iterator[list[int]]:
    """Work done "in the past" sends no messages now: the on-commit callbacks (messages to
    victims, officers, partners, supervisors) registered inside are dropped, and counted."""
    dropped = [0]
    with transaction.atomic():
        before = len(connection.run_on_commit)
        try:
            yield dropped
        finally:
            dropped[0] = len(connection.run_on_commit) - before
            del connection.run_on_commit[before:]


def _backing_staff() -> int:
    """Every other borough's CSU gets a supervisor and an officer (no password: they cannot sign
    in) so that its cases can be triaged, assigned and worked like the demo boroughs'."""

    made = 0
    for area in Area.objects.filter(is_triage=False, is_active=True).order_by("slug"):
        for role in ("supervisor", "officer"):
            if User.objects.filter(role=role, areas=area, is_active=True).exists():
                continue
            user = User(
                username=f"demo-{role}.{area.slug}",
                role=role,
                first_name="Demo",
                last_name=f"{role.title()} ({area.name})",
                email=f"demo-{role}.{area.slug}@example.invalid",
            )
            user.set_unusable_password()
            user.save()
            user.areas.add(area)
            made += 1
    return made


def _caseworkers(organisations: list[Any]) -> dict[int, Any]:
    """A partner caseworker per organisation (the demo `partner` for Galaxy) to answer."""

    answering = {}
    for organisation in organisations:
        member = organisation.members.filter(is_active=True).order_by("pk").first()
        if member is None:
            member = User(
                username=f"demo-caseworker.{organisation.pk}",
                role="partner",
                first_name="Demo",
                last_name=f"Caseworker ({organisation.name})",
            )
            member.set_unusable_password()
            member.save()
            organisation.members.add(member)
        answering[organisation.pk] = member
    return answering


# Reports of the last days in the demo boroughs (hours before the demo is loaded) and how far
# each has got, so that every role has something to do: new cases, first contacts due and
# overdue, a referral due, a decision the victim has not been told of, an update due today.
RECENT = [  # hours before the demo is loaded, how far the case has got, its scene
    (2, "new", 1),
    (8, "assigned", 2),
    (16, "referral_due", 4),
    (30, "assigned", 1),  # first contact overdue
    (44, "new", 5),  # first contact overdue, not even triaged
    (100, "decision_untold", 0),
    (9 * 24, "update_due_today", 3),
]
RECENT_BOROUGHS = ["hackney", "camden", "newham"]
HOUR = dt.timedelta(hours=1)


def _script(history: History, case: Any, team: Team, script: str) -> None:
    """Take a recent case as far as `script` says, at the times it would have happened."""

    if script == "new":
        return
    opened, officer = case.opened_at, team.officers[0]
    case = history.triage(case, team.supervisor, True, opened + dt.timedelta(minutes=50))
    case = history.assign(case, team.supervisor, officer, opened + dt.timedelta(minutes=80))
    if script == "assigned":
        return
    met = opened + dt.timedelta(hours=3)
    case = history.needs(history.contact(case, officer, met), officer, met, every=7)
    if script == "referral_due":  # consent given, the referral not sent yet
        history.refer(case, officer, history.organisations[0], met, history.now)
        return
    if script == "decision_untold":  # the suspect was arrested yesterday; nobody told the victim
        history.decline_referral(case, team.supervisor, met)
        actions.do_record_decision(
            actor=officer,
            case=case,
            expected_version=case.version,
            kind="arrested",
            reasons="Arrested on suspicion of a racially aggravated public order offence.",
            decided_at=history.now - dt.timedelta(hours=30),
        )
        return
    # Referred to the demo partner's organisation, who has not answered yet.
    history.refer(case, officer, history.organisations[2], met, met + dt.timedelta(hours=2))
    # An update a week ago at a later time of day: the next (weekly) one is due today.
    local = timezone.localtime(history.now)
    later = min(local + dt.timedelta(hours=2), local.replace(hour=23, minute=30))
    given = max(later, local + dt.timedelta(minutes=1)) - dt.timedelta(days=7)
    actions.do_record_update(
        actor=officer,
        case=case,
        expected_version=case.version,
        text="We have spoken to the suspect's landlord and are looking at CCTV.",
        method="phone",
        share_on_tracking=True,
        given_at=given,
    )


def _recent_intake(rng: random.Random, now: dt.datetime) -> list[tuple[int, str]]:

    made = []
    # One report per script, the boroughs taking turns: the demo's last days stay at the
    # background rate of the reporting demo, so the dashboard shows no made-up alarm this week.
    for index, (hours, script, scene) in enumerate(RECENT):
        borough = RECENT_BOROUGHS[index % len(RECENT_BOROUGHS)]
        number = rng.randint(1000, 9999)
        when = now - dt.timedelta(hours=hours, minutes=rng.randint(0, 50))
        motivations, communities, what = RECENT_SCENES[scene]
        payload = {
            "reporter_role": "victim",
            "anonymous": False,
            "what_happened": what,
            "behaviours": ["verbal_abuse"],
            "occurred_on": timezone.localtime(when).date().isoformat(),
            "borough": borough,
            "motivations": motivations,
            "targeted_communities": communities,
            "contact": {
                "name": f"Demo Person {number}",
                "phone": f"07700 900{number % 1000:03d}",
                "email": f"demo.{number}@example.invalid",
            },
            "safe_contact": {
                "methods": ["phone", "email"],
                "safe_times": rng.choice(["after 6pm", "9am to 5pm", "weekdays 10-12"]),
                "voicemail_safe": False,
                "letter_safe": False,
            },
        }
        report = do_submit_report(payload=payload, channel="online", actor=None).report
        Report.objects.filter(pk=report.pk).update(submitted_at=when)
        due = when + dt.timedelta(hours=24)
        Case.objects.filter(report=report).update(opened_at=when, first_contact_due_at=due)
        Clock.objects.filter(case__report=report, rule__code="first-contact").update(
            started_at=when, due_at=due
        )
        made.append((report.case.pk, script))
    return made


RECENT_SCENES = [
    ([Strand.RACE], ["caribbean"], "DEMO: a man on the bus shouted racist abuse and spat at them."),
    ([Strand.RELIGION], ["muslim"], "DEMO: a woman pulled at their headscarf outside the station."),
    ([Strand.RELIGION], ["jewish"], "DEMO: antisemitic graffiti was painted on their front door."),
    (
        [Strand.SEXUAL_ORIENTATION],
        ["gay_men", "bisexual_people"],
        "DEMO: a group threatened them after they left a bar.",
    ),
    (
        [Strand.DISABILITY],
        ["learning_disability"],
        "DEMO: a neighbour mocks their disability every day.",
    ),
    (
        [Strand.TRANSGENDER],
        ["trans_people"],
        "DEMO: abusive messages about them were posted online.",
    ),
]


def _teams() -> dict[int, Team]:

    teams: dict[int, Team] = {}
    staff = User.objects.filter(is_active=True, role__in=["supervisor", "officer"])
    for user in staff.prefetch_related("areas").order_by("username"):
        for area in user.areas.all():
            team = teams.setdefault(area.pk, Team(supervisor=None, officers=[]))
            if user.role == "supervisor" and team.supervisor is None:
                team.supervisor = user
            elif user.role == "officer":
                team.officers.append(user)
    return {pk: team for pk, team in teams.items() if team.supervisor and team.officers}


@demo_step(30)
def create_case_work(*, seed: int = 2026, **options: Any) -> str:

    if Case.objects.exclude(status=CaseStatus.NEW).exists():
        return "case work already there: none added"
    rng = random.Random(seed)
    now = timezone.now()
    organisations = _organisations()
    with _history_not_messaged() as dropped:
        backing = _backing_staff()
        recent = dict(_recent_intake(rng, now))
        history = History(
            rng=rng, now=now, organisations=organisations, caseworkers=_caseworkers(organisations)
        )
        teams = _teams()
        triage = User.objects.filter(role="supervisor", areas__is_triage=True).first()
        boroughs = list(Area.objects.filter(is_triage=False, is_active=True))
        worked = 0
        cases = Case.objects.filter(status=CaseStatus.NEW).select_related("report", "area")
        for case in cases.order_by("opened_at", "pk"):
            _bookkeeping(case)
            if case.area.is_triage and triage is not None and now - case.opened_at > HOUR:
                # No known borough: the triage supervisor moves it to the right one.
                case = actions.do_move_case(
                    actor=triage,
                    case=case,
                    expected_version=case.version,
                    area=rng.choice(boroughs),
                    reason="Where it happened is clear from the account.",
                )
            team = teams.get(case.area_id)
            if team is None:
                continue
            if case.pk in recent:
                _script(history, case, team, recent[case.pk])
            else:
                history.work(case, team)
            worked += 1
    linked = _linked_reports()
    counts = ", ".join(f"{name} {n}" for name, n in sorted(history.counts.items()))
    return (
        f"{worked} demo cases worked ({len(recent)} recent reports added, "
        f"{backing} backing staff), "
        f"{linked} links, {len(organisations)} support organisations; {counts}; "
        f"{dropped[0]} messages of the past not sent"
    )

"""Demo reports: several hundred clearly synthetic reports over the last two years, through
`do_submit_report` (so encrypted and audited), with a made-up surge of reports of abuse aimed
at East or South East Asian communities (mostly Chinese) in three boroughs some months ago."""

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from hatecrime.cases.models import Case, Clock
from hatecrime.core.demo import demo_step
from hatecrime.core.models import NOT_SURE, Area, Strand
from hatecrime.reporting.actions import do_submit_report
from hatecrime.reporting.models import Behaviour, Channel, Relationship, Report

TOTAL = 600
SURGE_BOROUGHS = ["newham", "tower-hamlets", "hackney"]
# The made-up surge names East or South East Asian communities, mostly Chinese: monitoring
# counts each and rolls them up to the group, so the surge shows at both levels.
SURGE_COMMUNITIES = [["chinese"]] * 6 + [["hong_kong"], ["vietnamese"], ["chinese", "korean"]]
SURGE_GROUP = "east_south_east_asian"
CHANNELS = [Channel.ONLINE] * 5 + [Channel.API] * 2 + [Channel.PHONE] * 2
CHANNELS += [Channel.FRONT_COUNTER, Channel.HOME_VISIT]
LANGUAGES = ["en-gb"] * 8 + ["cy", "ar", "ur"]
STRANDS: list[tuple[list[str], list[str]]] = [
    ([Strand.RACE], ["african"]),
    ([Strand.RACE], ["caribbean"]),
    ([Strand.RACE], ["pakistani"]),
    ([Strand.RACE], ["bangladeshi"]),
    # A low background for the communities of the made-up surge, so that their series have a
    # baseline to rise from (an all-zero history cannot show a significant rise).
    ([Strand.RACE], ["chinese"]),
    ([Strand.RACE], ["polish"]),
    ([Strand.RELIGION], ["jewish"]),
    ([Strand.RELIGION], ["muslim"]),
    ([Strand.SEXUAL_ORIENTATION], ["gay_men"]),
    ([Strand.TRANSGENDER], ["trans_people"]),
    ([Strand.DISABILITY], ["learning_disability"]),
    ([Strand.RACE, Strand.RELIGION], ["muslim", "pakistani"]),
    ([NOT_SURE], []),
]
BEHAVIOURS = [behaviour for behaviour in Behaviour if behaviour != Behaviour.OTHER]
SCENES = [
    "DEMO: a stranger shouted abuse at the bus stop.",
    "DEMO: offensive graffiti was sprayed on the front door.",
    "DEMO: a neighbour has been leaving hateful notes.",
    "DEMO: a group followed and threatened them on the way home.",
    "DEMO: abusive messages were posted about them online.",
]


def _payload(
    rng: random.Random, boroughs: list[str], day: dt.date, surge: bool, who: random.Random
) -> dict[str, Any]:
    """One synthetic report. `who` draws the people answers (a stream of its own, so the other
    answers stay what they were for a given seed)."""
    if surge:
        motivations, communities = [Strand.RACE.value], rng.choice(SURGE_COMMUNITIES)
    else:
        motivations, communities = rng.choice(STRANDS)
    anonymous = rng.random() < 0.15
    role = rng.choices(["victim", "witness", "on_behalf"], [7, 2, 1])[0]
    body: dict[str, Any] = {
        "reporter_role": role,
        "anonymous": anonymous,
        "what_happened": rng.choice(SCENES),
        "behaviours": rng.sample(BEHAVIOURS, rng.randint(1, 2)),
        "occurred_on": day.isoformat(),
        "borough": rng.choice(SURGE_BOROUGHS) if surge else rng.choice(boroughs),
        "motivations": motivations,
    }
    if communities:
        body["targeted_communities"] = communities
    # The surge happened in the street, in its boroughs (an online report may go to triage).
    if not surge and rng.random() < 0.15:
        body["online"] = {"platform": "Demo social network", "future_event": rng.random() < 0.3}
    if role == "on_behalf":
        body["on_behalf"] = {
            "relationship": who.choice(
                [Relationship.COMMUNITY_LEADER, Relationship.RELATIVE, Relationship.CARER]
            )
        }
    if role != "victim":
        # Some victims know about the report and agree to be contacted; many do not.
        body["victim_knows"] = who.choices(["yes", "no", "not_sure"], [5, 3, 2])[0]
        if body["victim_knows"] == "yes":
            body["victim_agrees_to_contact"] = who.choice(["yes", "yes", "no"])
    if not anonymous:
        number = rng.randint(1000, 9999)
        body["contact"] = {
            "name": f"Demo Person {number}",
            "email": f"demo.{number}@example.invalid",
        }
        if role != "victim" and who.random() < 0.7:
            body["victim"] = {
                "name": f"Demo Victim {number}",
                "phone": f"07700 90{number % 10000:04d}",
            }
        body["safe_contact"] = who.choice(
            [
                {"methods": ["email"], "safe_days": "any"},
                {"methods": ["phone", "text"], "safe_from": "18:00", "safe_until": "21:00"},
                {"methods": ["email"], "safe_days": "working_days", "safe_from": "09:00"},
            ]
        )
    return body


@demo_step(20)
def create_reports(*, seed: int = 2026, **options: Any) -> str:

    existing = Report.objects.count()
    if existing >= TOTAL:
        return f"{existing} reports already there: none added"
    rng, who = random.Random(seed), random.Random(seed + 1)
    boroughs = list(
        Area.objects.filter(is_triage=False, is_active=True).values_list("slug", flat=True)
    )
    today = timezone.localdate()
    surge_start = today - dt.timedelta(days=150)
    made = 0
    for index in range(TOTAL):
        surge = index % 10 == 0
        if surge:
            day = surge_start + dt.timedelta(days=rng.randint(0, 42))
        else:
            # The last ten days are left to the case demo's few recent reports.
            day = today - dt.timedelta(days=rng.randint(10, 730))
        submitted = do_submit_report(
            payload=_payload(rng, boroughs, day, surge, who),
            channel=rng.choice(CHANNELS),
            actor=None,
            language=rng.choice(LANGUAGES),
        )
        when = timezone.make_aware(
            dt.datetime.combine(day + dt.timedelta(days=rng.randint(0, 2)), dt.time(12))
        ) + dt.timedelta(minutes=rng.randint(-600, 600))
        when = min(when, timezone.now())
        Report.objects.filter(pk=submitted.report.pk).update(submitted_at=when)
        Case.objects.filter(report=submitted.report).update(opened_at=when)
        Case.objects.filter(report=submitted.report, first_contact_due_at__isnull=False).update(
            first_contact_due_at=when + dt.timedelta(hours=24)
        )
        # The first-contact clock moves back with the case, so reminders and the board agree.
        Clock.objects.filter(case__report=submitted.report, rule__code="first-contact").update(
            started_at=when, due_at=when + dt.timedelta(hours=24)
        )
        made += 1
    return f"{made} synthetic reports, with a surge ({SURGE_GROUP}) in {SURGE_BOROUGHS}"

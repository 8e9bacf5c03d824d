"""The life of one demo case, worked through the real actions at the times it would have happened.

Every step goes through `hatecrime.cases.actions` / `hatecrime.support.actions` (validated,
version-checked, audited). Actions that take a time (contacts, decisions, the victim told,
updates, review requests, clock stops) get the historical time. The few that stamp "now"
themselves (triage, assignment, needs assessment, consent, referral, the partner's answer,
closure) are moved back to their historical time straight after the action with a
`queryset.update` of exactly the timestamps that action wrote (and of the clocks it started or
stopped). The audit events keep the real time the demo was loaded: the chain is append-only.

The timeline, from the report (`opened_at`): triage and assignment within hours; first contact
mostly within 24 hours (about 8% late; of the last 3 days' reports some not yet, so a handful
overdue) with the needs assessment; a referral with consent for some (otherwise the victim
declined and a supervisor stops the referral clock); updates at the agreed frequency; decisions
told within a working day (some late); the Right to Review; closure with an outcome once the
planned work is done, if that is in the past. Anonymous reports with no contact details are
triaged and closed the same day, "recorded for intelligence".
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from hatecrime.cases import actions
from hatecrime.cases.clocks import due_at_for
from hatecrime.cases.models import (
    Case,
    Clock,
    ClockEvent,
    Closure,
    ContactMethod,
    Decision,
    RightToReview,
)
from hatecrime.cases.safe_contact import victim_details
from hatecrime.core.models import NOT_SURE, Strand
from hatecrime.reporting import people
from hatecrime.support import actions as support
from hatecrime.support.models import Consent, Referral

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
UPDATES = [
    "We have spoken to a witness and are looking at CCTV from nearby shops.",
    "We have visited the address and spoken to neighbours.",
    "The investigating officer has asked the housing association for information.",
    "We are waiting for the social media company to answer our request.",
    "Nothing new this week: the investigation continues and we will call you again.",
]
# Crime cases where the victim wants police action: plan -> weight.
PLANS = {"not_investigated": 12, "no_further_action": 40, "caution": 12, "charged": 24}
PLANS["long_running"] = 12


def _by(actor: Any, case: Case) -> dict[str, Any]:
    """Who acts on which case, at the version it is now (actions refresh the case they get)."""
    return {"actor": actor, "case": case, "expected_version": case.version}


@dataclass
class Team:
    supervisor: Any
    officers: list[Any]


@dataclass
class History:
    rng: random.Random
    now: dt.datetime  # the time the demo is loaded: every planned time is before it
    organisations: list[Any]  # Stop Hate Line (any strand), Tell (Muslim), Galaxy (LGBT+)
    caseworkers: dict[int, Any]  # organisation pk -> a partner member who answers referrals
    counts: dict[str, int] = field(default_factory=dict)

    def _past(self, when: dt.datetime) -> bool:
        return when < self.now - dt.timedelta(minutes=1)

    def _count(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1

    def work(self, case: Case, team: Team) -> None:
        rng, opened = self.rng, case.opened_at
        report = case.report
        answers = report.answers
        reachable = bool(people.reporter_details(answers) or victim_details(case))
        t_triage = opened + rng.uniform(0.3, 6) * H
        if not self._past(t_triage):
            return
        crime = rng.random() < 0.82
        case = self.triage(case, team.supervisor, crime, t_triage)
        if not reachable:
            t_close = t_triage + rng.uniform(0.2, 3) * H
            if self._past(t_close):
                self._close(
                    case,
                    team,
                    team.officers[case.pk % len(team.officers)],
                    "not_investigated" if crime else "nchi_recorded",
                    "Anonymous report with no contact details: no one to contact and no line "
                    "of enquiry. Recorded for intelligence and passed to the borough "
                    "intelligence unit.",
                    t_close,
                    told=False,
                )
                self._count("closed_no_contact_details")
            return
        officer = team.officers[case.pk % len(team.officers)]
        t_assign = t_triage + rng.uniform(0.1, 3) * H
        if not self._past(t_assign):
            return
        case = self.assign(case, team.supervisor, officer, t_assign)
        late = rng.random() < 0.08
        t_contact = max(
            opened + (rng.uniform(25, 70) if late else rng.uniform(1.5, 22)) * H, t_assign + 0.3 * H
        )
        recent = self.now - opened < 3 * D
        if not self._past(t_contact) or (recent and rng.random() < 0.4):
            return  # not yet contacted: due, or (after 24 hours) overdue
        if rng.random() < 0.25:
            case = self.contact(case, officer, t_assign + (t_contact - t_assign) * 0.4, made=False)
        case = self.contact(case, officer, t_contact)
        self._count("first_contact_late" if late else "first_contact_on_time")
        t_needs = t_contact + rng.uniform(5, 40) * dt.timedelta(minutes=1)
        if not self._past(t_needs):
            return
        case = self.needs(case, officer, t_needs)
        self._refer_or_decline(case, team, officer, t_needs)
        self._investigate(case, team, officer, t_needs, crime)

    # Steps (also used for the scripted recent cases of demo.py) ---------------------------

    def assign(self, case: Case, supervisor: Any, officer: Any, at: dt.datetime) -> Case:
        case = actions.do_assign_case(**_by(supervisor, case), officer=officer)
        return self.at(case, assigned_at=at)

    def contact(self, case: Case, officer: Any, at: dt.datetime, *, made: bool = True) -> Case:
        answers = case.report.answers
        # The victim only when they know about the report and agreed; else who reported it.
        person = "victim" if people.victim_can_be_contacted(answers) else "reporter"
        phone = bool(people.details_of(answers, person).get("phone"))
        method = (
            "phone"
            if phone
            else self.rng.choice([ContactMethod.EMAIL, ContactMethod.EMAIL, ContactMethod.VISIT])
        )
        return actions.do_record_contact(
            **_by(officer, case),
            person=person,
            method=method if made else ("phone" if phone else "email"),
            made=made,
            with_interpreter=made and case.report.language in ("ar", "ur"),
            outcome=(f"Spoke to the {person}; safe contact agreed." if made else "No answer."),
            occurred_at=at,
            # History: the demo's times are random, not chosen against the safe times.
            confirm_outside_safe_times=True,
        ).case

    def at(self, case: Case, **times: dt.datetime) -> Case:
        """Move the timestamps an action stamped with "now" back to when it happened."""
        Case.objects.filter(pk=case.pk).update(**times)
        for name, value in times.items():
            setattr(case, name, value)
        return case

    def triage(self, case: Case, supervisor: Any, crime: bool, at: dt.datetime) -> Case:
        rng, report = self.rng, case.report
        strands = [s for s in report.motivations if s not in (NOT_SURE, Strand.OTHER)]
        risk = rng.choices(["standard", "medium", "high"], [65, 27, 8])[0]
        case = actions.do_triage_case(
            **_by(supervisor, case),
            strands=strands
            or [rng.choice([Strand.RACE, Strand.RELIGION, Strand.SEXUAL_ORIENTATION]).value],
            classification="crime" if crime else "nchi",
            not_trivial_irrational_or_malicious=None if crime else True,
            basis_for_hostility=None if crime else True,
            personal_data_threshold_met=None if crime else rng.random() < 0.5,
            online_route=(rng.choice(["local", "online_hub"]) if report.online else "not_online"),
            risk_level=risk,
            repeat_victimisation=rng.random() < 0.1,
            vulnerability=rng.random() < 0.15,
            escalation=risk == "high",
            priority={"standard": "routine", "medium": "priority", "high": "urgent"}[risk],
        )
        return self.at(case, triaged_at=at)

    def needs(self, case: Case, officer: Any, at: dt.datetime, every: int = 0) -> Case:
        rng = self.rng
        interpreter = case.report.language in ("ar", "ur")
        case = actions.do_assess_needs(
            **_by(officer, case),
            interpreter_language=case.report.language if interpreter else "",
            persistently_targeted=rng.random() < 0.05,
            vulnerable_or_intimidated=rng.random() < 0.15,
            wants_police_action=rng.choices(["yes", "no", "not_sure"], [72, 16, 12])[0],
            update_method=rng.choice(
                [ContactMethod.PHONE, ContactMethod.PHONE, ContactMethod.EMAIL, ContactMethod.TEXT]
            ),
            update_every_days=every or rng.choices([14, 28, 7], [6, 3, 1])[0],
        )
        case = self.at(case, needs_assessed_at=at)
        # The referral and first update clocks it started "now" start at the assessment.
        started = Clock.objects.filter(
            case=case,
            rule__starts_on__in=[ClockEvent.NEEDS_ASSESSED, ClockEvent.UPDATE_GIVEN],
            started_at__gte=self.now,
        ).select_related("rule")
        for clock in started:
            # A "not applicable" clock (a victim who may not be contacted) stopped as it started.
            stopped = {"stopped_at": at} if clock.stop_reason else {}
            Clock.objects.filter(pk=clock.pk).update(
                started_at=at, due_at=due_at_for(clock.rule, at, case=case), **stopped
            )
        return case

    def _refer_or_decline(self, case: Case, team: Team, officer: Any, t_needs: dt.datetime) -> None:
        rng = self.rng
        # Only a victim who may be contacted can agree to a referral.
        if rng.random() >= 0.45 or not people.victim_can_be_contacted(case.report.answers):
            at = t_needs + rng.uniform(0.5, 20) * H
            if self._past(at):
                self.decline_referral(case, team.supervisor, at)
            return
        organisation = self._organisation_for(case)
        slow = rng.random() < 0.1
        t_refer = t_needs + (rng.uniform(50, 100) if slow else rng.uniform(1, 30)) * H
        referral = self.refer(case, officer, organisation, t_needs, t_refer)
        t_answer = t_refer + rng.uniform(4, 72) * H
        partner = self.caseworkers.get(organisation.pk)
        if referral is not None and partner is not None and self._past(t_answer):
            support.do_respond_to_referral(
                actor=partner, referral=referral, accepted=rng.random() < 0.85
            )
            Referral.objects.filter(pk=referral.pk).update(responded_at=t_answer)

    def decline_referral(self, case: Case, supervisor: Any, at: dt.datetime) -> None:
        """The victim did not want a referral: the supervisor stops the referral clock."""
        clock = case.clocks.filter(
            rule__starts_on=ClockEvent.NEEDS_ASSESSED, stopped_at__isnull=True
        ).first()
        if clock is not None:
            actions.do_stop_clock(**_by(supervisor, case), clock=clock, at=at)

    def refer(
        self,
        case: Case,
        officer: Any,
        organisation: Any,
        t_consent: dt.datetime,
        t_refer: dt.datetime,
    ) -> Referral | None:
        """Consent recorded at `t_consent`; the referral sent at `t_refer` if that is past."""
        consent = support.do_record_consent(
            **_by(officer, case),
            organisation=organisation,
            shared_fields=["name", "phone", "email", "language", "safe_contact"],
        )
        Consent.objects.filter(pk=consent.pk).update(given_at=t_consent)
        if not self._past(t_refer):
            return None
        referral = support.do_refer(**_by(officer, case), organisation=organisation)
        Referral.objects.filter(pk=referral.pk).update(sent_at=t_refer)
        Clock.objects.filter(
            case=case, rule__starts_on=ClockEvent.NEEDS_ASSESSED, stopped_at__gte=self.now
        ).update(stopped_at=t_refer)
        self._count("referrals")
        return referral

    def _organisation_for(self, case: Case) -> Any:
        stop_hate, tell, galaxy = self.organisations[:3]
        if {Strand.SEXUAL_ORIENTATION, Strand.TRANSGENDER} & set(case.strands):
            return galaxy
        if "muslim" in case.targeted_communities:
            return tell
        return stop_hate

    def _investigate(
        self, case: Case, team: Team, officer: Any, t_needs: dt.datetime, crime: bool
    ) -> None:
        """Decisions, updates and closure, in time order, for what is in the past."""
        rng = self.rng
        steps: list[tuple[dt.datetime, str, Any]] = []
        if not crime:
            plan, t_close = "nchi_recorded", t_needs + rng.uniform(3, 30) * D
        elif case.wants_police_action == "no":
            plan, t_close = "victim_declined", t_needs + rng.uniform(1, 10) * D
        else:
            plan = rng.choices(list(PLANS), list(PLANS.values()))[0]
            t_close, plan = self._plan_decisions(plan, t_needs, steps)
        steps.append((t_close, "close", plan))
        t = t_needs
        while True:  # updates at the agreed frequency until closure (some late)
            gap = case.update_every_days + (rng.uniform(2, 6) if rng.random() < 0.12 else -1)
            t = t + gap * D + rng.uniform(-3, 3) * H
            if t >= t_close:
                break
            steps.append((t, "update", None))
        for when, kind, what in sorted(steps, key=lambda step: step[0]):
            if not self._past(when):
                return  # the rest is still to come: the case stays open
            if kind == "update":
                update = actions.do_record_update(
                    **_by(officer, case),
                    text=rng.choice(UPDATES),
                    method=case.update_method,
                    share_on_tracking=rng.random() < 0.5,
                    given_at=when,
                )
                if update.shared_at:
                    type(update).objects.filter(pk=update.pk).update(shared_at=when)
            elif kind == "decision":
                self._decide(case, team, officer, what, when)
            elif kind == "statements":
                actions.do_record_statements(
                    **_by(officer, case),
                    statement="taken",
                    personal_statement=rng.choice(["taken", "offered", "declined"]),
                )
            elif kind == "court":  # the hearing is listed when the suspect is charged
                actions.do_add_court_date(
                    **_by(officer, case),
                    hearing_on=timezone.localtime(what).date(),
                    kind="trial",
                    court_name="Thames Magistrates' Court",
                    description="Trial at the magistrates' court",
                )
            elif kind == "verdict":
                actions.do_record_court_outcome(
                    **_by(officer, case),
                    court_date=case.court_dates.get(),
                    result="convicted" if what == "convicted" else "acquitted",
                )
            else:
                reason = {
                    "nchi_recorded": "Recorded as a non-crime hate incident; advice given.",
                    "victim_declined": "The victim does not want police action; support given.",
                }.get(what, "Investigation complete; the victim has been told the outcome.")
                self._close(case, team, officer, what, reason, when, told=True)

    def _plan_decisions(
        self, plan: str, t_needs: dt.datetime, steps: list[tuple[dt.datetime, str, Any]]
    ) -> tuple[dt.datetime, str]:
        """Add the decisions of `plan` to `steps`; return when the case closes, and how."""
        rng = self.rng
        t = t_needs + rng.uniform(2, 20) * D
        if plan == "not_investigated":
            steps.append((t, "decision", "not_investigated"))
            return t + rng.uniform(1, 5) * D, plan
        steps.append((t, "decision", "arrested"))
        steps.append((t + rng.uniform(2, 8) * H, "decision", "interviewed"))
        steps.append((t + rng.uniform(3, 9) * H, "statements", None))
        t += rng.uniform(5, 60) * D
        if plan == "no_further_action":
            steps.append((t, "decision", "no_further_action"))
            return t + rng.uniform(1, 7) * D, plan
        if plan == "caution":
            return t, plan
        if plan == "long_running":  # bailed, under investigation for months, then charged
            steps.append((t, "decision", "bailed"))
            t += rng.uniform(200, 500) * D
            steps.append((t, "decision", "charged"))
            return t + rng.uniform(1, 10) * D, "charged"
        steps.append((t, "decision", "charged"))
        hearing = t + rng.uniform(40, 120) * D
        result = "convicted" if rng.random() < 0.75 else "acquitted"
        steps.append((t + H, "court", hearing))
        steps.append((hearing + 8 * H, "verdict", result))
        return hearing + rng.uniform(1, 10) * D, result

    def _decide(self, case: Case, team: Team, officer: Any, kind: str, at: dt.datetime) -> None:
        rng = self.rng
        decision = actions.do_record_decision(
            **_by(officer, case),
            kind=kind,
            reasons="Synthetic demo decision, with the reasons given to the victim.",
            decided_at=at,
        )
        self._count("decisions")
        late = rng.random() < 0.08
        told = at + (rng.uniform(30, 90) if late else rng.uniform(0.5, 18)) * H
        # A victim who may not be contacted is never told (nor recorded as told).
        if self._past(told) and people.victim_can_be_contacted(case.report.answers):
            actions.do_record_victim_told(
                **_by(officer, case), decision=decision, told_by=officer, told_at=told, how="phone"
            )
        if kind == "no_further_action":
            self._review(case, team, officer, decision)

    def _review(self, case: Case, team: Team, officer: Any, decision: Decision) -> None:
        """The Victims' Right to Review: some ask, and are acknowledged; otherwise the window
        closes when it ends. (A result stamps "now": the demo leaves reviews undecided.)"""
        rng = self.rng
        # (Every action refreshes the case object it is given, so `case.version` is current.)
        right = case.rights_to_review.filter(decision=decision).first()
        if right is None:
            return
        window = case.clocks.filter(
            subject=right.clock_subject, stopped_at__isnull=True, stop_reason=""
        ).first()
        asked = decision.decided_at + rng.uniform(5, 60) * D
        if rng.random() < 0.12 and self._past(asked):
            actions.do_record_review_request(
                **_by(officer, case), right_to_review=right, requested_at=asked
            )
            self._count("review_requests")
            acknowledged = asked + rng.uniform(1, 13) * D
            if self._past(acknowledged):
                actions.do_acknowledge_review(
                    **_by(officer, case), right_to_review=right, acknowledged_at=acknowledged
                )
        elif window is not None and self._past(window.due_at):
            actions.do_stop_clock(**_by(team.supervisor, case), clock=window, at=window.due_at)

    def _right_to_review_from(
        self, case: Case, team: Team, closure: Closure, at: dt.datetime
    ) -> None:
        """The right to review an approved closure opened "now": it opened when it closed."""
        right = case.rights_to_review.filter(closure=closure).first()
        if right is None:
            return
        ask_by = actions.ask_by_for(at)
        RightToReview.objects.filter(pk=right.pk).update(decided_at=at, ask_by=ask_by)
        for clock in case.clocks.filter(subject=right.clock_subject).select_related("rule"):
            stopped = {"stopped_at": at} if clock.stop_reason else {}
            Clock.objects.filter(pk=clock.pk).update(started_at=at, due_at=ask_by, **stopped)
            if not clock.stop_reason and self._past(ask_by):
                clock.refresh_from_db()
                actions.do_stop_clock(**_by(team.supervisor, case), clock=clock, at=ask_by)

    def _close(
        self,
        case: Case,
        team: Team,
        actor: Any,
        outcome: str,
        reason: str,
        at: dt.datetime,
        *,
        told: bool,
    ) -> None:
        """Close the case as `actor` did; a decision not to proceed is then approved by the
        area's supervisor (who never reviews their own proposal)."""
        contact = case.contacts.filter(made=True).last() if told else None
        closure = actions.do_close_case(
            **_by(actor, case),
            outcome=outcome,
            reason=reason,
            told_in_contact=contact,
            told_of_right_to_review=contact is not None,
        )
        if closure.is_pending:
            case.refresh_from_db()
            actions.do_review_closure(**_by(team.supervisor, case), approve=True)
            Closure.objects.filter(pk=closure.pk).update(proposed_at=at, reviewed_at=at)
            self._right_to_review_from(case, team, closure, at)
        else:
            Closure.objects.filter(pk=closure.pk).update(proposed_at=at)
        Case.objects.filter(pk=case.pk).update(closed_at=at)
        # The clocks the closure stopped "now" stop when the case closed.
        Clock.objects.filter(case=case, stopped_at__gte=self.now).update(stopped_at=at)
        self._count(f"outcome_{outcome}")

"""The report journey: its pages, in order, and which of them apply to a given set of answers.

A page cannot be reached before every earlier page that applies has been completed; check
answers is reachable only when all of them have.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hatecrime.reporting.forms.about import AnonymousForm, VictimKnowsForm, WhoForm
from hatecrime.reporting.forms.base import GovukForm
from hatecrime.reporting.forms.contact import ContactForm, EvidenceForm, SupportForm
from hatecrime.reporting.forms.incident import (
    BehavioursForm,
    WhatHappenedForm,
    WhenForm,
    WhereForm,
    WhyForm,
)
from hatecrime.reporting.forms.people import InjuriesForm, SuspectsForm, WitnessesForm


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise  # the page title and the heading of its part of "check your answers"
    form: type[GovukForm]
    template: str = "reporting/step.html"

    def applies(self, answers: dict[str, Any]) -> bool:
        if self.slug == "contact":
            return answers.get("anonymous") is not True
        if self.slug == "victim-knows":
            return answers.get("reporter_role") in ("witness", "on_behalf")
        return True


STEPS: tuple[Step, ...] = (
    Step("who", _("Who are you reporting as?"), WhoForm),
    Step("victim-knows", _("Whether they know about this report"), VictimKnowsForm),
    Step("anonymous", _("Your name and contact details"), AnonymousForm),
    Step("what-happened", _("What happened"), WhatHappenedForm),
    Step("behaviour", _("What kind of behaviour"), BehavioursForm),
    Step("when", _("When it happened"), WhenForm),
    Step("where", _("Where it happened"), WhereForm),
    Step("why", _("Why you think it was hate"), WhyForm),
    Step("injuries", _("Injuries"), InjuriesForm),
    Step("suspects", _("Who did it"), SuspectsForm),
    Step("witnesses", _("Witnesses"), WitnessesForm),
    Step(
        "evidence", _("Photos, screenshots and documents"), EvidenceForm, "reporting/evidence.html"
    ),
    Step("support", _("Support and safe contact"), SupportForm),
    Step("contact", _("Contact details"), ContactForm, "reporting/contact.html"),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}


def applicable_steps(answers: dict[str, Any]) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def first_incomplete(
    answers: dict[str, Any], completed: list[str], *, before: str | None = None
) -> Step | None:
    """The first page that applies and is not completed, among those before `before` (or all)."""
    for step in applicable_steps(answers):
        if step.slug == before:
            return None
        if step.slug not in completed:
            return step
    return None


def next_step(current: str, answers: dict[str, Any]) -> Step | None:
    """The next page after `current` that applies to these answers (None: check answers)."""
    slugs = [step.slug for step in STEPS]
    position = slugs.index(current) if current in slugs else -1
    for step in STEPS[position + 1 :]:
        if step.applies(answers):
            return step
    return None

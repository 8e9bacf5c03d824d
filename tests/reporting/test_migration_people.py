"""Reports stored before the reporter and the victim were kept apart are upgraded: the safe
contact answers they gave were about the reporter ("you"), and an on-behalf answer to whether
the victim knows moves to the top level (migration reporting 0005)."""

import importlib

import pytest
from django.apps import apps

from cases.factories import make_case
from hatecrime.reporting.people import victim_can_be_contacted

pytestmark = pytest.mark.django_db

upgrade = importlib.import_module("hatecrime.reporting.migrations.0005_people_kept_apart")

LEGACY_ON_BEHALF = {
    "reporter_role": "on_behalf",
    "on_behalf": {"relationship": "friend", "victim_knows": "yes", "victim_agrees": "yes"},
    "anonymous": False,
    "what_happened": "My neighbour was shouted at",
    "occurred_on": "2026-11-18",
    "borough": "hackney",
    "motivations": ["race"],
    "safe_contact": {"methods": ["text"]},
    "contact": {"name": "Femi", "phone": "07700 900111"},
    "victim": {"name": "Neil", "phone": "07700 900456"},
}


def test_legacy_safe_contact_answers_become_the_reporters():
    case = make_case("hackney", submitted=LEGACY_ON_BEHALF)
    upgrade.forwards(apps, None)
    case.report.refresh_from_db()
    answers = case.report.answers
    assert answers["safe_contact"]["about"] == "reporter"
    assert answers["victim_knows"] == "yes"
    # Nobody asked whether the victim agrees to police contact: they are not contacted.
    assert not victim_can_be_contacted(answers)


def test_a_victims_own_report_keeps_its_answers_about_the_victim():
    case = make_case("hackney")
    upgrade.forwards(apps, None)
    case.report.refresh_from_db()
    assert case.report.answers["safe_contact"]["about"] == "victim"
    assert "victim_knows" not in case.report.answers

"""Who is who in a report: the person who reported it and the victim, kept apart.

A victim reports for themselves (`reporter_role` "victim": one person), or a witness or someone
acting for them reports it. Then the victim may not know about the report; the police may
contact them only when the reporter said they know AND agree to be contacted
(`victim_knows`, `victim_agrees_to_contact`), and only by details the report gives.

The safe-contact answers (`safe_contact`) are about ONE person, the one the police will
contact: the victim when they can be contacted, else the reporter. `safe_contact_subject` says
which, from the answers about who is who; the journey words its questions for that person.
Everything here reads the validated payload (docs/report-payload.md).
"""

from typing import Any

from django.utils.translation import gettext as _

VICTIM = "victim"
REPORTER = "reporter"
SUBJECTS = (VICTIM, REPORTER)
REACH_KEYS = ("email", "phone", "address")


def reports_for_someone_else(answers: dict[str, Any]) -> bool:
    return answers.get("reporter_role", "victim") in ("witness", "on_behalf")


def victim_consented(answers: dict[str, Any]) -> bool:
    """The reporter said the victim knows about the report and agrees to police contact."""
    return answers.get("victim_knows") == "yes" and answers.get("victim_agrees_to_contact") == "yes"


def safe_contact_subject(answers: dict[str, Any]) -> str:
    """Whom the safe-contact answers describe: "victim", "reporter", or "" (anonymous)."""
    if answers.get("anonymous") is True:
        return ""
    if not reports_for_someone_else(answers) or victim_consented(answers):
        return VICTIM
    return REPORTER


def _person(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def victim_details(answers: dict[str, Any]) -> dict[str, Any]:
    """The victim's details as far as the report gives them ({} when anonymous)."""
    if answers.get("anonymous") is True:
        return {}
    if reports_for_someone_else(answers):
        return _person(answers.get("victim"))
    return _person(answers.get("contact"))


def reporter_details(answers: dict[str, Any]) -> dict[str, Any]:
    """The reporter's own details ({} when anonymous). For a victim reporting for themselves
    these are the victim's details."""
    if answers.get("anonymous") is True:
        return {}
    return _person(answers.get("contact"))


def has_a_way_to_reach(details: dict[str, Any]) -> bool:
    return any(details.get(key) for key in REACH_KEYS)


def victim_not_contactable_reason(answers: dict[str, Any]) -> str:
    """Why the police must not contact the victim, in words for an officer ("" when they may)."""
    if answers.get("anonymous") is True:
        return _("The report was made anonymously: there is no way to contact the victim.")
    if reports_for_someone_else(answers):
        knows = answers.get("victim_knows")
        if knows == "no":
            return _("The person who reported this said the victim does not know about it.")
        if knows == "not_sure":
            return _("The person who reported this is not sure the victim knows about it.")
        if knows != "yes":
            return _("The person who reported this did not say whether the victim knows about it.")
        if answers.get("victim_agrees_to_contact") != "yes":
            return _("The victim has not agreed to be contacted by the police.")
    if not has_a_way_to_reach(victim_details(answers)):
        return _("The report gives no way to reach the victim.")
    return ""


def victim_can_be_contacted(answers: dict[str, Any]) -> bool:
    """May the police contact the victim (and send them messages) at all?"""
    return not victim_not_contactable_reason(answers)


def details_of(answers: dict[str, Any], person: str) -> dict[str, Any]:
    return victim_details(answers) if person == VICTIM else reporter_details(answers)

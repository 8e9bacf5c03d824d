"""The payload validator: every rule of docs/report-payload.md, with its message."""

import pytest
import time_machine

from hatecrime.reporting.payload import ReportInvalid, route_area, validate_report, validate_section

pytestmark = pytest.mark.django_db


def report(**changes):
    body = {
        "reporter_role": "victim",
        "anonymous": False,
        "what_happened": "Shouted at in the street",
        "occurred_on": "2026-11-01",
        "borough": "hackney",
        "motivations": ["race"],
        "contact": {"email": "sam@example.com"},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not ...}


def errors_of(body, **options):
    with pytest.raises(ReportInvalid) as raised:
        validate_report(body, **options)
    return raised.value.errors


def test_it_accepts_the_minimal_report():
    cleaned = validate_report(report())
    assert cleaned["occurred_on_approximate"] is False


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"reporter_role": ...}, "reporter_role", "Select who is reporting"),
        ({"reporter_role": "boss"}, "reporter_role", "Select who is reporting"),
        ({"anonymous": ...}, "anonymous", "Select whether you want to report anonymously"),
        ({"anonymous": "yes"}, "anonymous", "Must be true or false"),
        ({"what_happened": " \n "}, "what_happened", "Enter what happened"),
        ({"what_happened": 5}, "what_happened", "Must be text"),
        (
            {"what_happened": "x" * 20001},
            "what_happened",
            "What happened must be 20,000 characters or fewer",
        ),
        ({"occurred_on": ...}, "occurred_on", "Enter the date it happened"),
        (
            {"occurred_on": "2026-02-30"},
            "occurred_on",
            "The date it happened must be a real date, like 2026-11-01",
        ),
        ({"occurred_on": "2026-11-21"}, "occurred_on", "The date must be today or in the past"),
        (
            {"occurred_on": "1899-12-31"},
            "occurred_on",
            "The date must be the same as or after 1 January 1900",
        ),
        ({"occurred_at": "25:00"}, "occurred_at", "Enter the time in 24-hour format, like 14:30"),
        ({"occurred_on_approximate": 1}, "occurred_on_approximate", "Must be true or false"),
        ({"borough": ...}, "area", "Select the area where it happened, or 'I don't know'"),
        (
            {"borough": "atlantis"},
            "borough",
            "Select the area where it happened, or 'I don't know'",
        ),
        (
            {"borough": ..., "area": "atlantis"},
            "area",
            "Select the area where it happened, or 'I don't know'",
        ),
        ({"postcode": "NOT A CODE"}, "postcode", "Enter a real postcode, like E8 1EA"),
        (
            {"place": "x" * 1001},
            "place",
            "The description of the place must be 1,000 characters or fewer",
        ),
        (
            {"motivations": []},
            "motivations",
            "Select at least one reason you think it was motivated by hate",
        ),
        ({"motivations": ["race", "race"]}, "motivations", "Select each reason only once"),
        ({"motivations": ["hair"]}, "motivations.0", "Select a reason from the list"),
        (
            {"motivations": ["not_sure", "race"]},
            "motivations",
            "Select 'Not sure' on its own, or select the reasons",
        ),
        ({"motivations": ["other"]}, "motivation_other", "Describe the other reason"),
        ({"behaviours": ["other"]}, "behaviour_other", "Describe the other kind of behaviour"),
        (
            {"behaviours": ["threats", "threats"]},
            "behaviours",
            "Select each kind of behaviour only once",
        ),
        (
            {"targeted_communities": ["other"], "targeted_community_other": "x" * 501},
            "targeted_community_other",
            "The other community must be 500 characters or fewer",
        ),
        (
            {"targeted_communities": ["other"]},
            "targeted_community_other",
            "Tell us which other community",
        ),
        (
            {"targeted_communities": ["chinese"], "targeted_community_other": "Hakka"},
            "targeted_community_other",
            "Only describe a community when you select Other",
        ),
        (
            {"targeted_communities": ["klingon"]},
            "targeted_communities.0",
            "Select a community from the list",
        ),
        (
            {"targeted_communities": ["chinese", "chinese"]},
            "targeted_communities",
            "Select each community only once",
        ),
        (
            {"online": {"links": []}},
            "online.platform",
            "Enter the website, app or platform where it happened",
        ),
        (
            {"online": {"platform": "X", "links": ["javascript:alert(1)"]}},
            "online.links.0",
            "Enter a link that starts with http:// or https://",
        ),
        (
            {"online": {"platform": "X", "links": ["https://x.example"] * 21}},
            "online.links",
            "Enter 20 or fewer",
        ),
        (
            {"on_behalf": {"relationship": "friend", "victim_knows": "no"}},
            "on_behalf",
            "Only answer this when you report for someone else",
        ),
        (
            {"reporter_role": "on_behalf"},
            "on_behalf",
            "Tell us how you know the person it happened to",
        ),
        (
            {"reporter_role": "on_behalf", "on_behalf": {"victim_knows": "no"}},
            "on_behalf.relationship",
            "Select how you know the person it happened to",
        ),
        (
            {
                "reporter_role": "on_behalf",
                "on_behalf": {"relationship": "friend"},
                "victim_agrees_to_contact": "yes",
            },
            "victim_agrees_to_contact",
            "Only answer this when the person it happened to knows about the report",
        ),
        (
            {
                "reporter_role": "on_behalf",
                "on_behalf": {"relationship": "friend", "victim_knows": "maybe"},
            },
            "on_behalf.victim_knows",
            "Select whether the person it happened to knows you are reporting it",
        ),
        (
            {"injuries": {"injured": "maybe"}},
            "injuries.injured",
            "Select whether anyone was injured",
        ),
        ({"suspects": {"count": 3}}, "suspects.count", "Select how many people did it"),
        (
            {"suspects": {"phone_numbers": ["call me"]}},
            "suspects.phone_numbers.0",
            "Enter a phone number, like 01632 960 001 or +44 808 157 0192",
        ),
        ({"witnesses": {"any": "lots"}}, "witnesses.any", "Select whether anyone saw it happen"),
        (
            {"safe_contact": {"methods": ["letter"]}},
            "safe_contact.methods",
            "Only choose letter if it is safe to send a letter",
        ),
        (
            {"safe_contact": {"methods": ["pigeon"]}},
            "safe_contact.methods.0",
            "Select a safe way to make contact from the list",
        ),
        (
            {"support": {"referral_consent": "yes"}},
            "support.referral_consent",
            "Must be true or false",
        ),
        (
            {"contact": ...},
            "contact",
            "Enter your contact details, or choose to report anonymously",
        ),
        (
            {"contact": {"name": "Sam"}},
            "contact",
            "Enter an email address, a phone number or an address",
        ),
        (
            {"contact": {"email": "sam-at-example"}},
            "contact.email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"contact": {"phone": "12"}},
            "contact.phone",
            "Enter a phone number, like 01632 960 001 or +44 808 157 0192",
        ),
        (
            {"contact": {"email": "a@example.com", "date_of_birth": "2030-01-01"}},
            "contact.date_of_birth",
            "The date must be today or in the past",
        ),
        ({"anonymous": True}, "contact", "Do not give contact details if you report anonymously"),
        (
            {"victim": {"name": "Jo"}},
            "victim",
            "Only give the victim's details if you are a witness or report for them",
        ),
        ({"colour": "red"}, "colour", "Unknown field"),
        (
            {"injuries": {"injured": "no", "blood_type": "O"}},
            "injuries.blood_type",
            "Unknown field",
        ),
    ],
)
@time_machine.travel("2026-11-20 12:00 +00:00", tick=False)
def test_it_explains_each_rule(changes, path, message):
    assert message in errors_of(report(**changes)).get(path, [])


def test_behaviours_are_required_on_the_page():
    errors = errors_of(report(), require_behaviours=True)
    assert errors == {"behaviours": ["Select at least one kind of behaviour"]}


def test_an_anonymous_report_must_not_name_the_victim():
    errors = errors_of(
        report(anonymous=True, contact=..., reporter_role="witness", victim={"name": "Jo"})
    )
    assert "victim" in errors


def test_it_normalises_the_postcode():
    assert validate_report(report(postcode=" e81ea "))["postcode"] == "E8 1EA"


def test_an_online_report_needs_no_borough():
    cleaned = validate_report(report(borough=..., online={"platform": "A forum"}))
    assert cleaned["borough"] == "unknown"


def test_a_witness_may_give_what_they_know_of_the_victim():
    cleaned = validate_report(report(reporter_role="witness", victim={"name": "Jo"}))
    assert cleaned["victim"] == {"name": "Jo"}


def test_a_page_section_is_checked_on_its_own():
    cleaned, errors = validate_section("when", {"occurred_on": "2026-11-01"})
    assert errors == {}
    assert cleaned == {"occurred_on": "2026-11-01", "occurred_on_approximate": False}


def test_a_page_section_rejects_fields_of_other_sections():
    _, errors = validate_section("when", {"occurred_on": "2026-11-01", "borough": "hackney"})
    assert errors == {"borough": ["Unknown field"]}


def test_the_contact_section_uses_the_earlier_answers():
    _, errors = validate_section("contact", {"anonymous": True, "reporter_role": "victim"})
    assert errors == {}
    _, errors = validate_section("contact", {"anonymous": False, "reporter_role": "victim"})
    assert "contact" in errors


def test_it_never_raises_on_hostile_shapes():
    for hostile in ([], "x", None, {"online": []}, {"contact": {"email": {"$ne": 1}}}):
        with pytest.raises(ReportInvalid):
            validate_report(hostile)


def test_it_routes_to_the_borough():
    assert route_area(validate_report(report())).slug == "hackney"


def test_it_routes_an_unknown_place_to_triage():
    assert route_area(validate_report(report(borough="unknown"))).is_triage


def test_an_online_report_goes_to_triage_by_default():
    cleaned = validate_report(report(online={"platform": "A forum"}))
    assert route_area(cleaned).is_triage


@pytest.mark.parametrize("flag", ["immediate_danger", "poster_identity_known", "future_event"])
def test_the_true_vision_rule_sends_it_to_the_local_borough(flag):
    cleaned = validate_report(report(online={"platform": "A forum", flag: True}))
    assert route_area(cleaned).slug == "hackney"


def test_true_vision_without_a_borough_goes_to_triage():
    cleaned = validate_report(
        report(borough=..., online={"platform": "A forum", "future_event": True})
    )
    assert route_area(cleaned).is_triage

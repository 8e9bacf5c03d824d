from hatecrime.cases.demo import create_case_work
from hatecrime.core.demo.staff import create_staff


def test_the_demo_puts_cases_at_every_stage(db):
    from cases.factories import make_case
    from hatecrime.cases.models import Case

    create_staff()
    for _ in range(8):
        make_case("hackney")
    summary = create_case_work()
    assert "7 demo cases worked" in summary
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"new", "triaged", "assigned", "in_progress", "closed"} <= statuses


def test_the_demo_gives_every_role_something_to_do(db):
    from cases.factories import make_case
    from hatecrime.cases.models import CaseLink
    from hatecrime.support.models import Referral

    create_staff()
    for area in ("hackney", "camden", "newham"):
        for _ in range(8):
            make_case(area)
    create_case_work()
    # Newham has a supervisor who assigns its cases.
    assert Referral.objects.filter(case__area__slug="newham").exists()
    # Genuinely linked reports: the link was found from the shared identifiers, both ways.
    links = CaseLink.objects.filter(case__area__slug__in=["hackney", "camden"])
    assert links.count() == 4
    assert all({"victim_phone", "suspect_handle"} <= set(link.matched_on) for link in links)
    # The demo partner has referrals to answer.
    assert Referral.objects.filter(organisation__members__username="partner").exists()
    # Running it again adds no more links.
    create_case_work()
    assert CaseLink.objects.count() == 4

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

import pytest

from hatecrime.core.models import Area


@pytest.mark.django_db
def test_it_has_the_32_london_boroughs_and_a_triage_queue():
    assert Area.objects.filter(is_triage=False).count() == 32
    assert Area.objects.get(slug="tower-hamlets").name == "Tower Hamlets"
    assert Area.objects.get(slug="unknown").is_triage

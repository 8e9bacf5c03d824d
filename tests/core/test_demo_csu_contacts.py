"""The demo boroughs' CSUs have a team number and hours, so tracking shows one from day one."""

import pytest

from hatecrime.core.demo.staff import set_csu_contacts
from hatecrime.core.models import Area

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_demo_borough_a_csu_number_and_hours():
    set_csu_contacts()
    for slug in ("hackney", "camden", "newham", "unknown"):
        area = Area.objects.get(slug=slug)
        assert area.csu_phone.startswith("020 7946 ")
        assert area.csu_hours

"""A partner organisation with pat as its caseworker, and a referral sent through the case pages
exactly as an officer sends one (registered as a pytest plugin in tests/conftest.py)."""

from typing import Any

import pytest

from hatecrime.cases.models import Case
from hatecrime.support.models import Referral, SupportOrganisation


@pytest.fixture
def victim_support(pat: Any) -> SupportOrganisation:
    organisation = SupportOrganisation.objects.create(
        name="Victim Support Hackney", covers_all_areas=True
    )
    organisation.members.add(pat)
    return organisation


def refer_through_pages(
    client: Any, officer: Any, case: Case, organisation: SupportOrganisation, shared: list[str]
) -> Referral:
    """The officer records the victim's consent to share `shared` and refers; logs out after."""
    reference = case.report.reference
    client.force_login(officer)
    response = client.post(
        f"/staff/cases/{reference}/consent/",
        {
            "version": Case.objects.get(pk=case.pk).version,
            "organisation": organisation.pk,
            "shared_fields": shared,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        f"/staff/cases/{reference}/refer/",
        {"version": Case.objects.get(pk=case.pk).version, "organisation": organisation.pk},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return Referral.objects.get(case=case, organisation=organisation)

"""Named people, one per role, used across the tests (as in healthchecks: alice, bob...).

- alice: CSU officer, Hackney          - bob: CSU officer, Camden
- hannah: CSU supervisor, Hackney      - carl: call handler
- ann: analyst                         - cora: command
- pat: partner caseworker              - adam: administrator
"""

import pytest

PASSWORD = "correct-horse-battery-staple"


def make_staff(username: str, role: str, areas: list[str] | None = None, **extra):
    from hatecrime.accounts.models import User
    from hatecrime.core.models import Area

    user = User.objects.create_user(username=username, password=PASSWORD, role=role, **extra)
    if areas:
        user.areas.set(Area.objects.filter(slug__in=areas))
    return user


@pytest.fixture
def alice(db):
    return make_staff("alice", "officer", ["hackney"], direct_phone="020 7946 0999")


@pytest.fixture
def bob(db):
    return make_staff("bob", "officer", ["camden"], direct_phone="020 7946 0888")


@pytest.fixture
def hannah(db):
    return make_staff("hannah", "supervisor", ["hackney"])


@pytest.fixture
def carl(db):
    return make_staff("carl", "call_handler")


@pytest.fixture
def ann(db):
    return make_staff("ann", "analyst")


@pytest.fixture
def cora(db):
    return make_staff("cora", "command")


@pytest.fixture
def pat(db):
    return make_staff("pat", "partner")


@pytest.fixture
def adam(db):
    return make_staff("adam", "administrator")

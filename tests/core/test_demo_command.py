import types

import pytest
from django.core.management import call_command

from hatecrime.core.management.commands import demo as demo_command
from hatecrime.core.models import DemoStepLoaded

NO_IMPORTS = types.SimpleNamespace(import_module=lambda *args, **kwargs: None)


@pytest.fixture
def only_a_counting_step(monkeypatch):
    calls = []

    def count_me(**options):
        calls.append(options)
        return "counted"

    # Only this step: the real data steps are tested in their own apps.
    monkeypatch.setattr(demo_command, "STEPS", [(5, "tests.count_me", count_me)])
    monkeypatch.setattr(demo_command, "importlib", NO_IMPORTS)
    return calls


@pytest.mark.django_db
def test_each_step_runs_once_however_often_demo_is_run(only_a_counting_step):
    call_command("demo")
    call_command("demo")
    assert len(only_a_counting_step) == 1
    assert DemoStepLoaded.objects.filter(name="tests.count_me").count() == 1


@pytest.mark.django_db
def test_a_failed_step_is_not_marked_loaded(monkeypatch):
    def broken(**options):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(demo_command, "STEPS", [(5, "tests.broken", broken)])
    monkeypatch.setattr(demo_command, "importlib", NO_IMPORTS)
    with pytest.raises(RuntimeError):
        call_command("demo")
    assert not DemoStepLoaded.objects.exists()


def test_it_prints_the_demo_password(capsys):
    call_command("demo", "--print-password")
    assert capsys.readouterr().out.strip() == demo_command.DEMO_PASSWORD

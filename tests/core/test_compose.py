"""compose.yaml and deploy/: the several-node deployment of docs/operations.md is well formed
and agrees with the settings (it cannot be run here: no container image can be pulled)."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_KEYS = {
    "SECRET_KEY",
    "HATECRIME_ENCRYPTION_KEYS",
    "HATECRIME_BLIND_INDEX_KEY",
    "HATECRIME_AUDIT_KEY",
}


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]


def app_services(services):
    return {
        name: service for name, service in services.items() if name.startswith(("web", "worker"))
    }


def test_it_has_two_web_nodes_two_workers_a_database_a_proxy_and_a_migration(services):
    assert {"postgres", "migrate", "web1", "web2", "worker1", "worker2", "proxy"} <= set(services)


def test_the_web_nodes_run_gunicorn_as_production_does(services):
    for name in ("web1", "web2"):
        command = " ".join(services[name]["command"])
        assert "gunicorn -c python:hatecrime.gunicorn_conf hatecrime.wsgi:application" in command


def test_the_workers_run_the_worker(services):
    for name in ("worker1", "worker2"):
        assert services[name]["command"] == ["hatecrime", "run_worker"]


def test_every_node_shares_one_configuration_and_waits_for_the_migration(services):
    nodes = app_services(services)
    assert len(nodes) == 4
    for service in nodes.values():
        assert service["env_file"] == "deploy/hatecrime.env"  # the same keys everywhere
        assert service["environment"]["HATECRIME_DB_POOL"] == "true"
        assert service["environment"]["HATECRIME_ENV"] == "production"
        assert "shared:/srv/shared" in service["volumes"]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["hatecrime", "migrate", "--no-input"]


def test_files_read_by_other_nodes_are_on_the_shared_volume(services):
    environment = services["web1"]["environment"]
    for setting in (
        "HATECRIME_OPEN_DATA_DIR",
        "HATECRIME_ERASURE_LEDGER_FILE",
        "HATECRIME_AUDIT_HEAD_FILE",
    ):
        assert environment[setting].startswith("/srv/shared/")


def test_the_example_environment_names_every_key_production_requires():
    example = (ROOT / "deploy" / "hatecrime.env.example").read_text().splitlines()
    names = {line.split("=", 1)[0] for line in example if "=" in line and not line.startswith("#")}
    assert names >= PRODUCTION_KEYS | {"DATABASE_URL", "ALLOWED_HOSTS", "HATECRIME_SITE_URL"}


def test_the_proxy_sends_to_both_web_nodes():
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web1:8000" in nginx and "server web2:8000" in nginx
    assert "X-Forwarded-Proto https" in nginx
    assert "$remote_addr" not in nginx  # no client address is logged

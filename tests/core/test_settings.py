import subprocess
import sys


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import hatecrime.settings.base"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_production_fails_loudly_without_secrets(tmp_path):
    result = run_settings({"HATECRIME_ENV": "production", "HATECRIME_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when HATECRIME_ENV=production" in result.stderr


def test_production_fails_loudly_without_encryption_keys(tmp_path):
    env = {
        "HATECRIME_ENV": "production",
        "SECRET_KEY": "x" * 50,
        "HATECRIME_VAR_DIR": str(tmp_path),
    }
    result = run_settings(env)
    assert result.returncode != 0
    assert "HATECRIME_ENCRYPTION_KEYS must be set" in result.stderr


def test_development_makes_its_own_secrets_once(tmp_path):
    env = {"HATECRIME_VAR_DIR": str(tmp_path)}
    assert run_settings(env).returncode == 0
    first = (tmp_path / "development-secrets.json").read_text()
    assert run_settings(env).returncode == 0
    assert (tmp_path / "development-secrets.json").read_text() == first


def test_processes_starting_together_on_a_fresh_var_share_one_set_of_secrets(tmp_path):
    """make run's web and worker (and the several-node test) start at once on a new var/:
    none may fail, and all must read the same keys, or one could not read the other's data."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from hatecrime.settings.env import development_secrets\n"
        "print(json.dumps(development_secrets(Path(sys.argv[1]))))\n"
    )
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path / "var")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outputs = [start.communicate(timeout=60) for start in starts]
    assert [start.returncode for start in starts] == [0] * 8, [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1
    assert sorted(p.name for p in (tmp_path / "var").iterdir()) == [
        "development-secrets.json",
        "development-secrets.lock",
    ]

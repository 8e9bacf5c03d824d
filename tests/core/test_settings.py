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

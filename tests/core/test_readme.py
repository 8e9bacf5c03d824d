"""The README is the contract with a newcomer: it must tell the truth about configuration."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def environment_variables_read_by_the_code() -> set[str]:
    pattern = re.compile(
        r"""env_(?:str|int|float|bool|list)\(\s*"([A-Z_]+)"|os\.environ(?:\.get\(|\[)"([A-Z_]+)\""""
    )
    found: set[str] = set()
    for path in [*(ROOT / "src").rglob("*.py"), *(ROOT / "bench").glob("*.py")]:
        for match in pattern.finditer(path.read_text()):
            found.add(match.group(1) or match.group(2))
    return found - {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def test_every_environment_variable_is_documented():
    names = environment_variables_read_by_the_code()
    assert len(names) > 20  # the pattern really finds them
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert not missing, f"README's Configuration does not list: {missing}"


def test_every_screenshot_in_the_readme_exists():
    images = re.findall(r"\]\((docs/screenshots/[^)]+\.png)\)", README)
    assert images
    assert [image for image in images if not (ROOT / image).exists()] == []


def test_it_gives_the_two_commands():
    assert "make run" in README and "make test" in README

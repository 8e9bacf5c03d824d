"""Package boundaries (docs/architecture.md, "Package boundaries"): a package uses another only
through that package's public modules, never a name starting with `_`, and an import inside a
function says why it cannot be at the top of the module."""

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGES = {
    "accounts",
    "api",
    "audit",
    "cases",
    "core",
    "dataprotection",
    "feedback",
    "monitoring",
    "notifications",
    "reporting",
    "support",
}
# What every package may offer the others: its writes, its reads, its access functions, its
# models and code lists (the `TextChoices` live beside the models, ADR 0410).
PUBLIC = {"actions", "selectors", "access", "models"}
# What some packages offer beyond that, and why.
ALSO_PUBLIC = {
    # The shared foundation: base model, encrypted fields, keys, areas, calendar, form fields,
    # scheduler, demo framework, labels. Everything in it is for the other packages.
    "core": {"*"},
    # The permission rules and their queryset filters; the decorator every staff page uses.
    "accounts": {"permissions", "decorators"},
    # The one shape of a report and its validator (the API schema is built from its parts);
    # who is who in a report's answers; evidence files and their store (ADR 0751); references;
    # track my report; the API's Idempotency-Key; the intake's limits and proof-of-work, which
    # the API shares with the pages (ADR 0550, 0551).
    "reporting": {
        "payload",
        "payload_contact",
        "payload_people",
        "payload_communities",
        "people",
        "evidence",
        "evidence_store",
        "references",
        "tracking",
        "idempotency",
        "intake_limits",
        "proof_of_work",
    },
    # Serving an evidence file (staff and partners); case search (pages and the API); the
    # victim's safe-contact preferences (messages and referrals).
    # Which Victims' Code rights a case met on time (the case page; monitoring's counts).
    "cases": {"evidence", "search", "safe_contact", "compliance"},
    # The one gateway; messages to victims and staff; the receipt of a report.
    "notifications": {"gateway", "victims", "receipts"},
    # The dashboard's filters, its series' dimensions and its episodes, which the staff API's
    # series endpoint reads as the dashboard does, so that the two always agree.
    "monitoring": {"forms", "series", "episodes"},
}
# A comment on the line of an import inside a function, or on the lines just above it,
# containing this says why the import cannot be at the top of the module.
REASON = "imported here:"


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted((SRC / "hatecrime").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in PACKAGES else None


def _imports(module: str, path: Path) -> list[tuple[ast.ImportFrom | ast.Import, list[str]]]:
    """Each import statement with the full names of the modules or objects it imports."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[tuple[ast.ImportFrom | ast.Import, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.append((node, [alias.name for alias in node.names]))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + is_package]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            found.append((node, [f"{source}.{alias.name}" for alias in node.names]))
    return found


def _is_public(target: str) -> bool:
    """`hatecrime.<package>.<module>[...].<name>`: allowed when <module> is public."""
    parts = target.split(".")
    package, rest = parts[1], parts[2:]
    if any(part.startswith("_") and part != "__init__" for part in rest):
        return False
    allowed = PUBLIC | ALSO_PUBLIC.get(package, set())
    if "*" in allowed:
        return True
    # `from hatecrime.cases import actions` and `from hatecrime.cases.actions import x` are
    # both the actions module; `hatecrime.cases.actions.base` is behind it.
    if not rest or rest[0] not in allowed:
        return False
    module_path = SRC / "hatecrime" / package / rest[0]
    return (
        len(rest) == 1
        or not module_path.is_dir()
        or (
            len(rest) == 2
            and not ((module_path / f"{rest[1]}.py").exists() or (module_path / rest[1]).is_dir())
        )
    )


def crossings_through_internals() -> list[str]:
    found = []
    for module, path in _modules():
        own = _package(module)
        for node, targets in _imports(module, path):
            for target in targets:
                if not target.startswith("hatecrime.") or _package(target) in (None, own):
                    continue
                if not _is_public(target):
                    found.append(f"{module}:{node.lineno} imports {target}")
    return found


def imports_inside_functions_without_a_reason() -> list[str]:
    found = []
    for module, path in _modules():
        lines = path.read_text().splitlines()
        tree = ast.parse("\n".join(lines), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if not isinstance(node, (ast.Import, ast.ImportFrom)):
                    continue
                # The import's own lines and the comment lines right above it.
                above = node.lineno - 2
                while above >= 0 and lines[above].strip().startswith("#"):
                    above -= 1
                said = "\n".join(lines[above + 1 : node.end_lineno])
                if REASON not in said:
                    found.append(f"{module}:{node.lineno}")
    return found


def test_no_package_imports_another_packages_internals():
    assert crossings_through_internals() == []


def test_every_import_inside_a_function_says_why():
    assert imports_inside_functions_without_a_reason() == []


def test_the_rule_tells_public_modules_from_internals():
    assert _is_public("hatecrime.cases.actions.do_assign_case")
    assert _is_public("hatecrime.cases.actions")
    assert _is_public("hatecrime.cases.models.Case")
    assert _is_public("hatecrime.support.access.access_referral")
    assert _is_public("hatecrime.core.crypto.encrypt")
    assert not _is_public("hatecrime.cases.actions.base.change_case")
    assert not _is_public("hatecrime.cases.clocks.stop_clocks")
    assert not _is_public("hatecrime.cases.selectors._helper")
    assert not _is_public("hatecrime.core.crypto._keys")
    assert not _is_public("hatecrime.reporting.forms.base.GovukForm")


def test_the_scan_finds_an_import_inside_a_function(tmp_path, monkeypatch):
    module = tmp_path / "hatecrime" / "cases" / "sample.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def quiet():\n"
        "    from hatecrime.reporting.forms.base import GovukForm\n"
        "\n"
        "def explained():\n"
        "    # imported here: reporting.actions imports cases\n"
        "    from hatecrime.reporting.actions import do_submit_report\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    assert imports_inside_functions_without_a_reason() == ["hatecrime.cases.sample:2"]
    assert crossings_through_internals() == [
        "hatecrime.cases.sample:2 imports hatecrime.reporting.forms.base.GovukForm"
    ]

"""Each code list is defined once (docs/adr/0410-one-home-for-each-code-list.md): a second list
of strand, behaviour, relationship or contact-method codes anywhere in src/ fails here, and
every list built from the home covers every code."""

import ast
from pathlib import Path

import pytest

from hatecrime.cases.models import ContactMethod
from hatecrime.core.models import MOTIVATIONS, NOT_SURE, Strand, strand_label
from hatecrime.reporting.models import Behaviour, Relationship

SRC = Path(__file__).resolve().parents[2] / "src" / "hatecrime"
HOME_OF = {
    "Strand": SRC / "core" / "models.py",
    "Behaviour": SRC / "reporting" / "models.py",
    "Relationship": SRC / "reporting" / "models.py",
    "ContactMethod": SRC / "cases" / "models" / "case.py",
}


def _python_files() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]


def _literal_codes(node: ast.AST, codes: set[str]) -> list[str]:
    """The codes written as string literals in one list, tuple, set or dict (its keys)."""
    if isinstance(node, ast.Dict):
        elements = [key for key in node.keys if key is not None]
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        elements = list(node.elts)
        # A (code, label) pair list: look inside each pair's first element too.
        elements += [e.elts[0] for e in node.elts if isinstance(e, ast.Tuple) and e.elts]
    else:
        return []
    return [e.value for e in elements if isinstance(e, ast.Constant) and e.value in codes]


def _second_lists(codes: set[str], home: Path, at_least: int) -> list[str]:
    found = []
    for path in _python_files():
        if path == home:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            literal = _literal_codes(node, codes)
            if len(set(literal)) >= at_least:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {sorted(set(literal))}")
    return found


def test_no_second_list_of_strand_codes_exists_in_src():
    assert _second_lists(set(Strand.values) | {NOT_SURE}, HOME_OF["Strand"], 2) == []


def test_no_second_list_of_behaviour_codes_exists_in_src():
    codes = set(Behaviour.values) - {Behaviour.OTHER}
    assert _second_lists(codes, HOME_OF["Behaviour"], 2) == []


def test_no_second_list_of_relationship_codes_exists_in_src():
    codes = set(Relationship.values) - {Relationship.OTHER}
    assert _second_lists(codes, HOME_OF["Relationship"], 2) == []


def test_no_second_list_of_contact_method_codes_exists_in_src():
    # Three: "email", "phone" and "text" are also the names of a person's details.
    assert _second_lists(set(ContactMethod.values), HOME_OF["ContactMethod"], 3) == []


def test_the_public_and_staff_forms_offer_every_relationship_and_contact_method():
    from hatecrime.cases.forms.record import RecordReportForm
    from hatecrime.reporting.forms.about import RELATIONSHIP_CHOICES
    from hatecrime.reporting.forms.contact import METHOD_CHOICES
    from hatecrime.reporting.payload import RELATIONSHIPS
    from hatecrime.reporting.payload_contact import CONTACT_METHODS

    assert {code for code, _ in RELATIONSHIP_CHOICES if code} == set(Relationship.values)
    assert set(RELATIONSHIPS) == set(Relationship.values)
    assert {code for code, _ in METHOD_CHOICES} == set(ContactMethod.values)
    assert set(CONTACT_METHODS) == set(ContactMethod.values)
    staff = RecordReportForm.base_fields
    assert {c for c, _ in staff["on_behalf__relationship"].choices if c} == set(Relationship.values)  # type: ignore[attr-defined]
    assert {c for c, _ in staff["safe_contact__methods"].choices} == set(ContactMethod.values)  # type: ignore[attr-defined]


def test_the_scan_would_find_a_second_list(tmp_path):
    copy = ast.parse('STRANDS = [("race", "Race"), ("age", "Age")]')
    assert _literal_codes(copy.body[0].value, set(Strand.values)) == ["race", "age"]  # type: ignore[attr-defined]


def test_every_strand_and_motivation_has_words():
    for code in [*Strand.values, *MOTIVATIONS]:
        assert strand_label(code) != code


@pytest.mark.parametrize("code", ["sex_gender", "age", "alternative_subculture"])
def test_every_locally_monitored_strand_is_a_dashboard_filter_and_a_triage_choice(code):
    from hatecrime.cases.forms.actions import STRAND_CHOICES
    from hatecrime.monitoring.forms import STRANDS

    assert code in dict(STRANDS)
    assert code in dict(STRAND_CHOICES)


def test_the_importers_only_give_strands_of_the_one_list():
    from hatecrime.monitoring.importers.strands import strand_for

    categories = [
        "Anti-Female", "Anti-Male", "Anti-Gay (Male)", "Anti-Jewish", "Anti-Asian",
        "Anti-Transgender", "Anti-Physical Disability", "Alternative subculture", "Age",
    ]  # fmt: skip
    strands = {strand_for(category) for category in categories}
    assert strands <= set(Strand.values)
    assert strand_for("Anti-Female") == Strand.SEX_GENDER
    assert strand_for("Alternative subculture (goth)") == Strand.ALTERNATIVE_SUBCULTURE
    assert strand_for("Age") == Strand.AGE

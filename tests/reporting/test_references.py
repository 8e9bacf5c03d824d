"""References are read aloud and reveal nothing; tracking codes are secrets kept as hashes."""

import re

from hatecrime.reporting.references import (
    ALPHABET,
    hash_tracking_code,
    new_reference,
    new_tracking_code,
    normalise_reference,
    tracking_code_matches,
)


def test_the_alphabet_has_no_characters_that_sound_or_look_alike():
    assert not set("01OILU") & set(ALPHABET)


def test_a_reference_is_short_and_grouped():
    assert re.fullmatch(
        r"HC-[23456789A-HJKMNP-TV-Z]{4}-[23456789A-HJKMNP-TV-Z]{4}", new_reference()
    )


def test_references_are_random_not_sequential():
    references = [new_reference() for _ in range(200)]
    assert len(set(references)) == 200
    assert references != sorted(references)


def test_a_reference_read_back_sloppily_is_understood():
    assert normalise_reference("hc 7kq4 m2xd") == "HC-7KQ4-M2XD"


def test_a_tracking_code_has_at_least_80_bits():
    code = new_tracking_code()
    characters = code.replace("-", "")
    assert len(characters) * 4.9 >= 80  # log2(30) > 4.9
    assert all(len(group) == 4 for group in code.split("-"))


def test_a_tracking_code_is_kept_only_as_a_keyed_hash():
    code = new_tracking_code()
    digest = hash_tracking_code(code)
    assert code.replace("-", "") not in digest
    assert tracking_code_matches(code.lower(), digest)
    assert not tracking_code_matches(new_tracking_code(), digest)

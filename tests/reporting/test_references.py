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


def test_every_random_byte_maps_to_the_symbol_the_rule_gives_and_biased_bytes_are_dropped(
    monkeypatch,
):
    from hatecrime.reporting import references

    every_byte = bytes(range(256))
    monkeypatch.setattr(references.secrets, "token_bytes", lambda n: every_byte[:n])
    # 40 bytes asked for 20 symbols: the first 20 bytes, each ALPHABET[byte % 30]
    assert references._random(20) == "".join(ALPHABET[b % len(ALPHABET)] for b in range(20))
    draws = iter([bytes(range(240, 256)), bytes(range(100, 116))])  # 240..255 would bias
    monkeypatch.setattr(references.secrets, "token_bytes", lambda n: next(draws))
    # the first draw is all rejected, so a second is made
    assert references._random(8) == "".join(ALPHABET[b % len(ALPHABET)] for b in range(100, 108))


def test_a_tracking_code_typed_with_spaces_and_odd_characters_still_matches():
    code = new_tracking_code()
    assert tracking_code_matches(
        " " + code.lower().replace("-", " . ") + "\n", hash_tracking_code(code)
    )

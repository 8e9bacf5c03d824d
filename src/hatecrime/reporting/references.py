"""References and tracking codes (docs/adr/0300-reference-and-tracking-code.md).

A reference is read aloud over the phone: 8 random characters from an alphabet without the
letters that sound or look alike (no 0/O, 1/I/L, U), grouped as HC-XXXX-XXXX. It is random, so
it reveals nothing about volumes. A tracking code is a secret: 20 characters of the same
alphabet in groups of 4 (98 bits), shown once, stored only as a keyed hash.
"""

import hashlib
import hmac
import secrets
from functools import cache

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # 30 symbols: no 0, O, 1, I, L, U
REFERENCE_PREFIX = "HC"
REFERENCE_LENGTH = 8
TRACKING_CODE_LENGTH = 20  # 30 ** 20 > 2 ** 98
TRACKING_GROUP = 4


_UNBIASED = 256 // len(ALPHABET) * len(ALPHABET)  # bytes below this map evenly onto ALPHABET
# For `bytes.translate`: bytes >= _UNBIASED are deleted, each other byte b becomes the symbol
# ALPHABET[b % len(ALPHABET)] (one C call per draw instead of a generator step per byte).
_SYMBOL_OF_BYTE = bytes(ord(ALPHABET[byte % len(ALPHABET)]) for byte in range(256))
_REJECTED_BYTES = bytes(range(_UNBIASED, 256))


def _random(length: int) -> str:
    """`length` symbols of ALPHABET, uniformly at random (one call to the OS's CSPRNG, not one
    per symbol; bytes >= _UNBIASED are rejected so that every symbol is equally likely)."""
    symbols = b""
    while len(symbols) < length:
        symbols += secrets.token_bytes(2 * length).translate(_SYMBOL_OF_BYTE, _REJECTED_BYTES)
    return symbols[:length].decode("ascii")


def _group(value: str, size: int) -> list[str]:
    return [value[i : i + size] for i in range(0, len(value), size)]


def new_reference() -> str:
    return "-".join([REFERENCE_PREFIX, *_group(_random(REFERENCE_LENGTH), 4)])


def normalise_reference(value: str) -> str:
    """What a person typed or read out, in canonical form (HC-7KQ4-M2XD)."""
    compact = "".join(ch for ch in value.upper() if ch.isalnum())
    if compact.startswith(REFERENCE_PREFIX):
        compact = compact[len(REFERENCE_PREFIX) :]
    return "-".join([REFERENCE_PREFIX, *_group(compact, 4)])


def new_tracking_code() -> str:
    return "-".join(_group(_random(TRACKING_CODE_LENGTH), TRACKING_GROUP))


def normalise_tracking_code(value: str) -> str:
    return "".join(filter(str.isalnum, value.upper()))


@cache
def _tracking_key() -> bytes:
    return hashlib.sha256(
        b"hatecrime-tracking-code:" + settings.HATECRIME_BLIND_INDEX_KEY.encode()
    ).digest()


def hash_tracking_code(code: str) -> str:
    normalised = normalise_tracking_code(code)
    return hmac.digest(_tracking_key(), normalised.encode(), "sha256").hex()


def tracking_code_matches(code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_tracking_code(code), stored_hash)

"""Encryption of personal data at rest, with keys that are not SECRET_KEY.

Tokens carry the id of the key that made them, so keys can be rotated: the first key in
HATECRIME_ENCRYPTION_KEYS encrypts, every listed key decrypts. A wrong or missing key fails
closed with DecryptionFailed; nothing ever falls back to returning ciphertext or plaintext.
"""

import base64
import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

MAGIC = b"HC1"
TEXT_PREFIX = "hc1:"


class DecryptionFailed(Exception):
    """The data could not be decrypted with any configured key."""


@dataclass(frozen=True)
class Keyring:
    primary_id: str
    keys: dict[str, AESGCM]


def parse_key_list(setting: str, value: str) -> dict[str, bytes]:
    """A comma-separated list of key-id:base64-32-byte-key, in order (the first is primary).
    Shared by the encryption keys and the audit keys, which rotate the same way."""
    keys: dict[str, bytes] = {}
    for entry in (item.strip() for item in value.split(",") if item.strip()):
        key_id, separator, encoded = entry.partition(":")
        if not separator or not key_id or len(key_id) > 32:
            raise ImproperlyConfigured(f"{setting} entries are key-id:base64-key")
        try:
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except ValueError as error:
            raise ImproperlyConfigured(f"{setting}: key {key_id!r} is not base64") from error
        if len(raw) != 32:
            raise ImproperlyConfigured(
                f"{setting}: key {key_id!r} must be 32 bytes, not {len(raw)}"
            )
        keys[key_id] = raw
    if not keys:
        raise ImproperlyConfigured(f"{setting} holds no key")
    return keys


@cache
def keyring() -> Keyring:
    raw = parse_key_list("HATECRIME_ENCRYPTION_KEYS", settings.HATECRIME_ENCRYPTION_KEYS)
    keys = {key_id: AESGCM(key) for key_id, key in raw.items()}
    return Keyring(primary_id=next(iter(keys)), keys=keys)


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: object) -> None:
    if setting in {"HATECRIME_ENCRYPTION_KEYS", "HATECRIME_BLIND_INDEX_KEY"}:
        keyring.cache_clear()
        _blind_key.cache_clear()


def encrypt_bytes(plaintext: bytes) -> bytes:
    ring = keyring()
    key_id = ring.primary_id.encode()
    nonce = os.urandom(12)
    sealed = ring.keys[ring.primary_id].encrypt(nonce, plaintext, MAGIC + key_id)
    return MAGIC + bytes([len(key_id)]) + key_id + nonce + sealed


def token_key_id(token: bytes) -> str:
    if not token.startswith(MAGIC) or len(token) < len(MAGIC) + 1:
        raise DecryptionFailed("not an encrypted token")
    length = token[len(MAGIC)]
    return token[len(MAGIC) + 1 : len(MAGIC) + 1 + length].decode()


def decrypt_bytes(token: bytes) -> bytes:
    key_id = token_key_id(token)
    start = len(MAGIC) + 1 + len(key_id.encode())
    nonce, sealed = token[start : start + 12], token[start + 12 :]
    key = keyring().keys.get(key_id)
    if key is None:
        raise DecryptionFailed(f"no key with id {key_id!r} is configured")
    try:
        return key.decrypt(nonce, sealed, MAGIC + key_id.encode())
    except InvalidTag as error:
        raise DecryptionFailed(f"key {key_id!r} does not open this data") from error


def encrypt_text(plaintext: str) -> str:
    return TEXT_PREFIX + base64.urlsafe_b64encode(encrypt_bytes(plaintext.encode())).decode()


def decrypt_text(token: str) -> str:
    if not token.startswith(TEXT_PREFIX):
        raise DecryptionFailed("not an encrypted text token")
    try:
        raw = base64.urlsafe_b64decode(token[len(TEXT_PREFIX) :])
    except ValueError as error:
        raise DecryptionFailed("damaged token") from error
    return decrypt_bytes(raw).decode()


def is_current(token: str | bytes) -> bool:
    """True when the token was made with the primary key (nothing to rotate)."""
    raw = token if isinstance(token, bytes) else base64.urlsafe_b64decode(token[len(TEXT_PREFIX) :])
    return token_key_id(raw) == keyring().primary_id


@cache
def _blind_key() -> bytes:
    return hashlib.sha256(
        b"hatecrime-blind-index:" + settings.HATECRIME_BLIND_INDEX_KEY.encode()
    ).digest()


def blind_index(value: str, *, purpose: str) -> str:
    """A keyed hash of a normalised value, to match records without decrypting them."""
    normalised = " ".join(value.casefold().split())
    message = purpose.encode() + b"\x00" + normalised.encode()
    return hmac.new(_blind_key(), message, hashlib.sha256).hexdigest()


def keyed_digest_of_sha256(sha256_hex: str, *, purpose: str) -> str:
    """HMAC-SHA256 (blind-index key) of a plain SHA-256 digest: what `keyed_digest` stores, and
    how a migration turns a stored plain digest into a keyed one without the original bytes."""
    message = b"digest\x00" + purpose.encode() + b"\x00" + sha256_hex.encode()
    return hmac.new(_blind_key(), message, hashlib.sha256).hexdigest()


def keyed_digest(data: bytes, *, purpose: str) -> str:
    """A digest of bytes (a report body, an evidence file) that a copy of the database cannot
    check a guess against: keyed with the blind-index key, which is not in the database
    (docs/adr/0531-keyed-digests.md)."""
    return keyed_digest_of_sha256(hashlib.sha256(data).hexdigest(), purpose=purpose)


# Apps that keep encrypted data outside model fields (e.g. evidence files) register here so that
# `hatecrime rotate_keys` re-encrypts it too. Each hook returns how many items it re-encrypted.
ROTATION_HOOKS: list[Callable[[], int]] = []


def register_rotation_hook(hook: Callable[[], int]) -> Callable[[], int]:
    ROTATION_HOOKS.append(hook)
    return hook

"""A software security key for tests, and the steps of the two ceremonies through the real
endpoints.

`SoftwareKey` answers a registration challenge (what `navigator.credentials.create` gives the
page) and a sign-in challenge (`navigator.credentials.get`) as the library's script sends them,
in JSON: a P-256 key from `cryptography`, the attestation object in CBOR (`cbor2`), "none"
attestation, user present and verified. Each answer can be spoiled the ways an attacker or a
broken authenticator would: another origin, another relying party, an old counter, a signature
by another key.
"""

import base64
import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

USER_PRESENT_AND_VERIFIED = 0x01 | 0x04
ATTESTED_CREDENTIAL = 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class SoftwareKey:
    def __init__(self, origin: str | None = None):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0
        self.origin = origin or settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]
        self.user_handle: str | None = None

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": origin or self.origin}
        return json.dumps({**data, "crossOrigin": False}).encode()

    def _public_key_cose(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        x, y = numbers.x.to_bytes(32, "big"), numbers.y.to_bytes(32, "big")
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: x, -3: y})

    def create(self, options: dict, *, origin: str | None = None, rp_id: str | None = None):
        """The answer to the registration options the server began with."""
        self.user_handle = options["user"]["id"]
        auth_data = (
            _sha256((rp_id or options["rp"]["id"]).encode())
            + bytes([USER_PRESENT_AND_VERIFIED | ATTESTED_CREDENTIAL])
            + struct.pack(">I", self.sign_count)
            + bytes(16)  # AAGUID: none given
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + self._public_key_cose()
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["usb"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
            "authenticatorAttachment": "cross-platform",
        }

    def get(
        self,
        options: dict,
        *,
        origin: str | None = None,
        rp_id: str | None = None,
        sign_count: int | None = None,
        signed_by: "SoftwareKey | None" = None,
    ):
        """The answer to the sign-in options the server began with."""
        self.sign_count = self.sign_count + 1 if sign_count is None else sign_count
        auth_data = (
            _sha256((rp_id or options["rpId"]).encode())
            + bytes([USER_PRESENT_AND_VERIFIED])
            + struct.pack(">I", self.sign_count)
        )
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signer = (signed_by or self).private_key
        signature = signer.sign(auth_data + _sha256(client_data), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "authenticatorData": b64url(auth_data),
                "clientDataJSON": b64url(client_data),
                "signature": b64url(signature),
                "userHandle": self.user_handle,
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "cross-platform",
        }


def post_json(client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def register_key(client, key: SoftwareKey | None = None, *, next_page="/staff/cases/", **spoil):
    """Begin and complete a registration as the enrol page's script does. Returns the key and
    the answer to "complete"."""
    key = key or SoftwareKey()
    options = post_json(client, "/staff/enrol/key/begin/").json()
    answer = key.create(options, **spoil)
    return key, post_json(client, f"/staff/enrol/key/complete/?next={next_page}", answer)


def give_key(client, key: SoftwareKey, *, next_page="/staff/cases/", **spoil):
    """Begin and complete a verification as the verify page's script does."""
    options = post_json(client, "/staff/verify/key/begin/").json()
    answer = key.get(options, **spoil)
    return post_json(client, f"/staff/verify/key/complete/?next={next_page}", answer)


def key_of(client, user, **kwargs) -> SoftwareKey:
    """A key registered for a member who already has an app (signed in with both factors)."""
    client.force_login(user)
    key, response = register_key(client, **kwargs)
    assert response.status_code == 200, response.content
    client.logout()
    return key


def only_key_of(client, user) -> SoftwareKey:
    """A member whose only second factor is a key, set up at a first sign-in."""
    client.force_login_with_password_only(user)
    key, response = register_key(client)
    assert response.status_code == 200, response.content
    client.logout()
    return key

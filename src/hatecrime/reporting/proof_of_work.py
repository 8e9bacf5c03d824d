"""A local proof-of-work for anonymous senders, in ALTCHA's format (docs/adr/0551).

The server issues a challenge: a random salt (with its expiry), SHA-256(salt + secret number)
and a keyed signature of that digest. The sender's browser (static/hatecrime/proof_of_work.mjs)
or API client finds the number by trying 0, 1, 2...; the server checks it with one hash, once:
a spent challenge is remembered until it would have expired. Nothing is fetched from anyone
else, and a sender without a solution is still heard (its report counts heavier against its
address's limit: `reporting.intake_limits`).
"""

import base64
import binascii
import enum
import hashlib
import hmac
import json
import secrets
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hatecrime.core.crypto import keyed_digest
from hatecrime.reporting.models import SpentChallenge

ALGORITHM = "SHA-256"
SIGNATURE_PURPOSE = "proof-of-work"
SPENT_PURPOSE = "proof-of-work-spent"
# A solution is a small base64 JSON object: anything longer is not one.
MAX_SOLUTION_CHARACTERS = 2000


class Solution(enum.Enum):
    SOLVED = "solved"
    MISSING = "missing"
    INVALID = "invalid"
    REPLAYED = "replayed"


def new_challenge() -> dict[str, Any]:
    expires = int(time.time()) + 60 * int(settings.HATECRIME_POW_MINUTES)
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    maximum = int(settings.HATECRIME_POW_MAX_NUMBER)
    number = secrets.randbelow(maximum + 1)
    challenge = hashlib.sha256(f"{salt}{number}".encode()).hexdigest()
    return {
        "algorithm": ALGORITHM,
        "challenge": challenge,
        "maxnumber": maximum,
        "salt": salt,
        "signature": keyed_digest(challenge.encode(), purpose=SIGNATURE_PURPOSE),
    }


def solve(challenge: dict[str, Any]) -> str:
    """What a client sends back (as the browser's script does; for tests and API clients)."""
    for number in range(int(challenge["maxnumber"]) + 1):
        digest = hashlib.sha256(f"{challenge['salt']}{number}".encode()).hexdigest()
        if digest == challenge["challenge"]:
            fields = ("algorithm", "challenge", "salt", "signature")
            answer = {**{key: challenge[key] for key in fields}, "number": number}
            return base64.b64encode(json.dumps(answer).encode()).decode()
    raise ValueError("no solution")


def _expires_at(salt: str) -> int | None:
    _, _, query = salt.partition("?")
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name == "expires" and value.isascii() and value.isdigit() and len(value) < 12:
            return int(value)
    return None


def _parse(solution: str) -> dict[str, Any] | None:
    if len(solution) > MAX_SOLUTION_CHARACTERS:
        return None
    try:
        answer = json.loads(base64.b64decode(solution, validate=True))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(answer, dict):
        return None
    if not all(isinstance(answer.get(k), str) for k in ("challenge", "salt", "signature")):
        return None
    if not isinstance(answer.get("number"), int) or isinstance(answer["number"], bool):
        return None
    return answer


def check_solution(solution: str | None) -> Solution:
    """Check a solution and spend its challenge (a second use answers REPLAYED)."""
    if not solution:
        return Solution.MISSING
    answer = _parse(solution.strip())
    if answer is None or answer.get("algorithm") != ALGORITHM:
        return Solution.INVALID
    challenge, salt, number = answer["challenge"], answer["salt"], answer["number"]
    expected = keyed_digest(challenge.encode(), purpose=SIGNATURE_PURPOSE)
    if not hmac.compare_digest(expected, answer["signature"]):
        return Solution.INVALID
    expires = _expires_at(salt)
    if expires is None or expires < time.time():
        return Solution.INVALID
    if not 0 <= number <= int(settings.HATECRIME_POW_MAX_NUMBER):
        return Solution.INVALID
    if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() != challenge:
        return Solution.INVALID
    try:
        with transaction.atomic():
            SpentChallenge.objects.create(
                digest=keyed_digest(challenge.encode(), purpose=SPENT_PURPOSE),
                expires_at=datetime.fromtimestamp(expires, tz=UTC),
            )
    except IntegrityError:
        return Solution.REPLAYED
    return Solution.SOLVED


def prune_spent_challenges() -> int:
    deleted, _ = SpentChallenge.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted

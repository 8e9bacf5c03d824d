"""The page's solver (static/hatecrime/sha256.mjs) finds what the server checks: run with Node
where it is installed (the browser tests run it in a real browser)."""

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hatecrime.reporting.proof_of_work import Solution, check_solution, new_challenge

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")

SCRIPT = Path(__file__).parents[2] / "src/hatecrime/static/hatecrime/sha256.mjs"


def node(code: str) -> str:
    program = f'import {{ sha256Hex, solveRange }} from "{SCRIPT.as_uri()}";\n{code}'
    done = subprocess.run(
        ["node", "--input-type=module", "-e", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_its_sha256_is_sha256():
    texts = ["", "abc", "a" * 55, "a" * 56, "a" * 64, "a" * 200, "salt?expires=1&x=2" + "99", "é"]
    found = json.loads(node(f"console.log(JSON.stringify({json.dumps(texts)}.map(sha256Hex)))"))
    assert found == [hashlib.sha256(text.encode()).hexdigest() for text in texts]


@pytest.mark.django_db
def test_it_solves_a_challenge_the_server_accepts(settings):
    settings.HATECRIME_POW_MAX_NUMBER = 5000
    challenge = new_challenge()
    arguments = f"{json.dumps(challenge['salt'])}, {json.dumps(challenge['challenge'])}"
    number = int(node(f"console.log(solveRange({arguments}, 0, 5001))"))
    fields = ("algorithm", "challenge", "salt", "signature")
    answer = {**{key: challenge[key] for key in fields}, "number": number}
    solution = base64.b64encode(json.dumps(answer).encode()).decode()
    assert check_solution(solution) is Solution.SOLVED
    assert check_solution(solution) is Solution.REPLAYED

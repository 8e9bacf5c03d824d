"""The API against its own OpenAPI schema, longer than the suite's run: schemathesis with every
check, on every public and staff operation, with many more generated requests per operation,
on SQLite and (when reachable) PostgreSQL. Prints the operations reached and requests made;
fails if any check fails (issue 14 item 6).

    .venv/bin/python bench/api_schema_fuzz.py [--examples 150] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")


def run(label: str, env: dict[str, str]) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly",
         "tests/api/test_schemathesis.py"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    found = re.search(r"schemathesis: (\d+) operations, (\d+) requests", done.stdout)
    figures = f"{found.group(1)} operations, {found.group(2)} requests" if found else "no figures"
    print(f"[{label}] {figures}: {'every check passed' if done.returncode == 0 else 'FAILED'}")
    if done.returncode:
        print(done.stdout[-4000:])
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--examples", type=int, default=150)
    parser.add_argument(
        "--postgres", default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL URL the test database can be made from ('' to skip)",
    )  # fmt: skip
    args = parser.parse_args()
    env = {**os.environ, "SCHEMA_FUZZ_EXAMPLES": str(args.examples)}
    env.pop("DATABASE_URL", None)
    ok = run("sqlite", env)
    if args.postgres:
        ok = run("postgres", {**env, "DATABASE_URL": args.postgres}) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

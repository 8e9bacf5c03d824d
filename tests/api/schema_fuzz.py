"""Drive every operation of the API's OpenAPI schema with schemathesis's generated requests
and all of its checks, in process (WSGI), with a fixed seed. Shared by the test suite and the
longer run in bench/. (schemathesis's own pytest plugin does not run on pytest 9, so the
operations are walked here with Hypothesis directly.)"""

from __future__ import annotations

from typing import Any

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS
from schemathesis.specs.openapi.checks import positive_data_acceptance

# The report payload has rules JSON Schema cannot state (docs/report-payload.md): a date not
# after today, a file whose content matches an accepted type, contact details that hold at least
# one way to reach the person, community codes that exist. A schema-valid report may therefore
# be refused with a field error, so "valid data is accepted" is not asked of it; every other
# check is, including that invalid data is refused.
SCHEMA_CANNOT_STATE_EVERY_RULE = {"POST /api/v1/reports"}


def fuzz_every_operation(
    *, headers: dict[str, str], examples: int
) -> tuple[dict[str, int], list[str]]:
    """({operation: requests made}, [failure descriptions])."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema", get_wsgi_application())
    counts: dict[str, int] = {}
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        counts[operation.label] = 0
        try:
            _runner(operation, headers, examples, counts)()
        except (Exception, BaseExceptionGroup) as error:  # every failure is reported
            failures.append(f"{operation.label}: {type(error).__name__}: {error}")
    return counts, failures


def _runner(operation: Any, headers: dict[str, str], examples: int, counts: dict[str, int]) -> Any:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        counts[operation.label] += 1
        checks = [
            check
            for check in CHECKS.get_all()  # every check schemathesis has, not only its defaults
            if not (
                check is positive_data_acceptance
                and operation.label in SCHEMA_CANNOT_STATE_EVERY_RULE
            )
        ]
        case.call_and_validate(headers=headers, checks=checks)

    return run

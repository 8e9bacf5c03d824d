"""Moved to `hatecrime.core.rows` (used by reporting, cases and audit); kept so that the
reporting modules that still import it from here (idempotency, jobs) keep working."""

from hatecrime.core.rows import (
    PreparedRow,
    insert_all,
    prepare_insert,
    prepare_rows,
    sqlite_writer_turn,
    write_prepared,
    write_rows,
)

__all__ = [
    "PreparedRow",
    "insert_all",
    "prepare_insert",
    "prepare_rows",
    "sqlite_writer_turn",
    "write_prepared",
    "write_rows",
]

"""Backup and restore of a deployment (docs/operations.md "Backup and restore";
docs/adr/0750-backup-and-restore.md).

A backup is a directory: the database (SQLite's online backup API, or `pg_dump --format=custom`
for PostgreSQL), the evidence files as they are stored (already encrypted), read through the
evidence storage whether a folder or an S3 bucket (ADR 0751), and `manifest.json` with the
SHA-256 of every file, the counts a restore is checked against and the audit chain's head.
Keys are never in it: the encryption, blind-index and audit keys live in the environment (or
var/development-secrets.json on a developer's machine), and a backup without them is
unreadable, which is the point.

A restore goes into an empty deployment only (a database without tables on PostgreSQL, or
without reports on SQLite, and an empty evidence store): it checks every checksum before it
touches anything, loads the database, writes the files back through the evidence storage,
migrates, checks the audit chain and the counts against the manifest, and then disposes again
of every case the erasure ledger lists (disposals made after the backup: docs/retention.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection

from hatecrime.audit.actions import chain_head, verify_chain
from hatecrime.audit.models import AuditEvent
from hatecrime.cases.models import Case
from hatecrime.dataprotection.actions import reapply_erasures
from hatecrime.reporting.evidence_store import (
    STORED_NAME,
    read_token,
    store_token,
    stored_entries,
)
from hatecrime.reporting.models import Evidence, Report

MANIFEST = "manifest.json"
FORMAT = 1
# What a restore is checked against: the rows counted in the manifest.
COUNTED: dict[str, Any] = {
    "reports": Report,
    "cases": Case,
    "evidence": Evidence,
    "audit_events": AuditEvent,
}


class BackupFailed(Exception):
    """The backup or the restore could not be done; nothing was changed (restore) or the
    directory is incomplete and must not be used (backup)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in COUNTED.items()}


def _audit_head() -> list[Any] | None:
    head = chain_head()
    return list(head) if head else None


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection options for the default database, password in the
    environment (never on the command line)."""
    db = connection.settings_dict
    options = ["--dbname", str(db["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            options += [flag, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return options, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupFailed(f"{command[0]} is not installed (PostgreSQL client tools)") from error
    if done.returncode != 0:
        raise BackupFailed(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def _dump_database(target: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        out = sqlite3.connect(target / "database.sqlite3")
        try:
            connection.connection.backup(out)  # consistent while the service runs
        finally:
            out.close()
        return "database.sqlite3"
    options, env = _pg_environment()
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
         "--file", str(target / "database.dump"), *options],
        env,
    )  # fmt: skip
    return "database.dump"


def _evidence_names() -> list[str]:
    """The evidence files in the store (a write in progress, or anything not ours, is not)."""
    return sorted(entry.name for entry in stored_entries() if STORED_NAME.match(entry.name))


def _copy_evidence(directory: Path) -> None:
    folder = directory / "evidence"
    folder.mkdir(mode=0o700)
    for name in _evidence_names():
        try:
            token = read_token(name)
        except FileNotFoundError:
            continue  # deleted since it was listed (a disposal): its row is gone too
        with os.fdopen(
            os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb"
        ) as out:
            out.write(token)


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    manifest: dict[str, Any]


def make_backup(directory: Path) -> BackupResult:
    """Write a backup into `directory` (new, or empty). Raises BackupFailed."""
    if directory.exists() and any(directory.iterdir()):
        raise BackupFailed(f"{directory} is not empty: give a new directory")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(directory, 0o700)
    database = _dump_database(directory)
    _copy_evidence(directory)
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        files[path.relative_to(directory).as_posix()] = {
            "sha256": _sha256(path),
            "bytes": path.stat().st_size,
        }
    manifest = {
        "format": FORMAT,
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "database": database,
        "counts": counts(),
        "audit_head": _audit_head(),
        "files": files,
        "keys_included": False,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return BackupResult(directory, manifest)


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest, with every file it lists checked (present, same size and SHA-256)."""
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupFailed(f"{directory} is not a backup: no {MANIFEST}")
    try:
        manifest = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupFailed(f"{path} cannot be read ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupFailed(f"{path}: unknown backup format {manifest.get('format')!r}")
    damaged = [
        name
        for name, meta in manifest.get("files", {}).items()
        if not (directory / name).is_file() or _sha256(directory / name) != meta["sha256"]
    ]
    if damaged:
        raise BackupFailed(
            f"{len(damaged)} file(s) missing or changed since the backup, e.g. {damaged[0]}: "
            "nothing was restored"
        )
    return manifest


def _database_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if connection.vendor == "postgresql":
        return not tables
    if "reporting_report" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM reporting_report LIMIT 1")
        return cursor.fetchone() is None


def _load_database(directory: Path, manifest: dict[str, Any]) -> None:
    if manifest["engine"] != connection.vendor:
        raise BackupFailed(
            f"the backup is of a {manifest['engine']} database; this deployment uses "
            f"{connection.vendor}"
        )
    source = directory / manifest["database"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
        return
    options, env = _pg_environment()
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *options,
         str(source)],
        env,
    )  # fmt: skip


@dataclass(frozen=True)
class RestoreResult:
    counts: dict[str, int]
    audit_events: int
    evidence_files: int
    erased_again: tuple[str, ...] = ()


def restore_backup(directory: Path) -> RestoreResult:
    """Restore a backup into this (empty) deployment, then check it. Raises BackupFailed."""
    manifest = read_manifest(directory)
    evidence = [
        name.removeprefix("evidence/") for name in manifest["files"] if name.startswith("evidence/")
    ]
    if not all(STORED_NAME.match(name) for name in evidence):
        raise BackupFailed("the manifest names an evidence file that is not one of ours")
    if not _database_is_empty():
        raise BackupFailed(
            "this deployment's database is not empty: restore only into a new, empty database "
            "(on PostgreSQL: created and not migrated)"
        )
    if next(stored_entries(), None) is not None:
        raise BackupFailed("the evidence store (folder or bucket) is not empty")
    _load_database(directory, manifest)
    for name in evidence:
        store_token(name, (directory / "evidence" / name).read_bytes())
    connection.close()  # the restored schema, seen afresh
    call_command("migrate", verbosity=0, interactive=False)
    checked = check_restored(manifest, evidence_files=len(evidence))
    # Disposals made after the backup (the erasure ledger, kept apart from it) are made again.
    return RestoreResult(
        checked.counts, checked.audit_events, checked.evidence_files,
        tuple(reapply_erasures()),
    )  # fmt: skip


def check_restored(manifest: dict[str, Any], *, evidence_files: int) -> RestoreResult:
    check = verify_chain()
    if check.problems:
        raise BackupFailed(
            f"the restored audit chain is broken in {len(check.problems)} place(s): "
            f"{check.problems[0]}"
        )
    found = counts()
    wrong = {k: (v, found.get(k)) for k, v in manifest["counts"].items() if found.get(k) != v}
    if wrong:
        detail = ", ".join(
            f"{k}: {got} restored, {want} backed up" for k, (want, got) in wrong.items()
        )
        raise BackupFailed(f"the restored counts differ from the backup's: {detail}")
    if manifest.get("audit_head") and list(_audit_head() or []) != manifest["audit_head"]:
        raise BackupFailed("the restored audit chain does not end where the backup's did")
    return RestoreResult(found, check.events, evidence_files)

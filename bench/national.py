"""National scale: the staff pages over N reports (default 500,000; the nation's ten years are
5,000,000: `make bench-national`) of 43 forces.

A scratch PostgreSQL database `hatecrime_bench_national` (created and dropped, as
bench/dashboard.py does; `--keep` keeps it) is migrated; 43 forces with about ten areas each
are added beside the Met's boroughs, with three officers per area. Forty template cases are
made through the app (`open_case_for_report`, so their reports are really encrypted and their
clocks, identifiers and search keys are the app's); their rows are then copied N times with
COPY, each copy with its own id, reference, area, dates, status, officer and keys (the indexes
that back no constraint are built after the COPY, and foreign keys are not checked row by row:
the scratch database only):

- reports keep one of the templates' real ciphertexts (so the case page decrypts them);
- search keys of names are the app's blind indexes of names drawn from a pool of 100 first
  names and 1,000 surnames (a surname matches about one case in a thousand, nationally);
  phones, emails and postcodes get unique digests; suspects' names in the linking
  identifiers come from a pool of 1,000 digests, everything else there is unique;
- cases older than a year are closed, 8% of those of the last year and 80% of the last 30 days
  are open; clocks run on open cases and are stopped on closed ones;
- one audit event per report (the chain's hashes are not valid: nothing here verifies it);
- the monitoring count cube of the same reports (hatecrime.monitoring.bulk.cube_cells, loaded
  as bench/dashboard.py loads it).

Then, through the test client as a signed-in officer, supervisor and analyst of Hackney (with
the second factor given, as tests/personas.StaffClient does), each page is requested 30 times
after a warm-up; p50/p95 are printed with the load time and the database's size. Exits 1 when
a page's p95 is 200 ms or more.

    .venv/bin/python bench/national.py [--reports 500000] [--keep] [--again] [--postgres URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "src")
SCRATCH = "hatecrime_bench_national"
RUNS = 30
TARGET_MS = 200.0
FORCES = 43
AREAS_PER_FORCE = 10
OFFICERS_PER_AREA = 3
TEMPLATES = 40
CHUNK = 100_000  # reports a COPY
YEARS = 10
HOME = "hackney"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
FIRST = [
    f"{a}{b}"
    for a in ("Ada", "Bea", "Cal", "Dev", "Eli", "Fay", "Gus", "Hal", "Ian", "Jo")
    for b in ("n", "ra", "my", "ko", "la", "ti", "s", "ve", "x", "ne")
]
SURNAMES = [
    f"{a}{b}{c}"
    for a in ("Ash", "Bro", "Cre", "Dun", "Ell", "Fro", "Gar", "Hol", "Ire", "Jen")
    for b in ("ham", "well", "ton", "ley", "more", "by", "ford", "wick", "den", "stone")
    for c in ("", "s", "e", "er", "ey", "ing", "ock", "an", "in", "ard")
]
OUTCOMES = ["charged", "caution", "no_further_action", "victim_declined", "nchi_recorded"]
STRANDS = ["race", "religion", "sexual_orientation", "disability", "transgender", "other"]
STRAND_SHARES = [0.6, 0.15, 0.12, 0.06, 0.04, 0.03]


def reference(number: int) -> str:
    symbols = []
    for _ in range(8):
        number, digit = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[digit])
    return f"HC-{''.join(symbols[:4])}-{''.join(symbols[4:])}"


def copy_text(value: Any) -> str:
    """One value as COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# --- The forces, areas and people -------------------------------------------------------------


def make_forces_and_staff() -> dict[str, Any]:
    from hatecrime.accounts.models import User
    from hatecrime.core.models import Area, Force

    for f in range(2, FORCES + 1):
        force, _ = Force.objects.get_or_create(
            code=f"E23{f:06d}", defaults={"name": f"Bench Force {f:02d}"}
        )
        Area.objects.bulk_create(
            Area(slug=f"force-{f:02d}-area-{a:02d}", name=f"Area {a} of force {f}", force=force)
            for a in range(1, AREAS_PER_FORCE + 1)
        )
    areas = list(Area.objects.filter(is_triage=False).order_by("pk"))
    officers: dict[int, list[int]] = {}
    for area in areas:
        made = User.objects.bulk_create(
            User(username=f"officer-{area.slug}-{i}", role="officer", password="!")
            for i in range(OFFICERS_PER_AREA)
        )
        User.areas.through.objects.bulk_create(
            User.areas.through(user_id=user.pk, area_id=area.pk) for user in made
        )
        officers[area.pk] = [user.pk for user in made]
    home = next(a for a in areas if a.slug == HOME)
    people = {
        "officer": User.objects.get(username=f"officer-{HOME}-0"),
        "supervisor": User.objects.create_user(username="bench-supervisor", role="supervisor"),
        "analyst": User.objects.create_user(username="bench-analyst", role="analyst"),
    }
    people["supervisor"].areas.set([home])
    people["analyst"].areas.set([home])
    return {"areas": areas, "home": home, "officers": officers, "people": people}


# --- Template cases, made by the app ----------------------------------------------------------


def template_payload(rng: random.Random, index: int) -> dict[str, Any]:
    first, last = rng.choice(FIRST), rng.choice(SURNAMES)
    body: dict[str, Any] = {
        "reporter_role": "victim" if index % 5 else "witness",
        "anonymous": index % 7 == 0,
        "what_happened": f"BENCH: shouted abuse at them outside the shop ({index}).",
        "behaviours": ["verbal_abuse"],
        "occurred_on": "2026-11-18",
        "borough": HOME,
        "motivations": [rng.choice(STRANDS[:5])],
        "suspects": {"count": "one", "names": [f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"]},
        "safe_contact": {"methods": ["phone", "email"], "voicemail_safe": False},
    }
    if not body["anonymous"]:
        body["contact"] = {
            "name": f"{first} {last}",
            "email": f"{first}.{last}@example.invalid".lower(),
            "phone": f"07700 9{index:05d}",
            "postcode": "E8 1AA",
            "date_of_birth": "1980-02-03",
        }
    if index % 3 == 0:
        body["suspects"]["handles"] = [f"@bench{index}"]
    return body


def make_templates(home: Any) -> list[int]:
    from django.db import transaction
    from django.utils import timezone

    from hatecrime.cases.actions import open_case_for_report
    from hatecrime.reporting.models import Report

    rng = random.Random(7)
    cases = []
    for index in range(TEMPLATES):
        payload = template_payload(rng, index)
        with transaction.atomic():
            report = Report.objects.create(
                reference=reference(10**9 + index),
                tracking_code_hash="x" * 64,
                submitted_at=timezone.now(),
                reporter_role=payload["reporter_role"],
                anonymous=payload["anonymous"],
                area=home,
                occurred_on=timezone.localdate(),
                motivations=payload["motivations"],
                submitted={"raw": payload, "cleaned": payload},
            )
            cases.append(open_case_for_report(report).pk)
    return cases


def rows_of(cursor: Any, sql: str, params: list[Any]) -> tuple[list[str], list[list[str]]]:
    cursor.execute(sql, params)
    columns = [c.name for c in cursor.description]
    return columns, [[copy_text(v) for v in row] for row in cursor.fetchall()]


# --- The generated rows -----------------------------------------------------------------------


class Generator:
    """Copies of the template rows, table by table, as COPY text."""

    def __init__(self, n: int, setup: dict[str, Any], template_cases: list[int]) -> None:
        from django.db import connection

        from hatecrime.cases.search import _keys

        self.n = n
        self.rng = np.random.default_rng(11)
        self.keys = _keys
        self.key_cache: dict[tuple[str, str], list[str]] = {}
        self.officers = setup["officers"]
        self.areas = [a.pk for a in setup["areas"]]
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        with connection.cursor() as cursor:
            self.templates = self._templates(cursor, template_cases)
            cursor.execute("SELECT max(id) FROM reporting_report")
            self.report_base = cursor.fetchone()[0] + 1
            cursor.execute("SELECT max(id) FROM cases_case")
            self.case_base = cursor.fetchone()[0] + 1
            cursor.execute("SELECT coalesce(max(seq), 0) FROM audit_auditevent")
            self.seq_base = cursor.fetchone()[0] + 1
        self.clock_id = self.key_id = self.identifier_id = 10**7
        self.suspect_digests = [f"{i:064x}" for i in range(1000)]

    @staticmethod
    def _templates(cursor: Any, cases: list[int]) -> list[dict[str, Any]]:
        out = []
        for case_id in cases:
            case_cols, case_rows = rows_of(
                cursor, "SELECT * FROM cases_case WHERE id=%s", [case_id]
            )
            report_id = int(case_rows[0][case_cols.index("report_id")])
            report_cols, report_rows = rows_of(
                cursor, "SELECT * FROM reporting_report WHERE id=%s", [report_id]
            )
            clock_cols, clocks = rows_of(
                cursor, "SELECT * FROM cases_clock WHERE case_id=%s ORDER BY id", [case_id]
            )
            cursor.execute(
                "SELECT kind FROM cases_caseidentifier WHERE case_id=%s ORDER BY id", [case_id]
            )
            identifiers = [row[0] for row in cursor.fetchall()]
            cursor.execute("SELECT submitted FROM reporting_report WHERE id=%s", [report_id])
            out.append(
                {
                    "case": (case_cols, case_rows[0]),
                    "report": (report_cols, report_rows[0]),
                    "clocks": (clock_cols, clocks),
                    "identifiers": identifiers,
                    "anonymous": report_rows[0][report_cols.index("anonymous")] == "t",
                    "contactable": case_rows[0][case_cols.index("first_contact_due_at")] != "\\N",
                }
            )
        return out

    def name_keys(self, kind: str, name: str) -> list[str]:
        cached = self.key_cache.get((kind, name))
        if cached is None:
            cached = sorted(digest for _kind, digest in self.keys(kind, name))
            self.key_cache[(kind, name)] = cached
        return cached

    def draw(self) -> dict[str, np.ndarray]:
        """Every report's random choices at once."""
        n, rng = self.n, self.rng
        ages = rng.random(n) * YEARS * 365.25  # days before now
        return {
            "template": rng.integers(0, len(self.templates), n),
            "area": rng.choice(self.areas, n),
            "age": ages,
            "open": np.where(
                ages <= 30, rng.random(n) < 0.8, np.where(ages <= 365, rng.random(n) < 0.08, False)
            ),
            "stage": rng.choice(
                ["new", "triaged", "assigned", "in_progress"], n, p=[0.2, 0.15, 0.25, 0.4]
            ),
            "contact_hours": rng.random(n) * 30,
            "contact_made": rng.random(n) < 0.9,
            "close_days": rng.integers(7, 120, n),
            "officer": rng.integers(0, OFFICERS_PER_AREA, n),
            "outcome": rng.integers(0, len(OUTCOMES), n),
            "strand": rng.choice(STRANDS, n, p=STRAND_SHARES),
            "first": rng.integers(0, len(FIRST), n),
            "last": rng.integers(0, len(SURNAMES), n),
            "suspect_first": rng.integers(0, len(FIRST), n),
            "suspect_last": rng.integers(0, len(SURNAMES), n),
            "online": rng.random(n) < 0.2,
        }

    def rows(self, d: dict[str, np.ndarray], low: int, high: int) -> dict[str, io.StringIO]:
        """COPY text for reports low..high (and their cases, clocks, keys and events)."""
        out = {t: io.StringIO() for t in ("report", "case", "clock", "key", "identifier", "event")}
        for i in range(low, high):
            self._one(d, i, out)
        return out

    def _one(self, d: dict[str, np.ndarray], i: int, out: dict[str, io.StringIO]) -> None:
        t = self.templates[int(d["template"][i])]
        report_id, case_id = self.report_base + i, self.case_base + i
        area = int(d["area"][i])
        opened = self.now - dt.timedelta(days=float(d["age"][i]))
        ref = reference(i)
        # The report.
        cols, row = t["report"]
        row = list(row)
        for name, value in (
            ("id", report_id),
            ("reference", ref),
            ("submitted_at", opened.isoformat()),
            ("area_id", area),
            ("occurred_on", (opened - dt.timedelta(days=1)).date().isoformat()),
            ("online", "t" if d["online"][i] else "f"),
            ("motivations", json.dumps([str(d["strand"][i])])),
        ):
            row[cols.index(name)] = str(value)
        out["report"].write("\t".join(row) + "\n")
        # The case.
        cols, row = t["case"]
        row = list(row)
        is_open = bool(d["open"][i])
        stage = str(d["stage"][i]) if is_open else "closed"
        officer = (
            self.officers[area][int(d["officer"][i])] if stage not in ("new", "triaged") else None
        )
        due = opened + dt.timedelta(hours=24) if t["contactable"] else None
        made = None
        if due is not None and d["contact_made"][i] and stage != "new":
            made = min(opened + dt.timedelta(hours=float(d["contact_hours"][i])), self.now)
        closed = None
        if stage == "closed":
            closed = min(opened + dt.timedelta(days=int(d["close_days"][i])), self.now)
        triaged = opened + dt.timedelta(hours=2) if stage != "new" else None
        for name, value in (
            ("id", case_id),
            ("report_id", report_id),
            ("area_id", area),
            ("status", stage),
            ("opened_at", opened),
            ("first_contact_due_at", due),
            ("first_contact_made_at", made),
            ("assigned_officer_id", officer),
            ("assigned_at", triaged if officer else None),
            ("strands", [str(d["strand"][i])]),
            ("classification", "crime" if triaged else ""),
            ("risk_level", "standard" if triaged else ""),
            ("triaged_at", triaged),
            ("closed_at", closed),
            ("outcome", OUTCOMES[int(d["outcome"][i])] if closed else ""),
        ):
            row[cols.index(name)] = copy_text(value)
        out["case"].write("\t".join(row) + "\n")
        # Its clocks: running while open, stopped when it closed.
        cols, clocks = t["clocks"]
        template_opened = dt.datetime.fromisoformat(t["case"][1][t["case"][0].index("opened_at")])
        for clock in clocks:
            row = list(clock)
            self.clock_id += 1
            started = dt.datetime.fromisoformat(row[cols.index("started_at")])
            due_at = dt.datetime.fromisoformat(row[cols.index("due_at")])
            row[cols.index("id")] = str(self.clock_id)
            row[cols.index("case_id")] = str(case_id)
            row[cols.index("area_id")] = str(area)
            row[cols.index("started_at")] = (opened + (started - template_opened)).isoformat()
            row[cols.index("due_at")] = (opened + (due_at - template_opened)).isoformat()
            if closed is not None and row[cols.index("stopped_at")] == "\\N":
                row[cols.index("stopped_at")] = closed.isoformat()
                row[cols.index("stop_reason")] = "case_closed"
            out["clock"].write("\t".join(row) + "\n")
        # Search keys: names from the pools, unique digests for the rest.
        keys: list[tuple[str, str]] = []
        if not t["anonymous"]:
            name = f"{FIRST[int(d['first'][i])]} {SURNAMES[int(d['last'][i])]}"
            keys += [("victim_name", k) for k in self.name_keys("victim_name", name)]
            keys += [(k, f"{k[:2]}{case_id:062x}") for k in ("victim_phone", "victim_email")]
        suspect = f"{FIRST[int(d['suspect_first'][i])]} {SURNAMES[int(d['suspect_last'][i])]}"
        keys += [("suspect_name", k) for k in self.name_keys("suspect_name", suspect)]
        for kind, digest in keys:
            self.key_id += 1
            out["key"].write(f"{self.key_id}\t{kind}\t{digest}\t{case_id}\t{area}\n")
        for kind in t["identifiers"]:
            self.identifier_id += 1
            if kind == "suspect_name":
                digest = self.suspect_digests[int(d["suspect_last"][i]) % 1000]
            else:
                digest = f"{kind[:3]}{self.identifier_id:061x}"
            out["identifier"].write(f"{self.identifier_id}\t{kind}\t{digest}\t{case_id}\n")
        # One audit event: the report collected.
        seq = self.seq_base + i
        out["event"].write(
            f"{seq}\t{opened.isoformat()}\t\\N\tpublic\tcollect\treport\t{ref}\t[]\t\t\t{{}}"
            f"\t{seq - 1}\t{'0' * 64}\t\t{'0' * 64}\n"
        )


TABLES = {
    "report": ("reporting_report", None),
    "case": ("cases_case", None),
    "clock": ("cases_clock", None),
    "key": ("cases_casesearchkey", "id, kind, digest, case_id, area_id"),
    "identifier": ("cases_caseidentifier", "id, kind, digest, case_id"),
    "event": (
        "audit_auditevent",
        "seq, occurred_at, actor_id, actor_label, kind, object_type, object_id, fields,"
        " justification, recipient, detail, prev_seq, prev_hash, key_id, hash",
    ),
}


def secondary_indexes(cursor: Any) -> list[tuple[str, str]]:
    """The loaded tables' indexes that back no constraint: (name, CREATE INDEX statement)."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public'"
        " AND i.tablename = ANY(%s) AND NOT EXISTS"
        " (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY 1",
        [[table for table, _listed in TABLES.values()]],
    )
    return list(cursor.fetchall())


def load(generator: Generator) -> pd.DataFrame:
    """COPY every table in chunks (one transaction); returns the monitoring frame.

    For the scratch database only: the indexes that back no constraint are dropped before and
    built after (one sorted build each instead of millions of random inserts), foreign keys are
    not checked row by row (`session_replication_role = replica`: the rows are made consistent
    here), and commits do not wait for the disk."""
    from django.db import connection

    d = generator.draw()
    connection.ensure_connection()
    raw = connection.connection
    raw.autocommit = True
    columns = {
        "report": generator.templates[0]["report"][0],
        "case": generator.templates[0]["case"][0],
        "clock": generator.templates[0]["clocks"][0],
    }
    made = copied = 0.0
    with raw.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        indexes = secondary_indexes(cursor)
        with raw.transaction():
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
            for low in range(0, generator.n, CHUNK):
                t0 = time.perf_counter()
                chunk = generator.rows(d, low, min(low + CHUNK, generator.n))
                t1 = time.perf_counter()
                for key, (table, listed) in TABLES.items():
                    names = listed or ", ".join(columns[key])
                    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        copy.write(chunk[key].getvalue())
                made, copied = made + t1 - t0, copied + time.perf_counter() - t1
                print(
                    f"  {min(low + CHUNK, generator.n):,} reports copied"
                    f" ({made:.0f} s making rows, {copied:.0f} s in COPY)",
                    flush=True,
                )
            for table in (
                "reporting_report",
                "cases_case",
                "cases_clock",
                "cases_casesearchkey",
                "cases_caseidentifier",
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"
                )
            cursor.execute(
                "SELECT setval('audit_event_seq', (SELECT max(seq) FROM audit_auditevent))"
            )
        t0 = time.perf_counter()
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET session_replication_role = DEFAULT")
        print(f"  {len(indexes)} indexes built in {time.perf_counter() - t0:.0f} s", flush=True)
    raw.execute("ANALYZE")
    slugs = {a.pk: a.slug for a in generator_areas()}
    days = np.datetime64(generator.now.date()) - d["age"].astype("timedelta64[D]")
    n = generator.n
    return pd.DataFrame(
        {
            "day": days,
            "area": [slugs[a] for a in d["area"].tolist()],
            "strand_1": d["strand"],
            "strand_2": np.full(n, "", dtype=object),
            "community": np.full(n, "", dtype=object),
            "online": np.where(d["online"], "online", "offline"),
            "crime_type": np.full(n, "crime", dtype=object),
        }
    )


def generator_areas() -> list[Any]:
    from hatecrime.core.models import Area

    return list(Area.objects.all())


def load_cube(frame: pd.DataFrame) -> int:
    sys.path.insert(0, HERE)
    from dashboard import cells_of
    from dashboard import load as load_cells

    kinds = cells_of(frame)
    load_cells(kinds)
    return sum(len(c) for _k, c in kinds)


# --- The pages --------------------------------------------------------------------------------


def clients(people: dict[str, Any]) -> dict[str, Any]:
    sys.path.insert(0, os.path.join(HERE, "..", "tests"))
    from personas import StaffClient

    signed_in = {}
    for role, user in people.items():
        client = StaffClient()
        client.force_login(user)
        signed_in[role] = client
    return signed_in


def pages(setup: dict[str, Any], signed_in: dict[str, Any]) -> dict[str, Callable[[int], Any]]:
    from hatecrime.cases.models import Case

    home = setup["home"]
    sample = list(
        Case.objects.filter(area=home).order_by("-opened_at").select_related("report")[:200:5]
    )
    references = [case.report.reference for case in sample]
    surnames = SURNAMES[::37]
    officer, supervisor, analyst = (signed_in[r] for r in ("officer", "supervisor", "analyst"))

    def get(client: Any, url: str) -> Any:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        return response

    return {
        "staff queue": lambda i: get(officer, "/staff/cases/"),
        "my cases": lambda i: get(officer, "/staff/cases/?mine=1"),
        "case page": lambda i: get(officer, f"/staff/cases/{references[i % len(references)]}/"),
        "case search, a name": lambda i: get(
            officer, f"/staff/cases/search/?q={surnames[i % len(surnames)]}"
        ),
        "case search, a reference": lambda i: get(
            officer, f"/staff/cases/search/?q={references[(i + 3) % len(references)]}"
        ),
        "supervisor's board": lambda i: get(supervisor, f"/staff/cases/board/?area={home.slug}"),
        "monitoring dashboard": lambda i: get(analyst, "/staff/monitoring/"),
    }


def timings(page: Callable[[int], Any]) -> tuple[float, float]:
    page(0)  # warm-up
    times = []
    for i in range(RUNS):
        t0 = time.perf_counter()
        page(i)
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def sizes() -> tuple[int, list[tuple[str, int, int]]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, pg_total_relation_size(c.oid), c.reltuples::bigint FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
            " AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 8"
        )
        return total, cursor.fetchall()


def loaded_setup() -> dict[str, Any]:
    """The areas and people of a database an earlier run kept."""
    from hatecrime.accounts.models import User
    from hatecrime.core.models import Area

    areas = list(Area.objects.filter(is_triage=False).order_by("pk"))
    people = {
        "officer": User.objects.get(username=f"officer-{HOME}-0"),
        "supervisor": User.objects.get(username="bench-supervisor"),
        "analyst": User.objects.get(username="bench-analyst"),
    }
    return {"areas": areas, "home": next(a for a in areas if a.slug == HOME), "people": people}


def run(n: int, *, again: bool = False) -> bool:
    from django.conf import settings
    from django.core.management import call_command

    # Not setup_test_environment(): it makes every template render send a signal that the test
    # client answers by copying the context, which would time the test harness, not the page.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clients({})  # what signs in is importable before the long load, not only after it
    if again:
        from hatecrime.reporting.models import Report

        setup, n = loaded_setup(), Report.objects.count()
    else:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        setup = make_forces_and_staff()
        generator = Generator(n, setup, make_templates(setup["home"]))
        t1 = time.perf_counter()
        areas = len(setup["areas"])
        print(f"migrated, {areas} areas of {FORCES} forces, templates: {t1 - t0:.0f} s")
        frame = load(generator)
        t2 = time.perf_counter()
        cells = load_cube(frame)
        t3 = time.perf_counter()
        print(f"{n:,} reports loaded with their cases, clocks, keys and events in {t2 - t1:.0f} s")
        print(f"count cube: {cells:,} cells in {t3 - t2:.0f} s")
    total, tables = sizes()
    print(f"database size: {total / 2**30:.2f} GiB")
    for name, size, rows in tables:
        print(f"  {name:32} {size / 2**20:9,.0f} MiB  {rows:>12,} rows")
    signed_in = clients(setup["people"])
    from hatecrime.gunicorn_conf import post_worker_init

    post_worker_init(None)  # as a web worker does once it has loaded the app
    missed = []
    print(f"\n| page | p50 ms | p95 ms |  ({n:,} reports, {RUNS} requests each)")
    print("| --- | ---: | ---: |")
    for name, page in pages(setup, signed_in).items():
        p50, p95 = timings(page)
        print(f"| {name} | {p50:.1f} | {p95:.1f} |", flush=True)
        if p95 >= TARGET_MS:
            missed.append(name)
    verdict = f"missed by {', '.join(missed)}" if missed else "met"
    print(f"\nTarget p95 < {TARGET_MS:.0f} ms: {verdict}")
    return not missed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--reports", type=int, default=500_000, help="500,000 (3 minutes); 5,000,000: the nation"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--again",
        action="store_true",
        help="time the pages again on the database a --keep run left (loads nothing, keeps it)",
    )
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    url = args.postgres if args.postgres.startswith("postgres") else ""
    url = url or "postgres://postgres@127.0.0.1:5432/postgres"
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            if not args.again:
                conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
                conn.execute(f"CREATE DATABASE {SCRATCH}")
    except psycopg.Error as error:
        print(f"skipped: no PostgreSQL ({error})")
        return
    os.environ["DATABASE_URL"] = f"{url.rsplit('/', 1)[0]}/{SCRATCH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
    sys.path.insert(0, SRC)
    import django

    django.setup()
    started = time.perf_counter()
    try:
        met = run(args.reports, again=args.again)
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.keep or args.again):
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
    print(f"Whole benchmark: {time.perf_counter() - started:.0f} s")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()

"""Lean writes: an INSERT split in two (prepare, then write), and a turn to write.

Used on the intake path by reporting (the report), cases (the case, its clocks and identifiers)
and audit (the event). `prepare_insert` / `prepare_rows` do all the Python work of an ORM
insert (each field's `pre_save` and `get_db_prep_save`, which for an encrypted field is the
encryption) BEFORE the write transaction; `write_prepared` / `write_rows` run one cached INSERT
statement inside it. SQLite serialises writers, so every millisecond taken out of the
transaction is throughput (docs/adr/0301-intake-performance.md). The statement is built from
the model's metadata, so a new field is picked up without touching this module; a model with
database defaults (which an explicit value would override) is refused rather than silently
mishandled.

A row may be prepared before the row it refers to is written: a foreign key to an unsaved
instance (e.g. a case's report, a clock's case) is left open and filled from that instance's
primary key when the row is written (an error if it still has none then). `PreparedRow.set`
changes one value after preparation (e.g. an audit event's place in the chain).

`sqlite_writer_turn` queues the writers of intake on SQLite: threads on a threading lock,
processes on an flock of a file named after the database. Both hand over at once when released,
where SQLite's own busy handler sleeps 1, 2, 5, 10... ms between tries, which wasted more time
than the transactions took. It is only taken outside a caller's transaction, so a thread that
already holds the database lock never waits for the turn (no lock cycle); a process that dies
holding the flock loses it with its file descriptors.
"""

import contextlib
import datetime as dt
import enum
import fcntl
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import DEFERRED, ForeignObjectRel, signals
from django.db.models.base import ModelState
from django.db.models.fields import Field

_M = TypeVar("_M", bound=models.Model)

_threads = threading.Lock()
_lock_files: dict[str, int] = {}


@dataclass(frozen=True)
class _Insert:
    head: str  # INSERT INTO table (columns) VALUES
    row: str  # (%s, %s, ...)
    returning: str  # RETURNING pk
    # The one-row statement with RETURNING, in Django's style (%s) and in the driver's own
    # (SQLite's qmark; psycopg's is %s): see `execute`.
    one: str
    one_native: str
    fields: tuple[Field, ...]
    positions: dict[str, int]  # attname -> index in fields (and in a row's params)
    # Per field: (field, attname, value types passed through unchanged or None, whether an
    # aware datetime goes straight to the backend's adaptation)
    plan: tuple[tuple[Field, str, tuple[type, ...] | None, bool], ...]
    # (index, field) of the many-to-one and one-to-one fields, the only ones `_pending` reads
    relations: tuple[tuple[int, Field], ...]


@dataclass
class PreparedRow:
    instance: models.Model
    params: list[Any]
    # (index in params, foreign key) of references to instances unsaved when prepared
    pending: list[tuple[int, Any]] = field(default_factory=list)

    def set(self, attname: str, value: Any) -> None:
        """Change one value after preparation, in the instance and in the row to write."""
        db = connections[DEFAULT_DB_ALIAS]
        insert = _statement(type(self.instance), db.vendor)
        index = insert.positions[attname]
        setattr(self.instance, attname, value)
        f, _attname, kinds, aware = insert.plan[index]
        self.params[index] = _convert(f, kinds, aware, value, db)

    def resolve(self) -> list[Any]:
        """The params, with references to instances saved since preparation filled in."""
        for index, foreign_key in self.pending:
            target = foreign_key.get_cached_value(self.instance)
            if target.pk is None:
                raise ValueError(
                    f"{type(self.instance).__name__}.{foreign_key.name} refers to an unsaved "
                    f"{type(target).__name__}: write it first"
                )
            setattr(self.instance, foreign_key.attname, target.pk)
            self.params[index] = target.pk
        self.pending = []
        return self.params


@cache
def _statement(model: type[models.Model], vendor: str) -> _Insert:
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    fields = tuple(
        f for f in meta.local_concrete_fields if not (f is pk and getattr(f, "db_returning", False))
    )
    if any(f.has_db_default() for f in fields):  # type: ignore[attr-defined]
        raise NotImplementedError(f"{meta.label} has database defaults: use the ORM")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    # Only quoted names from the model's metadata are formatted in; values are parameters.
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES"
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f"RETURNING {quote(pk.column)}"
    one = f"{head} {row} {returning}"
    return _Insert(
        head=head,
        row=row,
        returning=returning,
        one=one,
        one_native=native_sql(one, vendor),
        fields=fields,
        positions={f.attname: index for index, f in enumerate(fields)},
        plan=tuple((f, f.attname, _unchanged_kinds(f), _plain_datetime(f)) for f in fields),
        relations=tuple(
            (index, f) for index, f in enumerate(fields) if f.many_to_one or f.one_to_one
        ),
    )


# Plain fields whose conversion of a value of these exact types is the value itself (Django's
# to_python/get_prep_value return it unchanged): most of a new case's 45 columns are such
# defaults, and the generic conversion costs about 3 microseconds a field.
_UNCHANGED: dict[type, tuple[type, ...]] = {
    models.CharField: (str, type(None)),
    models.TextField: (str, type(None)),
    models.SlugField: (str, type(None)),
    models.BooleanField: (bool, type(None)),
    models.IntegerField: (int, type(None)),
    models.BigIntegerField: (int, type(None)),
    models.SmallIntegerField: (int, type(None)),
    models.PositiveIntegerField: (int, type(None)),
    models.PositiveSmallIntegerField: (int, type(None)),
    models.PositiveBigIntegerField: (int, type(None)),
    # None is None whatever the backend (to_python, get_prep_value and the adaptation of
    # every backend return it); a datetime itself is adapted, see _plain_datetime.
    models.DateTimeField: (type(None),),
}
# Of these, any str (also a str enum's member, e.g. a TextChoices value) is returned as is
# by CharField.to_python: the same object, so it is passed through too.
_STR_FIELDS = (models.CharField, models.TextField, models.SlugField)


# Primary keys a foreign key may point to whose conversion of an int is the int itself (on
# PostgreSQL Django wraps it in psycopg's Int8, an int subclass binding the same way).
_INTEGER_KEYS = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def _unchanged_kinds(f: Field) -> tuple[type, ...] | None:
    """The exact value types `f` converts to themselves (exact field classes only: subclasses
    may convert), or None: every other value goes through `get_db_prep_save`."""
    kinds = _UNCHANGED.get(type(f))
    if kinds is None and type(f) is models.ForeignKey:
        target = f.target_field  # type: ignore[attr-defined]
        if type(target) in _INTEGER_KEYS:
            kinds = (int, type(None))
    return kinds


def _plain_datetime(f: Field) -> bool:
    """A DateTimeField (exactly) that sets nothing itself when saved (not auto_now/_add): an
    aware datetime's whole conversion is then the backend's `adapt_datetimefield_value`
    (to_python and get_prep_value return an aware datetime unchanged)."""
    return type(f) is models.DateTimeField and not (f.auto_now or f.auto_now_add)  # type: ignore[attr-defined]


def _convert(f: Field, kinds: tuple[type, ...] | None, aware: bool, value: Any, db: Any) -> Any:
    """`f.get_db_prep_save(value, db)`, with the short cuts of the plan."""
    if kinds is not None and (
        type(value) in kinds or (isinstance(value, str) and type(f) in _STR_FIELDS)
    ):
        return value
    if aware and type(value) is dt.datetime and value.utcoffset() is not None:
        return db.ops.adapt_datetimefield_value(value)
    return f.get_db_prep_save(value, db)


def _params(instance: models.Model, insert: _Insert, db: Any) -> list[Any]:
    # `db` is the connection itself, not django.db.connection (a proxy that looks the
    # connection up again on every attribute read: about 80 reads per report). The plan (which
    # fields pass which values through) is built once per model with the statement.
    params = []
    values = instance.__dict__
    for f, attname, kinds, aware in insert.plan:
        if (kinds is not None or aware) and attname in values:
            # No pre_save: these fields' own is a plain read of the attribute.
            value = values[attname]
            if kinds is not None and type(value) in kinds:  # `_convert`'s first short cut
                params.append(value)
            else:
                params.append(_convert(f, kinds, aware, value, db))
        else:
            params.append(f.get_db_prep_save(f.pre_save(instance, True), db))
    return params


def _pending(
    instance: models.Model, relations: tuple[tuple[int, Field], ...], params: list[Any]
) -> list[tuple[int, Any]]:
    """Foreign keys (to a primary key) set to an instance that has no primary key yet."""
    pending = []
    for index, f in relations:
        if params[index] is not None:
            continue
        if not f.is_cached(instance):  # type: ignore[attr-defined]
            continue
        target = f.get_cached_value(instance)  # type: ignore[attr-defined]
        if target is not None and target.pk is None:
            if not f.target_field.primary_key:  # type: ignore[attr-defined]
                raise NotImplementedError(f"{f} refers to a field other than a primary key")
            pending.append((index, f))
    return pending


def native_sql(sql: str, vendor: str) -> str:
    """A statement written with Django's %s placeholders (and no literal %), in the driver's
    own paramstyle: SQLite's qmark (what Django's SQLite cursor converts it to on every
    execution, with a regular expression); psycopg's is Django's."""
    if "%%" in sql:
        raise ValueError("a statement for `execute` may not contain a literal %")
    return sql.replace("%s", "?") if vendor == "sqlite" else sql


def execute(db: Any, sql: str, native: str, params: Sequence[Any], fetch: bool = False) -> Any:
    """Run one statement inside the caller's transaction and return its first row if `fetch`.

    On the driver's own cursor (`native`, see `native_sql`), with the same error translation as
    Django's cursor (a driver error becomes django.db's IntegrityError, OperationalError...),
    and the same refusal to run in a transaction that must roll back. Django's cursor wrapper
    costs more than SQLite's INSERT itself on intake's seven statements; it is still used (with
    `sql`) when anything watches statements: execute wrappers (tests injecting failures) or a
    query log (DEBUG, CaptureQueriesContext, assertNumQueries)."""
    if db.execute_wrappers or db.queries_logged or not db.in_atomic_block or db.connection is None:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if fetch else None
    db.validate_no_broken_transaction()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        cursor = db.connection.cursor()
        try:
            cursor.execute(native, params)
            return cursor.fetchone() if fetch else None
        finally:
            cursor.close()


def prepare_insert(instance: models.Model) -> PreparedRow:
    """Everything an insert of `instance` needs, computed now (outside any transaction)."""
    db = connections[DEFAULT_DB_ALIAS]
    insert = _statement(type(instance), db.vendor)
    params = _params(instance, insert, db)
    return PreparedRow(
        instance=instance, params=params, pending=_pending(instance, insert.relations, params)
    )


def write_prepared(row: PreparedRow) -> models.Model:
    """INSERT the prepared row (inside the caller's transaction); the instance gets its pk."""
    db = connections[DEFAULT_DB_ALIAS]
    instance = row.instance
    insert = _statement(type(instance), db.vendor)
    instance.pk = execute(db, insert.one, insert.one_native, row.resolve(), fetch=True)[0]
    instance._state.adding = False
    instance._state.db = db.alias
    return instance


def prepare_rows(instances: Sequence[models.Model]) -> list[PreparedRow]:
    """`prepare_insert` for rows of one model written together by `write_rows`."""
    if instances:
        model = type(instances[0])
        if any(type(instance) is not model for instance in instances):
            raise TypeError("rows written together must be of one model")
    return [prepare_insert(instance) for instance in instances]


def write_rows(rows: Sequence[PreparedRow]) -> None:
    """INSERT prepared rows of one model whose primary keys nobody needs afterwards (e.g. a
    case's clocks and identifiers), in one statement, inside the caller's transaction. The
    instances are not marked saved (they get no pk)."""
    if not rows:
        return
    db = connections[DEFAULT_DB_ALIAS]
    params: list[Any] = []
    for row in rows:
        params.extend(row.resolve())
    sql, native = _many(type(rows[0].instance), db.vendor, len(rows))
    execute(db, sql, native, params)


@cache
def _many(model: type[models.Model], vendor: str, count: int) -> tuple[str, str]:
    """The INSERT of `count` rows, in Django's style and the driver's (see `execute`)."""
    insert = _statement(model, vendor)
    sql = f"{insert.head} {', '.join([insert.row] * count)}"
    return sql, native_sql(sql, vendor)


def insert_all(instances: Sequence[models.Model]) -> None:
    """Prepare and write rows of one model at once (inside the caller's transaction)."""
    write_rows(prepare_rows(instances))


# Defaults of these exact types are the same value every time, whoever asks: taken once.
_CONSTANT_DEFAULTS = (str, int, bool, float, type(None))
_CALL = object()  # a default to ask the field for on every instance (callable, or mutable)


def _default(f: Field) -> Any:
    if f.has_default() and callable(f.default):
        return _CALL
    value = f.get_default()
    if type(value) in _CONSTANT_DEFAULTS:
        return value
    # A member of a str or int enum (e.g. TextChoices, a status's default) is immutable too.
    if isinstance(value, enum.Enum) and isinstance(value, str | int):
        return value
    return _CALL


@cache
def _init_plan(model: type[models.Model]) -> tuple[tuple[str, str, bool, Field, Any], ...] | None:
    """(name, attname, is a foreign key, field, default or _CALL) per concrete field, in
    `Model.__init__`'s positional order; None when the model has fields without a column or
    generated ones (use the model itself)."""
    meta = model._meta
    if len(meta.fields) != len(meta.concrete_fields) or any(
        getattr(f, "generated", False) for f in meta.concrete_fields
    ):
        return None
    return tuple(
        (f.name, f.attname, isinstance(f.remote_field, ForeignObjectRel), f, _default(f))
        for f in meta.concrete_fields
    )


def build(model: type[_M], /, **values: Any) -> _M:
    """`model(**values)`, through `Model.__init__`'s positional path (about twice as fast for
    a model of many fields: the keyword path pops and tests every field's name and asks every
    missing one for its default). The same rules: a related instance given by name is set
    through its descriptor (cached, its pk copied); a missing field gets its default (a
    constant str/int/bool/float/None default taken once per process, any other asked of
    `get_default()` each time); pre_init/post_init are sent; anything else (a property, an
    unknown name) goes to `model(**values)` itself."""
    plan = _init_plan(model)
    if plan is None:
        return model(**values)
    given = dict(values)
    args: list[Any] = []
    related: list[tuple[str, Any]] = []
    for name, attname, is_relation, f, default in plan:
        if is_relation and name in given:
            related.append((name, given.pop(name)))
            args.append(DEFERRED)  # set below, through the descriptor
        elif attname in given:
            args.append(given.pop(attname))
        else:
            args.append(f.get_default() if default is _CALL else default)
    if given:
        return model(**values)
    instance = model(*args)
    for name, value in related:
        if value is not DEFERRED:
            setattr(instance, name, value)
    return instance


_UNSET = object()  # a param computed for each row


def _trivial_pre_save(f: Field) -> bool:
    """Whether `f.pre_save(instance, add=True)` only reads the attribute (what Field's own
    does; DateField's and DateTimeField's too unless auto_now/auto_now_add)."""
    method = type(f).pre_save
    if method is Field.pre_save:
        return True
    if method in (models.DateField.pre_save, models.DateTimeField.pre_save):
        return not (f.auto_now or f.auto_now_add)  # type: ignore[attr-defined]
    return False


@dataclass(frozen=True)
class _NewPlan:
    """How `new_row` makes a model's row: the defaults, on the instance and as parameters, and
    what each given name sets."""

    insert: _Insert
    attrs: dict[str, Any]  # attname -> the constant default (the instance's value)
    params: list[Any]  # per INSERT field: the converted constant default, or _UNSET
    # Fields whose default is asked of the field for every row: (attname, field)
    calls: tuple[tuple[str, Field], ...]
    # name or attname -> (field, attname, param index or None, set through the relation)
    names: dict[str, tuple[Field, str, int | None, bool]]
    unset: tuple[int, ...]  # the params left _UNSET


@cache
def _new_plan(model: type[models.Model], vendor: str) -> _NewPlan | None:
    """None when the model needs the general path (see `new_row`)."""
    if _init_plan(model) is None:
        return None
    meta = model._meta
    insert = _statement(model, vendor)
    if any(not _trivial_pre_save(f) for f in insert.fields):
        return None
    attrs: dict[str, Any] = {}
    params: list[Any] = [_UNSET] * len(insert.fields)
    calls = []
    names: dict[str, tuple[Field, str, int | None, bool]] = {}
    for f in meta.concrete_fields:
        index = insert.positions.get(f.attname)
        default = _default(f)
        if default is _CALL:
            calls.append((f.attname, f))
        else:
            attrs[f.attname] = default
            if index is not None:
                kinds = insert.plan[index][2]
                stored_as_is = getattr(f, "is_stored_as_is", None)
                if (
                    (kinds is not None and type(default) in kinds)
                    # what `_convert` passes through (a str enum member for a text field)
                    or (kinds is not None and isinstance(default, str) and type(f) in _STR_FIELDS)
                    or (stored_as_is is not None and stored_as_is(default))
                ):
                    params[index] = default
        names[f.attname] = (f, f.attname, index, False)
        if isinstance(f.remote_field, ForeignObjectRel):
            if not f.target_field.primary_key:  # type: ignore[attr-defined]
                return None
            names[f.name] = (f, f.attname, index, True)
    return _NewPlan(
        insert=insert,
        attrs=attrs,
        params=params,
        calls=tuple(calls),
        names=names,
        unset=tuple(index for index, param in enumerate(params) if param is _UNSET),
    )


def new_row(model: type[_M], /, **values: Any) -> PreparedRow:
    """`prepare_insert(build(model, **values))` at once: the instance and its row to INSERT.

    The same instance and parameters (tested), made from a per-process plan instead of field
    by field: an instance's constant defaults are copied, not set one attribute at a time, and
    those whose conversion is the value itself (most of a new case's 45 columns) are not
    converted again for every row. A related instance given by name is cached as its
    descriptor would (the reverse of a one-to-one too), and refers to it by primary key, or
    when written if it has none yet. Anything unusual goes the general way: models with
    pre_init/post_init receivers or fields whose pre_save does more than read the value, a
    name the plan does not know (the model raises), a primary key given, a related value of
    the wrong type (the descriptor raises)."""
    db = connections[DEFAULT_DB_ALIAS]
    plan = _new_plan(model, db.vendor)
    if (
        plan is None
        or signals.pre_init.has_listeners(model)
        or signals.post_init.has_listeners(model)
    ):
        return prepare_insert(build(model, **values))
    names = plan.names
    attrs = plan.attrs.copy()
    params = plan.params.copy()
    related: list[tuple[Field, Any]] = []
    given: set[str] = set()
    convert = dict.fromkeys(plan.unset)
    for name, value in values.items():
        entry = names.get(name)
        if entry is None:
            return prepare_insert(build(model, **values))
        f, attname, index, through_relation = entry
        if index is None:  # the primary key
            return prepare_insert(build(model, **values))
        if through_relation:
            if value is not None and not isinstance(value, f.remote_field.model):  # type: ignore[union-attr]
                return prepare_insert(build(model, **values))
            related.append((f, value))
            value = None if value is None else value.pk
        attrs[attname] = value
        given.add(attname)
        convert[index] = None
    for attname, f in plan.calls:
        if attname not in given:
            attrs[attname] = f.get_default()
    instance = object.__new__(model)
    state = ModelState()
    instance._state = state
    instance.__dict__.update(attrs)
    pending: list[tuple[int, Any]] = []
    plan_of = plan.insert.plan
    for index in convert:
        f, attname, kinds, aware = plan_of[index]
        value = attrs[attname]
        params[index] = (
            value
            if kinds is not None and type(value) in kinds
            else _convert(f, kinds, aware, value, db)
        )
    for f, target in related:
        state.fields_cache[f.name] = target
        if target is None:
            continue
        if target.pk is None:
            pending.append((plan.insert.positions[f.attname], f))
        if f.one_to_one:
            f.remote_field.set_cached_value(target, instance)  # type: ignore[union-attr]
    return PreparedRow(instance=instance, params=params, pending=pending)


def copy_instance(instance: _M) -> _M:
    """A shallow copy of a model instance (as `copy.copy` makes, a new state and cache of
    related objects), at a tenth of its cost: for per-process caches that hand out copies."""
    new = object.__new__(type(instance))
    new.__dict__ = instance.__dict__.copy()
    state = ModelState()
    state.__dict__.update(
        {k: v.copy() if isinstance(v, dict) else v for k, v in instance._state.__dict__.items()}
    )
    new._state = state
    return new


def _lock_file(database: str) -> int | None:
    """An open file that every process using `database` locks (in the temporary folder, one
    per database path). The turn is only an optimisation: SQLite's own locking keeps writes
    correct even if two processes ever held different files."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    descriptor = _lock_files.get(database)
    if descriptor is None:
        digest = hashlib.sha256(os.path.abspath(database).encode()).hexdigest()[:24]
        path = os.path.join(tempfile.gettempdir(), f"hatecrime-writer-turn-{digest}.lock")
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        _lock_files[database] = descriptor
    return descriptor


@contextlib.contextmanager
def sqlite_writer_turn() -> Iterator[None]:
    """Wait for this process's and thread's turn to write (SQLite only, outside transactions)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _threads:
        descriptor = _lock_file(str(connection.settings_dict["NAME"]))
        if descriptor is None:
            yield
            return
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)

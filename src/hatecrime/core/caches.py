"""Per-process caches of rows that rarely change (areas, clock rules: the intake path reads
them for every report, docs/adr/0301-intake-performance.md)."""

from collections.abc import Callable

from django.db import models, transaction
from django.db.models.signals import post_delete, post_migrate, post_save


def forget_on_change(model: type[models.Model], forget: Callable[[], None], name: str) -> None:
    """Call `forget` when a row of `model` is saved or deleted in this process, at once and
    again when that transaction commits (another thread may have cached the old rows between
    the change and the commit), and after migrations and `flush` (tests). Other processes see a
    change when their cache's own time runs out. `name` makes the receivers unique."""

    def changed(**kwargs: object) -> None:
        forget()
        transaction.on_commit(forget)

    def migrated(**kwargs: object) -> None:
        forget()

    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{name}-forget-on-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{name}-forget-on-delete")
    post_migrate.connect(migrated, weak=False, dispatch_uid=f"{name}-forget-on-migrate")

from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "hatecrime.core"
    label = "core"

    def ready(self) -> None:
        make_private(Path(settings.VAR_DIR), Path(settings.EVIDENCE_ROOT))


def make_private(*directories: Path) -> None:
    """The data directories are readable by the service's user only (0700), whatever umask
    made them: the SQLite file, its journal, evidence and the development keys live in them."""
    for directory in directories:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if directory.stat().st_mode & 0o077:
            directory.chmod(0o700)

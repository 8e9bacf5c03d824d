"""Importers of published hate crime data into named datasets (never into live data)."""

from .incidents import Options
from .reading import ImportFailed, Summary, read_aliases
from .run import import_incidents, import_series

__all__ = [
    "ImportFailed",
    "Options",
    "Summary",
    "import_incidents",
    "import_series",
    "read_aliases",
]

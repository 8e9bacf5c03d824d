"""What every access function shares."""

from django.http import Http404


def id_or_404(value: int | str, message: str) -> int:
    """A primary key from a URL or a payload; anything that is not a number is "not found"."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404(message) from None

"""From a published category (a bias, a MinorText) to one of the service's strands.

The five centrally monitored strands are race, religion, sexual_orientation, disability and
transgender; published data adds gender (FBI anti-male/anti-female) and others. A category that
no rule recognises is kept as given, in the strand `other`, and listed in the import summary:
published code lists grow, and dropping or rejecting a new bias would hide real incidents.
"""

import re

# Order matters: "Anti-Gay (Male)" is about sexual orientation, not gender.
_RULES: list[tuple[str, str]] = [
    ("race", r"racist and religious"),  # the Met's combined series is counted under race
    ("transgender", r"transgender|gender non.?conforming|gender identity"),
    (
        "sexual_orientation",
        r"\bgay\b|lesbian|bisexual|heterosexual|lgbt|homophob|biphob|homosexual|sexual orientation",
    ),
    ("disability", r"disab"),
    (
        "religion",
        r"jewish|semit|catholic|protestant|islam|muslim|relig|atheis|agnostic|mormon|latter.day|"
        r"jehovah|orthodox|christian|buddhist|hindu|sikh|faith|church",
    ),
    (
        "race",
        r"white|black|african|asian|american indian|alaska|hawaiian|pacific|arab|hispanic|latino|"
        r"\brace|racial|racist|ethnic|ancestry",
    ),
    ("gender", r"\bmale\b|\bfemale\b|\bgender\b|misogyn|\bsex\b"),
]
_COMPILED = [(strand, re.compile(pattern, re.IGNORECASE)) for strand, pattern in _RULES]
STRANDS = ("race", "religion", "sexual_orientation", "disability", "transgender", "gender")


def strand_for(category: str) -> str | None:
    """The strand a category belongs to, or None when no rule recognises it."""
    for strand, pattern in _COMPILED:
        if pattern.search(category):
            return strand
    return None

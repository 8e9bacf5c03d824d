"""From a published category (a bias, a MinorText) to one of the service's strands
(`core.models.Strand`, the one list of strands).

Published data adds to the five centrally monitored strands some a force monitors locally: sex
or gender (FBI anti-male/anti-female), age and alternative subculture. A category that no rule
recognises is kept as given, in the strand `other`, and listed in the import summary: published
code lists grow, and dropping or rejecting a new bias would hide real incidents.
"""

import re

from hatecrime.core.models import Strand

# Order matters: "Anti-Gay (Male)" is about sexual orientation, not sex or gender.
_RULES: list[tuple[Strand, str]] = [
    (Strand.RACE, r"racist and religious"),  # the Met's combined series is counted under race
    (Strand.TRANSGENDER, r"transgender|gender non.?conforming|gender identity"),
    (
        Strand.SEXUAL_ORIENTATION,
        r"\bgay\b|lesbian|bisexual|heterosexual|lgbt|homophob|biphob|homosexual|sexual orientation",
    ),
    (Strand.DISABILITY, r"disab"),
    (Strand.ALTERNATIVE_SUBCULTURE, r"subculture|\bgoths?\b|\bemo\b|\bpunks?\b"),
    (
        Strand.RELIGION,
        r"jewish|semit|catholic|protestant|islam|muslim|relig|atheis|agnostic|mormon|latter.day|"
        r"jehovah|orthodox|christian|buddhist|hindu|sikh|faith|church",
    ),
    (
        Strand.RACE,
        r"white|black|african|asian|american indian|alaska|hawaiian|pacific|arab|hispanic|latino|"
        r"\brace|racial|racist|ethnic|ancestry",
    ),
    (Strand.AGE, r"\bage\b|\bageis|\bolder (people|person)|elderly"),
    (Strand.SEX_GENDER, r"\bmale\b|\bfemale\b|\bgender\b|misogyn|\bsex\b"),
]
_COMPILED = [(strand, re.compile(pattern, re.IGNORECASE)) for strand, pattern in _RULES]


def strand_for(category: str) -> str | None:
    """The strand a category belongs to, or None when no rule recognises it."""
    for strand, pattern in _COMPILED:
        if pattern.search(category):
            return strand.value
    return None

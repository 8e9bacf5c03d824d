"""Finding a person's mentions in free text, to take them out: their names (whole, and each word
of three letters or more), handles (with or without @), phone numbers (any separators, +44 or 0)
and any other literal value (an email address). Used to remove the data of the person reported
about from an NCHI (ADR 0452) and to redact third parties from a subject access bundle
(docs/retention.md)."""

import re
from collections.abc import Iterable

_NOT_DIGIT = re.compile(r"\D")


def mention_patterns(
    *,
    names: Iterable[str] = (),
    handles: Iterable[str] = (),
    phones: Iterable[str] = (),
    literals: Iterable[str] = (),
) -> list[re.Pattern[str]]:
    """Patterns for every way the text can name them, longest first (so that a whole name goes
    as one replacement before its words)."""
    words: set[str] = set()
    for name in names:
        words.add(name.strip())
        words.update(word for word in re.split(r"[\s,]+", name) if len(word) >= 3)
    for handle in handles:
        words.add(handle.strip().lstrip("@"))
    patterns = [
        re.compile(r"@?\b" + re.escape(word) + r"\b", re.IGNORECASE)
        for word in sorted(words, key=len, reverse=True)
        if word
    ]
    patterns += [
        re.compile(re.escape(literal.strip()), re.IGNORECASE)
        for literal in sorted(literals, key=len, reverse=True)
        if len(literal.strip()) >= 3
    ]
    for phone in phones:
        digits = _NOT_DIGIT.sub("", phone)
        if len(digits) >= 6:
            patterns.append(re.compile(r"[\s().-]*".join(digits)))
            patterns.append(re.compile(r"\+?44[\s().-]*" + r"[\s().-]*".join(digits[1:])))
    return patterns


def replace_mentions(text: str, patterns: Iterable[re.Pattern[str]], replacement: str) -> str:
    for pattern in patterns:
        text = pattern.sub(replacement, text)
    return text

"""Plain words for victims: a reading-age test for text staff or administrators write for a
victim to read (decision letters, the result of a review). docs/adr/0811-reading-age.md.

English (and Easy Read English) is measured with the Flesch-Kincaid grade,
0.39 x words per sentence + 11.8 x syllables per word - 15.59, a US school grade: grade 8 is
a reading age of about 13, the level UK public bodies aim at. Syllables are counted by a rule of
thumb (vowel groups, a silent final e), good to about one syllable in ten, which moves the grade
by well under one. Other languages have no measure this service can trust, so only the length
of each sentence is checked: in words, or, for scripts written without spaces between words
(Chinese, Japanese, Thai, Khmer, Burmese), in characters.

The limits are settings (HATECRIME_PLAIN_WORDS_*), so a force can set its own.
"""

import math
import re
from dataclasses import dataclass

from django.conf import settings

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
MAX_SENTENCE_CHARACTERS = 50
NO_SPACES_BETWEEN_WORDS = frozenset({"zh-hans", "zh-hant", "ja", "th", "km", "my"})

_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f\u0964\u06d4\u061f])\s*|\n+")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")


def max_grade() -> float:
    return float(getattr(settings, "HATECRIME_PLAIN_WORDS_MAX_GRADE", MAX_GRADE))


def max_sentence_words() -> int:
    return int(getattr(settings, "HATECRIME_PLAIN_WORDS_MAX_SENTENCE_WORDS", MAX_SENTENCE_WORDS))


def max_sentence_characters() -> int:
    return int(
        getattr(settings, "HATECRIME_PLAIN_WORDS_MAX_SENTENCE_CHARACTERS", MAX_SENTENCE_CHARACTERS)
    )


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """Syllables in an English word, by rule of thumb ("plain" 1, "evidence" 3, "decided" 3)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1  # a number read aloud: counted as one
    if len(letters) <= 3:
        return 1
    trimmed = _SILENT_ENDING.sub(lambda m: m.group(0)[0], letters)
    if letters.endswith(("ted", "ded")):
        trimmed = letters  # "decided", "wanted": the -ed is a syllable
    return max(1, len(_VOWEL_GROUP.findall(trimmed.removeprefix("y"))))


@dataclass(frozen=True)
class Reading:
    sentences: int
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade (0 for no words)."""
        if not self.words:
            return 0.0
        per_sentence = self.words / max(self.sentences, 1)
        return round(0.39 * per_sentence + 11.8 * self.syllables / self.words - 15.59, 1)


def measure(text: str) -> Reading:
    parts = sentences(text)
    all_words = [word for part in parts for word in words(part)]
    return Reading(len(parts), len(all_words), sum(syllables(word) for word in all_words))


def is_english(language: str) -> bool:
    return language.lower().startswith("en")


def _longest_sentence_problem(text: str, language: str) -> str:
    by_characters = language.lower() in NO_SPACES_BETWEEN_WORDS
    for number, sentence in enumerate(sentences(text), start=1):
        if by_characters:
            length = len(re.sub(r"\s", "", sentence))
            if length > max_sentence_characters():
                return (
                    f"Sentence {number} has {length} characters: keep each sentence to "
                    f"{max_sentence_characters()} characters or fewer"
                )
        else:
            length = len(words(sentence))
            if length > max_sentence_words():
                return (
                    f"Sentence {number} has {length} words: keep each sentence to "
                    f"{max_sentence_words()} words or fewer"
                )
    return ""


def _reading_age(grade: float) -> str:
    """US school grade N is a reading age of about N + 5 (a part grade counts as the next)."""
    age = math.ceil(grade) + 5
    return "a reading age over 18" if age > 18 else f"a reading age of {age}"


def plain_words_problems(text: str, language: str = "en-gb") -> list[str]:
    """What makes `text` too hard to read for a victim, as GOV.UK error messages for staff
    ([] when it passes): the grade for English, the length of each sentence for all."""
    problems = []
    if is_english(language):
        grade = measure(text).grade
        if grade > max_grade():
            problems.append(
                f"This reads at school grade {grade:g} ({_reading_age(grade)}). Use shorter "
                f"sentences and everyday words so that it reads at grade {max_grade():g} or "
                f"lower ({_reading_age(max_grade())})"
            )
    long_sentence = _longest_sentence_problem(text, language)
    if long_sentence:
        problems.append(long_sentence)
    return problems

"""The languages of the public side, in one place (ADR 0700).

Each language has its URL code (the prefix of its public pages, `/vi/...`, and the name of its
catalogue under src/hatecrime/locale/), its name in itself, its writing direction, who
translated it and whether a fluent speaker has reviewed it, and whether it is shipped.

A language is offered in the switch only when it is *shipped* (its catalogue is complete:
tests/core/test_catalogues.py fails otherwise) and not hidden by the operator
(HATECRIME_HIDDEN_LANGUAGES). HATECRIME_PREVIEW_LANGUAGES lets a translator look at an
unshipped language on their own machine. Staff pages, the API and the admin stay in English.

This module is imported by the settings, so it imports nothing from Django but its locale table.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.conf.locale import LANG_INFO

DEFAULT = "en-gb"
# Easy Read English: a private-use BCP 47 subtag; its catalogue is locale/en_X-easy.
EASY_READ = "en-x-easy"


@dataclass(frozen=True)
class Language:
    code: str  # URL prefix and Django language code
    name: str  # the language named in itself, as the switch shows it
    english_name: str  # for staff pages and the API
    lang: str  # the BCP 47 tag of the html lang attribute
    direction: str = "ltr"  # "ltr" or "rtl"
    translator: str = ""  # who translated the catalogue (a person, an agency, "machine draft")
    reviewed: bool = False  # checked by a fluent speaker
    shipped: bool = False  # complete and offered to the public

    @property
    def bidi(self) -> bool:
        return self.direction == "rtl"


REGISTRY: tuple[Language, ...] = (
    Language(
        DEFAULT, "English", "English", "en-GB", translator="source", reviewed=True, shipped=True
    ),
    Language(
        EASY_READ,
        "Easy Read English",
        "Easy Read English",
        "en-GB",
        translator="hatecrime developers (i18n10)",
        shipped=True,
    ),
    Language(
        "cy",
        "Cymraeg",
        "Welsh",
        "cy",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    # East and South East Asian
    Language(
        "zh-hans",
        "中文（简体）",
        "Chinese (Simplified)",
        "zh-Hans",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "zh-hant",
        "中文（繁體，香港）",
        "Chinese (Traditional, Hong Kong)",
        "zh-Hant-HK",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "vi",
        "Tiếng Việt",
        "Vietnamese",
        "vi",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "ko",
        "한국어",
        "Korean",
        "ko",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "ja",
        "日本語",
        "Japanese",
        "ja",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "th",
        "ไทย",
        "Thai",
        "th",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "tl",
        "Filipino",
        "Filipino (Tagalog)",
        "fil",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "ms",
        "Bahasa Melayu",
        "Malay",
        "ms",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "id",
        "Bahasa Indonesia",
        "Indonesian",
        "id",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "km",
        "ខ្មែរ",
        "Khmer",
        "km",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "my",
        "မြန်မာ",
        "Burmese",
        "my",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    # right to left
    Language(
        "ar",
        "العربية",
        "Arabic",
        "ar",
        direction="rtl",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "ur",
        "اردو",
        "Urdu",
        "ur",
        direction="rtl",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "fa",
        "فارسی",
        "Persian (Farsi)",
        "fa",
        direction="rtl",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    # London's other large communities
    Language(
        "pl",
        "Polski",
        "Polish",
        "pl",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "ro",
        "Română",
        "Romanian",
        "ro",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "bn",
        "বাংলা",
        "Bengali",
        "bn",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "gu",
        "ગુજરાતી",
        "Gujarati",
        "gu",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "pa",
        "ਪੰਜਾਬੀ",
        "Punjabi (Gurmukhi)",
        "pa",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "ta",
        "தமிழ்",
        "Tamil",
        "ta",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "tr",
        "Türkçe",
        "Turkish",
        "tr",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "so",
        "Soomaali",
        "Somali",
        "so",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "pt",
        "Português",
        "Portuguese",
        "pt",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "es",
        "Español",
        "Spanish",
        "es",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "it",
        "Italiano",
        "Italian",
        "it",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "fr",
        "Français",
        "French",
        "fr",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "lt",
        "Lietuvių",
        "Lithuanian",
        "lt",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "bg",
        "Български",
        "Bulgarian",
        "bg",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "uk",
        "Українська",
        "Ukrainian",
        "uk",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "ru",
        "Русский",
        "Russian",
        "ru",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
    Language(
        "sq",
        "Shqip",
        "Albanian",
        "sq",
        translator="machine draft (AI-assisted), awaiting review by a fluent speaker",
        reviewed=False,
        shipped=True,
    ),
)

BY_CODE: dict[str, Language] = {language.code: language for language in REGISTRY}


def django_languages() -> list[tuple[str, str]]:
    """settings.LANGUAGES: every language with a catalogue, shipped or not (a URL for an
    unshipped one redirects to English unless previewed; see core.language_middleware)."""
    return [(language.code, language.name) for language in REGISTRY]


def register_lang_info() -> None:
    """Django's table of languages lacks a few of ours; `{% get_language_info %}` and the admin
    read it. Ours fill in only what is missing."""
    for language in REGISTRY:
        LANG_INFO.setdefault(
            language.code,
            {
                "bidi": language.bidi,
                "code": language.code,
                "name": language.english_name,
                "name_local": language.name,
            },
        )


# Language tags (as browsers and partner systems send them) that name one of ours differently.
ALIASES = {
    "en": DEFAULT,
    "zh": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-hans-cn": "zh-hans",
    "zh-tw": "zh-hant",
    "zh-hk": "zh-hant",
    "zh-mo": "zh-hant",
    "zh-hant-hk": "zh-hant",
    "zh-hant-tw": "zh-hant",
    "fil": "tl",
}


def from_tag(tag: str, among: Iterable[str] | None = None) -> str | None:
    """Our code for a language tag ("vi-VN" -> "vi", "zh-HK" -> "zh-hant", "fil" -> "tl"),
    among `among` (default: every language of the registry); None when none matches."""
    tag = tag.strip().lower()
    codes = set(BY_CODE) if among is None else set(among)
    primary = tag.split("-")[0]
    for candidate in (tag, ALIASES.get(tag), primary, ALIASES.get(primary)):
        if candidate in codes:
            return candidate
    return None


def for_staff(code: str | None) -> str:
    """A report's language as staff read it: "Vietnamese (Tiếng Việt)"; a code the registry
    does not know (one sent by a partner system) as given."""
    language = BY_CODE.get((code or "").lower())
    if language is None:
        return code or ""
    if language.name == language.english_name:
        return language.english_name
    return f"{language.english_name} ({language.name})"


def may_need_translating(code: str | None) -> bool:
    """Whether what someone wrote in this language may need translating for staff: anything
    but English (Easy Read English included)."""
    return bool(code) and (code or "").lower().split("-")[0] != "en"


def get(code: str | None) -> Language:
    """The registry's language for a Django language code (English when unknown)."""
    return BY_CODE.get((code or DEFAULT).lower(), BY_CODE[DEFAULT])


def offered(hidden: Iterable[str], preview: Iterable[str]) -> list[Language]:
    """The languages offered to the public: shipped (or previewed) and not hidden; English
    always, in registry order."""
    hidden_codes = {code.lower() for code in hidden}
    preview_codes = {code.lower() for code in preview}
    return [
        language
        for language in REGISTRY
        if language.code == DEFAULT
        or (
            (language.shipped or language.code in preview_codes)
            and language.code not in hidden_codes
        )
    ]


def available() -> list[Language]:
    """`offered` with this installation's settings."""
    return offered(settings.HATECRIME_HIDDEN_LANGUAGES, settings.HATECRIME_PREVIEW_LANGUAGES)


def is_available(code: str) -> bool:
    return any(language.code == code for language in available())


# Dates in the languages Django has no month names or no full date format for (it would write
# "Dec. 7, 2026"): the pattern and the month names (docs/adr/0701).
OWN_MONTHS: dict[str, tuple[str, tuple[str, ...]]] = {
    "so": (
        "{day} {month} {year}",
        (
            "Janaayo", "Febraayo", "Maarso", "Abriil", "Maajo", "Juun",
            "Luuliyo", "Ogost", "Sebtembar", "Oktoobar", "Nofembar", "Desembar",
        ),
    ),
    "tl": (
        "{month} {day}, {year}",
        (
            "Enero", "Pebrero", "Marso", "Abril", "Mayo", "Hunyo",
            "Hulyo", "Agosto", "Setyembre", "Oktubre", "Nobyembre", "Disyembre",
        ),
    ),
    "gu": (
        "{day} {month} {year}",
        (
            "જાન્યુઆરી", "ફેબ્રુઆરી", "માર્ચ", "એપ્રિલ", "મે", "જૂન",
            "જુલાઈ", "ઑગસ્ટ", "સપ્ટેમ્બર", "ઑક્ટોબર", "નવેમ્બર", "ડિસેમ્બર",
        ),
    ),
    "my": (
        "{day} {month} {year}",
        (
            "ဇန်နဝါရီ", "ဖေဖော်ဝါရီ", "မတ်", "ဧပြီ", "မေ", "ဇွန်",
            "ဇူလိုင်", "ဩဂုတ်", "စက်တင်ဘာ", "အောက်တိုဘာ", "နိုဝင်ဘာ", "ဒီဇင်ဘာ",
        ),
    ),
    "pa": (
        "{day} {month} {year}",
        (
            "ਜਨਵਰੀ", "ਫ਼ਰਵਰੀ", "ਮਾਰਚ", "ਅਪ੍ਰੈਲ", "ਮਈ", "ਜੂਨ",
            "ਜੁਲਾਈ", "ਅਗਸਤ", "ਸਤੰਬਰ", "ਅਕਤੂਬਰ", "ਨਵੰਬਰ", "ਦਸੰਬਰ",
        ),
    ),
    "ur": (
        "{day} {month} {year}",
        (
            "جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون",
            "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر",
        ),
    ),
    "ms": (
        "{day} {month} {year}",
        (
            "Januari", "Februari", "Mac", "April", "Mei", "Jun",
            "Julai", "Ogos", "September", "Oktober", "November", "Disember",
        ),
    ),
    "id": (
        "{day} {month} {year}",
        (
            "Januari", "Februari", "Maret", "April", "Mei", "Juni",
            "Juli", "Agustus", "September", "Oktober", "November", "Desember",
        ),
    ),
}  # fmt: skip

"""The answers of three people who report through the pages, page by page (form data as the
browser posts it). Shared by the test-client journey tests and the browser tests.

- Grace reports what happened to her, with her name.
- An anonymous witness reports online abuse.
- Femi reports for his neighbour, who knows and agrees.
"""

import datetime
from typing import Any

OCCURRED = datetime.date(2026, 11, 14)

COMMON: dict[str, dict[str, Any]] = {
    "what-happened": {
        "what_happened": "A man followed me off the bus on Mare Street shouting racist abuse."
    },
    "behaviour": {"behaviours": ["verbal_abuse", "threats"]},
    "when": {
        "occurred_on_day": str(OCCURRED.day),
        "occurred_on_month": str(OCCURRED.month),
        "occurred_on_year": str(OCCURRED.year),
        "occurred_at": "18:30",
    },
    "where": {
        "setting": "place",
        "borough": "hackney",
        "place": "Mare Street bus stop",
        "postcode": "e8 1hb",
    },
    "why": {"motivations": ["race"], "targeted_communities": ["chinese", "hong_kong"]},
    "injuries": {"injured": "no"},
    "suspects": {"count": "one", "description": "Tall, grey hoodie"},
    "witnesses": {"any": "not_sure"},
    "evidence": {"action": "continue"},
    "support": {"referral_consent": "yes", "methods": ["phone"], "voicemail_safe": "no"},
}

GRACE: dict[str, dict[str, Any]] = {
    "who": {"reporter_role": "victim"},
    "anonymous": {"anonymous": "no"},
    **COMMON,
    "contact": {"name": "Grace Testperson", "phone": "07700 900123", "email": "grace@example.org"},
}

ANONYMOUS_WITNESS: dict[str, dict[str, Any]] = {
    "who": {"reporter_role": "witness"},
    "victim-knows": {"victim_knows": "not_sure"},
    "anonymous": {"anonymous": "yes"},
    **COMMON,
    "what-happened": {"what_happened": "An account posted threats against a synagogue in Camden."},
    "behaviour": {"behaviours": ["online_abuse", "threats"]},
    "where": {
        "setting": "online",
        "platform": "A social media site",
        "links": "https://social.example/post/1",
        "account_names": "@example_account",
        "immediate_danger": "no",
        "poster_identity_known": "no",
        "future_event": "yes",
        "online_borough": "camden",
    },
    "why": {"motivations": ["religion"]},
    "support": {},
}

FEMI_FOR_NEIGHBOUR: dict[str, dict[str, Any]] = {
    "who": {
        "reporter_role": "on_behalf",
        "relationship": "friend",
        "organisation": "",
    },
    "victim-knows": {"victim_knows": "yes", "victim_agrees_to_contact": "yes"},
    "anonymous": {"anonymous": "no"},
    **COMMON,
    "where": {"setting": "place", "borough": "unknown", "place": "Near the market"},
    "why": {"motivations": ["disability", "other"], "motivation_other": "Their age"},
    "contact": {
        "name": "Femi Testperson",
        "email": "femi@example.org",
        "victim_name": "Neighbour Testperson",
        "victim_phone": "07700 900456",
    },
}

ORDER = [
    "who",
    "victim-knows",
    "anonymous",
    "what-happened",
    "behaviour",
    "when",
    "where",
    "why",
    "injuries",
    "suspects",
    "witnesses",
    "evidence",
    "support",
    "contact",
]


def step_path(slug: str, prefix: str = "") -> str:
    return f"{prefix}/report/evidence/" if slug == "evidence" else f"{prefix}/report/{slug}/"


def walk(
    client: Any, answers: dict[str, dict[str, Any]], *, until: str | None = None, prefix: str = ""
) -> None:
    """Post every page of the journey in order (stopping before `until`), checking that each
    page accepts its answers and moves on; `prefix` is a language's, e.g. "/ar"."""
    for slug in ORDER:
        if slug == until:
            return
        if slug not in answers:
            continue
        response = client.post(step_path(slug, prefix), answers[slug])
        assert response.status_code == 302, (slug, response.content.decode()[:3000])

"""OpenAPI descriptions of the public endpoints: JSON Schema of the report payload (built from
the validator's own code lists and limits, so the two cannot drift) and request/response
examples."""

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from hatecrime.cases.models import AdditionKind
from hatecrime.core.models import MOTIVATIONS, Area, Community, Strand
from hatecrime.reporting import payload as rules
from hatecrime.reporting import payload_contact as reaching
from hatecrime.reporting import payload_people as people
from hatecrime.reporting.evidence import EVIDENCE_LIMITS
from hatecrime.reporting.tracking import PUBLIC_STATUSES


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the schema names our token authentication (accounts.tokens, ADR 0552)."""

    target_class = "hatecrime.accounts.tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>` from `hatecrime issue_token` (staff, 12 hours, ends "
            "after 30 minutes unused) or `hatecrime create_reporting_centre` (90 days). Shown "
            "once; revocable.",
        }


COMMUNITIES_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "code": {"type": "string", "maxLength": Community.CODE_LENGTH},
            "label": {"type": "string"},
            "group": {"type": "string", "nullable": True, "description": "Its group's code"},
            "strand": {"type": "string", "enum": list(Strand.values)},
        },
    },
}
AREAS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "slug": {"type": "string", "maxLength": Area.SLUG_LENGTH},
            "name": {"type": "string"},
            "code": {"type": "string", "description": "e.g. the ONS code; may be empty"},
            "force": {
                "type": "object",
                "nullable": True,
                "description": "None for the central triage queue",
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            },
        },
    },
}


def _string(max_length: int, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length, **extra}


def _enum(values: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def _list(items: dict[str, Any], max_items: int = 20) -> dict[str, Any]:
    return {"type": "array", "items": items, "maxItems": max_items}


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    return schema


EVIDENCE_ITEM = _object(
    {
        "name": _string(EVIDENCE_LIMITS["name"]),
        "content_type": _string(EVIDENCE_LIMITS["content_type"]),
        "content_base64": {"type": "string", "format": "byte"},
    },
    ("name", "content_base64"),
)
PERSON = _object(
    {
        "name": _string(200),
        "email": _string(254, format="email"),
        "phone": _string(32),
        "address": _string(1000),
        "postcode": _string(16),
        "date_of_birth": {"type": "string", "format": "date"},
    }
)
BOOLEAN = {"type": "boolean"}

REPORT_SCHEMA = _object(
    {
        "reporter_role": _enum(rules.REPORTER_ROLES),
        "on_behalf": _object(
            {
                "relationship": _enum(rules.RELATIONSHIPS),
                "organisation": _string(rules.LIMITS["on_behalf.organisation"]),
                "victim_knows": {
                    **_enum(rules.YES_NO_NOT_SURE),
                    "deprecated": True,
                    "description": "Older place of the top-level victim_knows",
                },
                "victim_agrees": {
                    **_enum(rules.YES_NO_NOT_SURE),
                    "description": "Whether the victim agrees to this report being made",
                },
            },
            ("relationship",),
        ),
        "victim_knows": {
            **_enum(reaching.YES_NO_NOT_SURE),
            "description": "Witness or on_behalf only: does the victim know about this report? "
            "Anything but yes (or no answer) means the police never contact the victim.",
        },
        "victim_agrees_to_contact": {
            **_enum(reaching.YES_NO_NOT_SURE),
            "description": "Only when victim_knows is yes: does the victim agree to the police "
            "contacting them? Only yes lets the police contact the victim.",
        },
        "anonymous": BOOLEAN,
        "what_happened": _string(rules.LIMITS["what_happened"], minLength=1),
        "behaviours": _list(_enum(rules.BEHAVIOURS), len(rules.BEHAVIOURS)),
        "behaviour_other": _string(rules.LIMITS["behaviour_other"]),
        "occurred_on": {"type": "string", "format": "date"},
        "occurred_on_approximate": BOOLEAN,
        "occurred_at": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
        "area": {
            "type": "string",
            "description": "The slug of the area where it happened (GET /api/v1/areas lists "
            "them), or unknown. Needed unless `online` is given.",
        },
        "borough": {
            "type": "string",
            "deprecated": True,
            "description": "The older name of `area`, still taken: send one of the two (when "
            "both are sent they must be the same)",
        },
        "place": _string(rules.LIMITS["place"]),
        "postcode": _string(16),
        "online": _object(
            {
                "platform": _string(rules.LIMITS["online.platform"]),
                "links": _list(_string(rules.LIMITS["online.links"], format="uri")),
                "account_names": _list(_string(rules.LIMITS["online.account_names"])),
                "immediate_danger": BOOLEAN,
                "poster_identity_known": BOOLEAN,
                "future_event": BOOLEAN,
            },
            ("platform",),
        ),
        "motivations": {**_list(_enum(MOTIVATIONS), len(MOTIVATIONS)), "minItems": 1},
        "motivation_other": _string(rules.LIMITS["motivation_other"]),
        "targeted_communities": {
            **_list(_string(Community.CODE_LENGTH), 50),
            "description": "Codes of the targeted communities: GET /api/v1/communities lists "
            "them (a group's code means the group, no finer). With `other`, say which in "
            "targeted_community_other.",
        },
        "targeted_community_other": _string(rules.LIMITS["targeted_community_other"]),
        "injuries": _object(
            {
                "injured": _enum(people.YES_NO_NOT_SURE),
                "description": _string(2000),
                "treatment_needed": BOOLEAN,
            }
        ),
        "suspects": _object(
            {
                "count": _enum(people.SUSPECT_COUNTS),
                "description": _string(4000),
                "known_to_victim": _enum(people.YES_NO_NOT_SURE),
                "names": _list(_string(200)),
                "handles": _list(_string(200)),
                "phone_numbers": _list(_string(32)),
            }
        ),
        "witnesses": _object({"any": _enum(people.YES_NO_NOT_SURE), "details": _string(4000)}),
        "support": _object(
            {
                "referral_consent": BOOLEAN,
                "interpreter_language": _string(100),
                "accessibility_needs": _string(2000),
            }
        ),
        "safe_contact": _object(
            {
                "about": {
                    **_enum(("victim", "reporter")),
                    "description": "Whom these answers describe: the person the police will "
                    "contact. Set by the service from the other answers; when given it must "
                    "match.",
                },
                "methods": _list(_enum(reaching.CONTACT_METHODS), 5),
                "safe_days": {
                    **_enum(reaching.SAFE_DAYS),
                    "description": "working_days: weekdays that are not bank holidays in "
                    "England and Wales; non_working_days: weekends and bank holidays",
                },
                "safe_from": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
                "safe_until": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
                "safe_times": _string(500, description="Anything else about safe times, in words"),
                "voicemail_safe": BOOLEAN,
                "letter_safe": BOOLEAN,
            }
        ),
        "contact": PERSON,
        "victim": PERSON,
        "evidence": _list(EVIDENCE_ITEM, settings.HATECRIME_EVIDENCE_MAX_FILES),
    },
    ("reporter_role", "anonymous", "what_happened", "occurred_on", "motivations"),
)
# Contact details unless the report is anonymous.
REPORT_SCHEMA["anyOf"] = [
    {"properties": {"anonymous": {"enum": [True]}}},
    {"required": ["contact"]},
]
REPORT_SCHEMA["description"] = "The report payload: see docs/report-payload.md for every rule."

ERRORS_SCHEMA = _object(
    {
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "Messages keyed by dotted field path, e.g. contact.email",
        }
    }
)
DETAIL_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}}}
RECEIVED_SCHEMA = _object(
    {
        "reference": {"type": "string", "example": "HC-7KQ4-M2XD"},
        "tracking_code": {"type": "string", "description": "Shown once; keep it safe"},
        "status": {"type": "string", "enum": ["received"]},
        "area": {"type": "string"},
        "submitted_at": {"type": "string", "format": "date-time"},
        "links": _object({"track": {"type": "string"}}),
    }
)
TRACKING_SCHEMA = _object(
    {
        "reference": {"type": "string"},
        "status": _enum(PUBLIC_STATUSES),
        "area": {"type": "string"},
        "contact": {
            **_object(
                {
                    "kind": _enum(("officer", "csu")),
                    "name": {"type": "string"},
                    "phone": {"type": "string"},
                    "hours": {"type": "string"},
                },
                ("kind", "name", "phone"),
            ),
            "nullable": True,
            "description": "Who to call: the officer once assigned, before that the CSU's team",
        },
        "timeline": {
            "type": "array",
            "items": _object(
                {
                    "kind": _enum(
                        (
                            "received",
                            "with_csu",
                            "officer",
                            "addition",
                            "update",
                            "outcome",
                            "closed",
                        )
                    ),
                    "date": {"type": "string", "format": "date"},
                    "text": {"type": "string"},
                    "officer": {"type": "string"},
                    "phone": {"type": "string"},
                }
            ),
        },
        "court": {
            "type": "array",
            "description": "Hearings, shown to the victim only (empty for anyone else)",
            "items": _object(
                {
                    "date": {"type": "string", "format": "date"},
                    "time": {"type": "string"},
                    "hearing": {"type": "string"},
                    "result": {"type": "string"},
                },
                ("date", "hearing"),
            ),
        },
        "at_court": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What to expect at court and the special measures the victim can "
            "ask for, while a hearing is to come",
        },
        "decisions": {
            "type": "array",
            "description": "Decisions the victim can ask to have reviewed (Victims' Right to "
            "Review), with the letter in plain words; asking is on the tracking page",
            "items": _object(
                {
                    "id": {"type": "integer"},
                    "kind": _enum(("no_further_action", "not_investigated")),
                    "date": {"type": "string", "format": "date"},
                    "letter": {"type": "string"},
                    "ask_by": {"type": "string", "format": "date"},
                    "can_ask_for_review": {"type": "boolean"},
                    "review_asked_on": {"type": "string", "format": "date", "nullable": True},
                    "review_result_due_by": {
                        "type": "string",
                        "format": "date",
                        "nullable": True,
                    },
                    "review_result": {
                        **_enum(("upheld", "overturned")),
                        "nullable": True,
                    },
                    "next_steps": {"type": "string", "nullable": True},
                }
            ),
        },
    }
)

REPORT_REQUEST = {"application/json": REPORT_SCHEMA}
REPORT_RESPONSES = {
    201: OpenApiResponse(RECEIVED_SCHEMA, description="Stored and queued for the CSU"),
    400: OpenApiResponse(ERRORS_SCHEMA, description="Invalid input, unknown fields"),
    409: OpenApiResponse(ERRORS_SCHEMA, description="Same Idempotency-Key still in flight"),
    413: OpenApiResponse(ERRORS_SCHEMA, description="Body too large"),
    415: OpenApiResponse(ERRORS_SCHEMA, description="Not application/json"),
    422: OpenApiResponse(ERRORS_SCHEMA, description="Idempotency-Key reused with another body"),
    429: OpenApiResponse(
        DETAIL_SCHEMA,
        description="Too many reports from this address (or this centre's token): not stored; "
        "wait Retry-After seconds (also `retry_after_seconds` in the body)",
    ),
    503: OpenApiResponse(DETAIL_SCHEMA, description="Not stored: try again, or call 101"),
}
PROOF_OF_WORK_HELP = (
    "Anonymous clients (no token): the solution of a challenge from GET "
    "/api/v1/reports/challenge, as base64 of the JSON {algorithm, challenge, number, salt, "
    "signature} (ALTCHA's format): find the number from 0 to maxnumber whose "
    "SHA-256(salt + number), in hex, is the challenge. Each solution works once. Without one "
    "the report is still accepted but counts several times against the address's limit. "
    "Reporting centres send a token instead and are limited per centre."
)
CHALLENGE_RESPONSES = {
    200: OpenApiResponse(
        _object(
            {
                "algorithm": {"type": "string", "enum": ["SHA-256"]},
                "challenge": {"type": "string"},
                "maxnumber": {"type": "integer"},
                "salt": {"type": "string"},
                "signature": {"type": "string"},
            },
            ("algorithm", "challenge", "maxnumber", "salt", "signature"),
        ),
        description="Solve it and send the solution in the Proof-Of-Work header",
    )
}
# A reference or tracking code holds at least one character that is not a space.
GIVEN = {"type": "string", "minLength": 1, "pattern": r"^[^\u0000]*\S[^\u0000]*$"}
TRACK_REQUEST = {
    "application/json": _object(
        {"reference": GIVEN, "tracking_code": GIVEN},
        ("reference", "tracking_code"),
    )
}
TRACK_RESPONSES = {
    200: OpenApiResponse(TRACKING_SCHEMA, description="Status and timeline"),
    404: OpenApiResponse(DETAIL_SCHEMA, description="Unknown reference or wrong code (the same)"),
    429: OpenApiResponse(DETAIL_SCHEMA, description="Too many failed attempts"),
}
ADDITION_REQUEST = {
    "application/json": _object(
        {
            "reference": GIVEN,
            "tracking_code": GIVEN,
            "kind": _enum(tuple(AdditionKind.values)),
            "text": {"type": "string", "description": "Required for information"},
            "evidence": {
                **_list(EVIDENCE_ITEM, settings.HATECRIME_EVIDENCE_MAX_FILES),
                "description": "Required for evidence: as in a report",
            },
        },
        ("reference", "tracking_code", "kind"),
    )
}
ADDITION_RESPONSES = {
    201: OpenApiResponse(
        _object(
            {
                "reference": {"type": "string"},
                "kind": {"type": "string"},
                "added_on": {"type": "string", "format": "date"},
            }
        ),
        description="Added to the report; the officer or the CSU's team is told",
    ),
    400: OpenApiResponse(ERRORS_SCHEMA, description="Invalid input, or beyond the limits"),
    404: OpenApiResponse(DETAIL_SCHEMA, description="Unknown reference or wrong code (the same)"),
    429: OpenApiResponse(DETAIL_SCHEMA, description="Too many failed attempts"),
}

MINIMAL_REPORT = {
    "reporter_role": "victim",
    "anonymous": False,
    "what_happened": "A man shouted racist abuse at me at the bus stop.",
    "occurred_on": "2026-11-01",
    "area": "hackney",
    "motivations": ["race"],
    "contact": {"name": "Sam Example", "email": "sam@example.com", "phone": "07700 900982"},
}
REPORT_EXAMPLES = [
    OpenApiExample("A victim's report", value=MINIMAL_REPORT, request_only=True),
    OpenApiExample(
        "An anonymous online report",
        value={
            "reporter_role": "witness",
            "anonymous": True,
            "what_happened": "Posts calling for attacks on a mosque.",
            "occurred_on": "2026-11-10",
            "online": {"platform": "A social network", "future_event": True},
            "area": "newham",
            "motivations": ["religion"],
            "targeted_communities": ["muslim"],
        },
        request_only=True,
    ),
    OpenApiExample(
        "Received",
        value={
            "reference": "HC-7KQ4-M2XD",
            "tracking_code": "7XFH-2ETV-V2PX-RN4P-S6S7",
            "status": "received",
            "area": "hackney",
            "submitted_at": "2026-11-20T10:15:00+00:00",
            "links": {"track": "/api/v1/track"},
        },
        response_only=True,
        status_codes=["201"],
    ),
    OpenApiExample(
        "Invalid",
        value={"errors": {"what_happened": ["Enter what happened"], "colour": ["Unknown field"]}},
        response_only=True,
        status_codes=["400"],
    ),
]
TRACK_EXAMPLES = [
    OpenApiExample(
        "Track",
        value={"reference": "HC-7KQ4-M2XD", "tracking_code": "7XFH-2ETV-V2PX-RN4P-S6S7"},
        request_only=True,
    ),
    OpenApiExample(
        "Tracked",
        value={
            "reference": "HC-7KQ4-M2XD",
            "status": "assigned",
            "area": "Hackney",
            "timeline": [
                {"kind": "received", "date": "2026-11-20", "text": "We received your report"},
                {
                    "kind": "officer",
                    "date": "2026-11-20",
                    "text": "An officer is looking after your report",
                    "officer": "Amira Okafor",
                    "phone": "020 7946 0101",
                },
            ],
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Not found",
        value={"detail": "No report matches this reference and tracking code."},
        response_only=True,
        status_codes=["404"],
    ),
]


# GET /api/v1/docs: the schema rendered on the server as a plain GOV.UK page. No JavaScript and
# no CDN, so it works under the strict Content Security Policy and offline.
METHODS = ("get", "post", "put", "patch", "delete")


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    operations = []
    for path, item in sorted(schema.get("paths", {}).items()):
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "request_examples": [
                        {"name": name, "json": json.dumps(example.get("value"), indent=2)}
                        for name, example in body.get("examples", {}).items()
                    ],
                    "request_schema": json.dumps(body.get("schema", {}), indent=2) if body else "",
                    "responses": [
                        {
                            "status": code,
                            "description": response.get("description", ""),
                            "examples": [
                                json.dumps(example.get("value"), indent=2)
                                for example in response.get("content", {})
                                .get("application/json", {})
                                .get("examples", {})
                                .values()
                            ],
                        }
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return operations


def api_docs(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "api/docs.html",
        {"info": schema.get("info", {}), "operations": _operations(schema)},
    )


# Answers every operation can give that the views do not each declare: the schema lists them
# all (drf-spectacular post-processing hook, named in settings).
COMMON_ANSWERS: dict[str, tuple[str, dict[str, Any]]] = {
    "400": ("Invalid input (a field error, or a NUL character in the address)", ERRORS_SCHEMA),
}
BODY_ANSWERS: dict[str, tuple[str, dict[str, Any]]] = {
    "413": ("The body is larger than the limit", ERRORS_SCHEMA),
    "415": ("The body is not application/json", DETAIL_SCHEMA),
}
TOKEN_ANSWERS: dict[str, tuple[str, dict[str, Any]]] = {
    "401": ("No token, or an unknown, expired or revoked token", DETAIL_SCHEMA),
}


# No text the API takes may hold a NUL character (PostgreSQL cannot store it): api/v1/parsing.py.
NO_NUL = "^[^\\u0000]*$"


def _forbid_nul(schema: Any) -> None:
    """Give every free-text string of a request schema the NUL rule (in place)."""
    if isinstance(schema, list):
        for item in schema:
            _forbid_nul(item)
    elif isinstance(schema, dict):
        if schema.get("type") == "string" and not {"enum", "pattern", "format"} & set(schema):
            schema["pattern"] = NO_NUL
        for value in schema.values():
            _forbid_nul(value)


def add_common_answers(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _forbid_nul(component)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            _forbid_nul(operation.get("requestBody", {}))
            _forbid_nul(operation.get("parameters", []))
            answers = dict(COMMON_ANSWERS)
            if "requestBody" in operation:
                answers |= BODY_ANSWERS
                # Every operation that takes a body needs one (415 or 400 without it).
                operation["requestBody"]["required"] = True
            # An unknown or expired token is refused even where a token is optional.
            if any("tokenAuth" in way for way in operation.get("security") or []):
                answers |= TOKEN_ANSWERS
            for code, (description, body) in answers.items():
                operation["responses"].setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": body}},
                    },
                )
    return result

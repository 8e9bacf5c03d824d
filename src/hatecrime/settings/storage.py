"""The evidence storage from the environment (docs/adr/0751-evidence-in-object-storage.md):
a private folder by default, an S3-compatible bucket with HATECRIME_EVIDENCE_STORAGE=s3.
Half a configuration fails at start-up, never at the first report."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "hatecrime.core.storage.EvidenceFileSystemStorage"
S3 = "hatecrime.core.storage_s3.PrivateS3Storage"
S3_PREFIX = "HATECRIME_EVIDENCE_S3_"
# Environment variable -> the S3 backend's option.
S3_OPTIONS = {
    "HATECRIME_EVIDENCE_S3_BUCKET": "bucket_name",
    "HATECRIME_EVIDENCE_S3_ENDPOINT_URL": "endpoint_url",
    "HATECRIME_EVIDENCE_S3_REGION": "region_name",
    "HATECRIME_EVIDENCE_S3_ACCESS_KEY_ID": "access_key",
    "HATECRIME_EVIDENCE_S3_SECRET_ACCESS_KEY": "secret_key",
    "HATECRIME_EVIDENCE_S3_ADDRESSING_STYLE": "addressing_style",
    "HATECRIME_EVIDENCE_S3_ACL": "default_acl",
}
ADDRESSING_STYLES = {"auto", "path", "virtual"}


def evidence_storage(environ: Mapping[str, str]) -> dict[str, Any]:
    """The STORAGES["evidence"] entry the environment asks for."""
    kind = environ.get("HATECRIME_EVIDENCE_STORAGE", "") or "filesystem"
    given = {name: environ[name] for name in environ if name.startswith(S3_PREFIX)}
    if kind == "filesystem":
        if given:
            raise ImproperlyConfigured(
                f"{', '.join(sorted(given))} set but HATECRIME_EVIDENCE_STORAGE is not s3: set "
                "HATECRIME_EVIDENCE_STORAGE=s3 to keep evidence in the bucket, or remove them"
            )
        return {"BACKEND": FILESYSTEM}
    if kind != "s3":
        raise ImproperlyConfigured(
            f"HATECRIME_EVIDENCE_STORAGE must be filesystem or s3, not {kind!r}"
        )
    return {"BACKEND": S3, "OPTIONS": _s3_options(given)}


def _s3_options(given: Mapping[str, str]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(S3_OPTIONS))
    if unknown:
        raise ImproperlyConfigured(f"unknown evidence storage setting(s): {', '.join(unknown)}")
    values = {name: value for name, value in given.items() if value}
    if "HATECRIME_EVIDENCE_S3_BUCKET" not in values:
        raise ImproperlyConfigured(
            "HATECRIME_EVIDENCE_S3_BUCKET must be set when HATECRIME_EVIDENCE_STORAGE=s3"
        )
    keys = ("HATECRIME_EVIDENCE_S3_ACCESS_KEY_ID", "HATECRIME_EVIDENCE_S3_SECRET_ACCESS_KEY")
    if (keys[0] in values) != (keys[1] in values):
        raise ImproperlyConfigured(
            f"{keys[0]} and {keys[1]} go together: set both, or neither to use the machine's "
            "own credentials (an instance role, or the AWS_* variables)"
        )
    endpoint = values.get("HATECRIME_EVIDENCE_S3_ENDPOINT_URL", "")
    if endpoint and not endpoint.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"HATECRIME_EVIDENCE_S3_ENDPOINT_URL must be an http(s) URL, not {endpoint!r}"
        )
    options: dict[str, Any] = {S3_OPTIONS[name]: value for name, value in values.items()}
    # Object stores other than AWS's (MinIO, Ceph, Garage) expect path-style addresses.
    options.setdefault("addressing_style", "path" if endpoint else "auto")
    if options["addressing_style"] not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            "HATECRIME_EVIDENCE_S3_ADDRESSING_STYLE must be auto, path or virtual, not "
            f"{options['addressing_style']!r}"
        )
    # "none": send no ACL, for a bucket whose ACLs are disabled (private to its owner anyway).
    acl = options.get("default_acl", "private")
    if acl not in {"private", "none"}:
        raise ImproperlyConfigured(
            f"HATECRIME_EVIDENCE_S3_ACL must be private or none (never public), not {acl!r}"
        )
    options["default_acl"] = None if acl == "none" else acl
    return options

"""The evidence storage from the environment (settings/storage.py, ADR 0751): a folder unless
HATECRIME_EVIDENCE_STORAGE=s3; half a configuration stops the service at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.test_deployment import hatecrime_command, production_env
from hatecrime.settings.storage import FILESYSTEM, S3, evidence_storage

BUCKET = {"HATECRIME_EVIDENCE_STORAGE": "s3", "HATECRIME_EVIDENCE_S3_BUCKET": "evidence"}


def test_evidence_is_in_a_folder_unless_told_otherwise():
    assert evidence_storage({}) == {"BACKEND": FILESYSTEM}
    assert evidence_storage({"HATECRIME_EVIDENCE_STORAGE": "filesystem"}) == {"BACKEND": FILESYSTEM}


def test_a_bucket_is_private_and_needs_only_its_name():
    assert evidence_storage(BUCKET) == {
        "BACKEND": S3,
        "OPTIONS": {
            "bucket_name": "evidence",
            "addressing_style": "auto",
            "default_acl": "private",
        },
    }


def test_an_object_store_other_than_aws_gets_path_style_addresses():
    options = evidence_storage(
        {
            **BUCKET,
            "HATECRIME_EVIDENCE_S3_ENDPOINT_URL": "https://objects.force.example:9000",
            "HATECRIME_EVIDENCE_S3_REGION": "eu-west-2",
            "HATECRIME_EVIDENCE_S3_ACCESS_KEY_ID": "id",
            "HATECRIME_EVIDENCE_S3_SECRET_ACCESS_KEY": "secret",
        }
    )["OPTIONS"]
    assert options == {
        "bucket_name": "evidence",
        "endpoint_url": "https://objects.force.example:9000",
        "region_name": "eu-west-2",
        "access_key": "id",
        "secret_key": "secret",
        "addressing_style": "path",
        "default_acl": "private",
    }


def test_a_bucket_whose_acls_are_disabled_gets_no_acl_header():
    options = evidence_storage({**BUCKET, "HATECRIME_EVIDENCE_S3_ACL": "none"})["OPTIONS"]
    assert options["default_acl"] is None


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"HATECRIME_EVIDENCE_STORAGE": "s3"}, "HATECRIME_EVIDENCE_S3_BUCKET must be set"),
        (
            {**BUCKET, "HATECRIME_EVIDENCE_S3_ACCESS_KEY_ID": "id"},
            "go together: set both, or neither",
        ),
        (
            {**BUCKET, "HATECRIME_EVIDENCE_S3_SECRET_ACCESS_KEY": "secret"},
            "go together: set both, or neither",
        ),
        ({"HATECRIME_EVIDENCE_S3_BUCKET": "evidence"}, "HATECRIME_EVIDENCE_STORAGE is not s3"),
        ({"HATECRIME_EVIDENCE_STORAGE": "gcs"}, "must be filesystem or s3, not 'gcs'"),
        ({**BUCKET, "HATECRIME_EVIDENCE_S3_ACL": "public-read"}, "never public"),
        ({**BUCKET, "HATECRIME_EVIDENCE_S3_ENDPOINT_URL": "minio:9000"}, "an http(s) URL"),
        ({**BUCKET, "HATECRIME_EVIDENCE_S3_ADDRESSING_STYLE": "dns"}, "auto, path or virtual"),
        ({**BUCKET, "HATECRIME_EVIDENCE_S3_BUKET": "typo"}, "HATECRIME_EVIDENCE_S3_BUKET"),
    ],
)
def test_half_a_configuration_is_refused(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(").replace(")", r"\)")):
        evidence_storage(environ)


def test_production_with_a_bucket_needs_no_evidence_folder_but_refuses_half_a_bucket(tmp_path):
    env = production_env(tmp_path, **BUCKET)
    del env["HATECRIME_EVIDENCE_ROOT"]
    assert hatecrime_command(env, "check").returncode == 0
    del env["HATECRIME_EVIDENCE_S3_BUCKET"]
    result = hatecrime_command(env, "check")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "hatecrime: HATECRIME_EVIDENCE_S3_BUCKET must be set when HATECRIME_EVIDENCE_STORAGE=s3"
    )

"""The evidence stores the contract tests run against (ADR 0751): the private folder, and a real
S3-compatible server (moto's, in a thread, on a free localhost port, started once per session)
with a new bucket for each test. `evidence_store` is parametrized over both; each gives the
test the raw bytes as the store holds them, bypassing the application.

Also stores that fail: a disk that fills up halfway through a file, and an S3 endpoint that
does not answer."""

import errno
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.conf import settings as django_settings

from hatecrime.core.storage import EvidenceFileSystemStorage
from hatecrime.settings.storage import evidence_storage

REGION = "eu-west-2"
KEYS = {"aws_access_key_id": "moto-test", "aws_secret_access_key": "moto-test-secret"}


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The production environment variables for this bucket (settings/storage.py reads them)."""
    return {
        "HATECRIME_EVIDENCE_STORAGE": "s3",
        "HATECRIME_EVIDENCE_S3_BUCKET": bucket,
        "HATECRIME_EVIDENCE_S3_ENDPOINT_URL": endpoint,
        "HATECRIME_EVIDENCE_S3_REGION": REGION,
        "HATECRIME_EVIDENCE_S3_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "HATECRIME_EVIDENCE_S3_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
    }


def use_evidence_storage(settings, entry: dict) -> None:
    settings.STORAGES = {**django_settings.STORAGES, "evidence": entry}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class FolderStore:
    kind = "filesystem"

    def names(self) -> set[str]:
        root = Path(django_settings.EVIDENCE_ROOT)
        return {p.name for p in root.iterdir()} if root.is_dir() else set()

    def raw(self, name: str) -> bytes:
        return (Path(django_settings.EVIDENCE_ROOT) / name).read_bytes()

    def put_raw(self, name: str, data: bytes) -> None:
        root = Path(django_settings.EVIDENCE_ROOT)
        root.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)

    def clear(self) -> None:
        for name in self.names():
            (Path(django_settings.EVIDENCE_ROOT) / name).unlink()


class BucketStore:
    kind = "s3"

    def __init__(self, endpoint: str, bucket: str) -> None:
        self.bucket = bucket
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **KEYS)
        self.client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
        )

    def names(self) -> set[str]:
        listed = self.client.list_objects_v2(Bucket=self.bucket)
        return {item["Key"] for item in listed.get("Contents", ())}

    def raw(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=name)["Body"].read()

    def put_raw(self, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=name, Body=data)

    def clear(self) -> None:
        for name in self.names():
            self.client.delete_object(Bucket=self.bucket, Key=name)


@pytest.fixture(params=["filesystem", "s3"])
def evidence_store(request, settings):
    """Evidence kept in the test's folder, or in a new bucket of the S3 server."""
    if request.param == "filesystem":
        return FolderStore()
    endpoint = request.getfixturevalue("s3_endpoint")
    store = BucketStore(endpoint, f"evidence-{uuid.uuid4().hex[:16]}")
    use_evidence_storage(settings, evidence_storage(s3_environment(endpoint, store.bucket)))
    return store


class FullDiskStorage(EvidenceFileSystemStorage):
    """The evidence disk fills up: each file after the first `fits` stops half written with
    ENOSPC, as a write(2) on a full file system does."""

    fits = 0
    saved = 0

    def _save(self, name, content):
        FullDiskStorage.saved += 1
        if FullDiskStorage.saved <= FullDiskStorage.fits:
            return super()._save(name, content)
        return super()._save(name, _HalfThenFull(content))


class _HalfThenFull:
    def __init__(self, content) -> None:
        self.content = content

    def chunks(self):
        self.content.seek(0)
        data = self.content.read()
        yield data[: len(data) // 2]
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk(settings):
    """The evidence folder's disk is full after `full_disk.fits` files (0 unless set)."""
    FullDiskStorage.fits, FullDiskStorage.saved = 0, 0
    use_evidence_storage(settings, {"BACKEND": "evidence_stores.FullDiskStorage"})
    return FullDiskStorage


@pytest.fixture
def s3_down(settings):
    """The S3 endpoint does not answer: nothing listens on its port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    entry = evidence_storage(s3_environment(f"http://127.0.0.1:{port}", "evidence"))
    use_evidence_storage(settings, entry)
    return entry

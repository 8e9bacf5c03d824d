"""The S3-compatible backend of the private storages (core.storage; ADR 0751): django-storages'
S3Storage with a private ACL, no URLs, and short timeouts with few retries."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

from botocore.config import Config
from storages.backends.s3 import S3Storage

from hatecrime.core.storage import NoUrls, StoredEntry


class PrivateS3Storage(NoUrls, S3Storage):
    def get_default_settings(self) -> dict[str, Any]:
        return {
            **super().get_default_settings(),
            "default_acl": "private",
            "file_overwrite": True,
            # A report waits at most about 2 x 3 s for a store that does not answer, and its
            # clean-up as long again: well within the proxy's and gunicorn's 30 s.
            "connect_timeout": 3,
            "read_timeout": 20,
            "max_attempts": 2,
        }

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        if "client_config" not in options:
            self.client_config = Config(
                s3={"addressing_style": self.addressing_style},
                signature_version=self.signature_version,
                proxies=self.proxies,
                connect_timeout=self.connect_timeout,
                read_timeout=self.read_timeout,
                retries={"max_attempts": self.max_attempts, "mode": "standard"},
            )

    def entries(self) -> Iterator[StoredEntry]:
        """Every object under the storage's location (one request per 1,000)."""
        prefix = self._normalize_name("")
        prefix = prefix + "/" if prefix and not prefix.endswith("/") else prefix
        paginator = self.connection.meta.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket_name, Prefix=prefix):
            for item in page.get("Contents", ()):
                name = posixpath.relpath(item["Key"], prefix) if prefix else item["Key"]
                yield StoredEntry(name, item["LastModified"])

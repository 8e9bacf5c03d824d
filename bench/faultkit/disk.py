"""The evidence disk full: a web node whose evidence folder is a tiny tmpfs (mounting one needs
root; elsewhere the scenario is skipped, and the test suite's test_evidence_disk_full covers it
with a storage that raises ENOSPC). Reports with a photo are sent until the disk is full: each
must be stored whole or refused with a 503 and Retry-After, leaving nothing behind."""

import base64
import io
import os
import random
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from faultkit.clients import REPORT, post_report
from faultkit.deployment import Deployment
from faultkit.killer import WebNode
from faultkit.processes import free_port, stop, wait_until_up


def noisy_png(side: int = 280) -> bytes:
    """A photo that does not compress (about 230 KB)."""
    from PIL import Image

    image = Image.frombytes("RGB", (side, side), random.randbytes(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class DiskFullResult:
    statuses: list[int] = field(default_factory=list)
    refusals_without_retry_after: int = 0
    acknowledged: set[str] = field(default_factory=set)
    stored: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    evidence_rows: set[str] = field(default_factory=set)
    partial_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            201 in self.statuses
            and 503 in self.statuses
            and all(status in (201, 503) for status in self.statuses)
            and self.refusals_without_retry_after == 0
            and self.acknowledged == self.stored
            and self.files == self.evidence_rows
            and not self.partial_files
        )


def can_mount() -> bool:
    return os.geteuid() == 0


def fill_the_evidence_disk(deployment: Deployment, reports: int = 8) -> DiskFullResult:
    mount = Path(tempfile.mkdtemp(prefix="hatecrime-evidence-"))
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)], check=True
    )
    result = DiskFullResult()
    port = free_port()
    node = WebNode({**deployment.env, "HATECRIME_EVIDENCE_ROOT": str(mount)}, port,
                   log=deployment.log("web-disk"))  # fmt: skip
    try:
        node.start()
        wait_until_up(port)
        before = set(deployment.stored_references())
        for _ in range(reports):
            photo = {
                "name": "photo.png",
                "content_type": "image/png",
                "content_base64": base64.b64encode(noisy_png()).decode(),
            }
            status, headers, answer = post_report(
                port, uuid.uuid4().hex, deployment.token, 60, {**REPORT, "evidence": [photo]}
            )
            result.statuses.append(status)
            if status == 201:
                import json

                result.acknowledged.add(json.loads(answer)["reference"])
            elif not headers.get("Retry-After"):
                result.refusals_without_retry_after += 1
        result.stored = set(deployment.stored_references()) - before
        names = os.listdir(mount)
        result.partial_files = [name for name in names if name.endswith(".tmp")]
        result.files = {name for name in names if not name.endswith(".tmp")}
        result.evidence_rows = {
            row[0] for row in deployment.sql("SELECT stored_name FROM reporting_evidence")
        }
    finally:
        if node.process is not None:
            stop(node.process)
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()
    return result

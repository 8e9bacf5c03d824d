"""Evidence cleaning benchmark (issue 11, docs/adr/0530): a 7000 x 7000 PNG of a few hundred KB,
before (decoded and re-encoded in the web worker, as until now) and after (refused from its
header); and a 24-megapixel photo, the largest accepted, cleaned in the bounded pool.

Each case runs in a fresh process so its peak memory (max RSS, of the process and of any pool
process it started) is its own.

    .venv/bin/python bench/evidence.py

Targets: the 7000 x 7000 PNG is refused in under 0.1 s with under 50 MB more peak memory; the
24-megapixel photo is cleaned within the decoding time bound.
"""

import io
import json
import os
import resource
import subprocess
import sys
import time

TARGET_REFUSAL_SECONDS, TARGET_REFUSAL_EXTRA_MB = 0.1, 50


def png(width: int, height: int) -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(output, format="PNG")
    return output.getvalue()


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run_case(case: str) -> dict[str, float | str]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatecrime.settings.base")
    django.setup()
    from django.conf import settings

    from hatecrime.reporting import evidence
    from hatecrime.reporting.cleaning import clean_image
    from hatecrime.reporting.evidence import EvidenceInvalid, EvidenceUpload, prepare_evidence

    width, height = (7000, 7000) if case != "photo" else (6000, 4000)
    content = png(width, height)
    baseline = peak_mb()
    started = time.monotonic()
    outcome = "cleaned"
    if case == "before":
        clean_image(content, "image/png", 50_000_000)  # the old in-process path, old limit
    else:
        try:
            prepare_evidence([EvidenceUpload("bench.png", content)])
        except EvidenceInvalid as invalid:
            outcome = "refused: " + "; ".join(m for ms in invalid.errors.values() for m in ms)
    seconds = time.monotonic() - started
    if evidence._pool is not None:
        evidence._pool.shutdown(wait=True)  # so its peak is counted among the children's
    return {
        "case": case,
        "file_kb": len(content) / 1024,
        "seconds": seconds,
        "extra_peak_mb": peak_mb() - baseline,
        "pool_peak_mb": peak_mb(resource.RUSAGE_CHILDREN),
        "outcome": outcome,
        "bound_seconds": settings.HATECRIME_EVIDENCE_DECODE_SECONDS,
    }


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2])))
        return 0
    results = {}
    for case in ("before", "after", "photo"):
        finished = subprocess.run(
            [sys.executable, __file__, "--case", case], capture_output=True, text=True, check=True
        )
        results[case] = json.loads(finished.stdout.strip().splitlines()[-1])
    labels = {
        "before": "7000x7000 PNG, before (decoded in the web worker)",
        "after": "7000x7000 PNG, after (header checked, refused)",
        "photo": "6000x4000 photo (24 MP), after (cleaned in the bounded pool)",
    }
    for case, result in results.items():
        print(
            f"{labels[case]}: {result['file_kb']:.0f} KB, {result['seconds']:.3f} s, "
            f"web worker peak +{result['extra_peak_mb']:.0f} MB, "
            f"pool process peak {result['pool_peak_mb']:.0f} MB, {result['outcome']}"
        )
    after, photo = results["after"], results["photo"]
    ok = (
        str(after["outcome"]).startswith("refused")
        and float(after["seconds"]) < TARGET_REFUSAL_SECONDS
        and float(after["extra_peak_mb"]) < TARGET_REFUSAL_EXTRA_MB
        and photo["outcome"] == "cleaned"
        and float(photo["seconds"]) < float(photo["bound_seconds"])
    )
    print("targets met" if ok else "targets MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Plain SHA-256 digests become keyed ones (docs/adr/0531-keyed-digests.md).

Every stored digest was a plain SHA-256, and the keyed digest is an HMAC over that same plain
digest, so each row is recomputed from what it holds: no file is read, nothing is lost, and
an Idempotency-Key used just before the upgrade still replays after it. Not reversible: the
plain digests are what this removes.
"""

from django.db import migrations

from hatecrime.core.crypto import keyed_digest_of_sha256

EVIDENCE_PURPOSE = "evidence-file"  # as hatecrime.reporting.evidence.EVIDENCE_DIGEST_PURPOSE
BODY_PURPOSE = "idempotency-body"  # as hatecrime.reporting.idempotency.BODY_DIGEST_PURPOSE


def key_digests(apps, schema_editor):
    Evidence = apps.get_model("reporting", "Evidence")
    IdempotencyRecord = apps.get_model("reporting", "IdempotencyRecord")
    for row in Evidence.objects.only("pk", "digest").iterator():
        if row.digest:
            row.digest = keyed_digest_of_sha256(row.digest, purpose=EVIDENCE_PURPOSE)
            row.save(update_fields=["digest"])
    for row in IdempotencyRecord.objects.only("pk", "body_hash").iterator():
        if row.body_hash:
            row.body_hash = keyed_digest_of_sha256(row.body_hash, purpose=BODY_PURPOSE)
            row.save(update_fields=["body_hash"])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0007_targeted_communities")]

    operations = [
        migrations.RenameField(model_name="evidence", old_name="sha256", new_name="digest"),
        migrations.RunPython(key_digests, migrations.RunPython.noop, elidable=False),
    ]

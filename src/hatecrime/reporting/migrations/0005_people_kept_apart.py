"""Reports stored before the reporter and the victim were kept apart (docs/report-payload.md,
"People"): their validated answers get the two new facts, derived from what was asked then.

- `victim_knows`: on reports made for someone else it was asked as `on_behalf.victim_knows`;
  copied to the top level. Witnesses were never asked: left out, which reads as "not said", so
  the victim is never contacted.
- `safe_contact.about`: the safe-contact questions asked "how is it safe to contact YOU", so
  they describe the reporter on witness and on-behalf reports, the victim on the victim's own.

What was submitted (`raw`) is evidence and is not touched.
"""

from typing import Any

from django.db import migrations


def _upgrade(cleaned: dict[str, Any]) -> bool:
    changed = False
    role = cleaned.get("reporter_role", "victim")
    behalf = cleaned.get("on_behalf")
    if role == "on_behalf" and isinstance(behalf, dict) and "victim_knows" not in cleaned:
        if behalf.get("victim_knows"):
            cleaned["victim_knows"] = behalf["victim_knows"]
            changed = True
    safe = cleaned.get("safe_contact")
    if isinstance(safe, dict) and "about" not in safe and cleaned.get("anonymous") is not True:
        safe["about"] = "victim" if role == "victim" else "reporter"
        changed = True
    return changed


def forwards(apps: Any, schema_editor: Any) -> None:
    Report = apps.get_model("reporting", "Report")
    batch: list[Any] = []
    for report in Report.objects.only("pk", "submitted").iterator(chunk_size=500):
        submitted = report.submitted or {}
        cleaned = submitted.get("cleaned")
        if isinstance(cleaned, dict) and _upgrade(cleaned):
            batch.append(report)
        if len(batch) >= 500:
            Report.objects.bulk_update(batch, ["submitted"])
            batch = []
    if batch:
        Report.objects.bulk_update(batch, ["submitted"])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0004_targeted_community_as_long_as_the_case")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

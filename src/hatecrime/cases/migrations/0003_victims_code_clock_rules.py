"""The Victims' Code (England and Wales, in force 1 April 2021) and Met promise clock values.

A new Code is a new data migration (or an edit in the admin), not a code change.
"""

from django.db import migrations

CODE_2021 = "Victims' Code 2021"
RULES = [
    # code, name, length, unit, applies_when, starts_on, source
    ("first-contact", "First contact with the victim", 24, "hours", "always",
     "report_received", "Metropolitan Police promise"),
    ("right-6-enhanced", "Victim told of a key decision (enhanced rights)", 1, "working_days",
     "enhanced", "key_decision", CODE_2021 + ", Right 6"),
    ("right-6-standard", "Victim told of a key decision", 5, "working_days", "standard",
     "key_decision", CODE_2021 + ", Right 6"),
    ("referral", "Referral to support services", 2, "working_days", "always",
     "needs_assessed", CODE_2021 + ", Right 4"),
    ("review-request-window", "Time for the victim to ask for a review of a decision not to "
     "charge", 3, "calendar_months", "always", "decision_not_to_charge",
     "Victims' Right to Review"),
    ("review-acknowledge", "Review request acknowledged", 10, "working_days", "always",
     "review_requested", "Victims' Right to Review"),
    ("review-decide", "Review decided", 30, "working_days", "always", "review_requested",
     "Victims' Right to Review"),
    ("update-due", "Update to the victim (length: the frequency agreed with the victim)", 14,
     "calendar_days", "always", "update_given", CODE_2021 + ", Right 6"),
]


def seed(apps, schema_editor):
    ClockRule = apps.get_model("cases", "ClockRule")
    for code, name, length, unit, applies_when, starts_on, source in RULES:
        ClockRule.objects.update_or_create(
            code=code,
            defaults={"name": name, "length": length, "unit": unit, "applies_when": applies_when,
                      "starts_on": starts_on, "source": source, "is_active": True},
        )


def unseed(apps, schema_editor):
    apps.get_model("cases", "ClockRule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_clockrule_case_accessibility_needs_and_more")]
    operations = [migrations.RunPython(seed, unseed)]

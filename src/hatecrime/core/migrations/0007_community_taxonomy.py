"""The targeted-community taxonomy, disaggregated as published series and communities ask
(Home Office strands, NIBRS bias groups, ../shared/domain.md): groups, each with its communities,
each node carrying its strand. Administrators refine it on the staff pages afterwards."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

RACE, RELIGION, SEXUAL_ORIENTATION = "race", "religion", "sexual_orientation"
TRANSGENDER, DISABILITY, AGE, OTHER = "transgender", "disability", "age", "other"

# (code, label, strand, aliases, [(code, label, strand or None for the group's, aliases)])
TAXONOMY = [
    ("east_south_east_asian", "East or South East Asian", RACE,
     "East and South East Asian; ESEA; East Asian; South East Asian", [
         ("chinese", "Chinese", None,
          "Chinese, East or South East Asian; Chinese, East and South East Asian"),
         ("hong_kong", "Hong Kong", None, "Hong Konger; Hongkonger"),
         ("vietnamese", "Vietnamese", None, ""),
         ("korean", "Korean", None, ""),
         ("japanese", "Japanese", None, ""),
         ("filipino", "Filipino", None, "Filipina; Filipinx"),
         ("thai", "Thai", None, ""),
         ("malaysian", "Malaysian", None, ""),
         ("indonesian", "Indonesian", None, ""),
         ("burmese", "Burmese", None, "Myanmar"),
         ("cambodian", "Cambodian", None, "Khmer"),
         ("other_east_south_east_asian", "Other East or South East Asian", None, ""),
     ]),
    ("south_asian", "South Asian", RACE, "", [
        ("indian", "Indian", None, ""),
        ("pakistani", "Pakistani", None, ""),
        ("bangladeshi", "Bangladeshi", None, ""),
        ("sri_lankan_tamil", "Sri Lankan or Tamil", None, "Sri Lankan; Tamil"),
        ("other_south_asian", "Other South Asian", None, ""),
    ]),
    ("black", "Black", RACE, "Black British", [
        ("african", "African", None, "Black African"),
        ("caribbean", "Caribbean", None, "Black Caribbean"),
        ("other_black", "Other Black", None, ""),
    ]),
    ("arab", "Arab", RACE, "", []),
    ("gypsy_roma_traveller", "Gypsy, Roma and Traveller", RACE,
     "Gypsy; Roma; Traveller; Irish Traveller; Gypsy, Roma or Traveller", []),
    ("eastern_european", "Eastern European", RACE, "", [
        ("polish", "Polish", None, ""),
        ("romanian", "Romanian", None, ""),
        ("other_eastern_european", "Other Eastern European", None, ""),
    ]),
    ("white", "White", RACE, "", [
        ("white_british", "White British", None, ""),
        ("white_irish", "White Irish", None, ""),
        ("other_white", "Other White", None, ""),
    ]),
    ("faith", "Religion or belief", RELIGION, "Faith", [
        ("jewish", "Jewish", None, "Jews"),
        ("muslim", "Muslim", None, "Muslims"),
        ("sikh", "Sikh", None, ""),
        ("hindu", "Hindu", None, ""),
        ("christian", "Christian", None, ""),
        ("other_faith", "Other religion or belief", None, "Other faith"),
    ]),
    ("lgbt", "LGBT+", SEXUAL_ORIENTATION, "LGBT; LGBTQ; LGBTQ+; Gay and bisexual men", [
        ("gay_men", "Gay men", None, "Gay"),
        ("lesbian_women", "Lesbian women", None, "Lesbian; Lesbians"),
        ("bisexual_people", "Bisexual people", None, "Bisexual"),
        ("trans_people", "Trans people", TRANSGENDER, "Trans; Transgender; Transgender people"),
        ("non_binary_people", "Non-binary people", TRANSGENDER, "Non-binary"),
    ]),
    ("disabled_people", "Disabled people", DISABILITY, "Disabled", [
        ("physical_disability", "Physical disability", None, ""),
        ("learning_disability", "Learning disability", None, ""),
        ("mental_health", "Mental health", None, "Mental illness"),
        ("neurodivergent", "Neurodivergent", None, "Autistic; Autism"),
        ("sensory_impairment", "Sensory impairment", None, "Deaf; Blind"),
    ]),
    ("older_people", "Older people", AGE, "Elderly", []),
    ("other", "Other", OTHER, "", []),
]  # fmt: skip


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    community = apps.get_model("core", "Community")
    position = 0
    for code, label, strand, aliases, children in TAXONOMY:
        position += 10
        group, _ = community.objects.update_or_create(
            code=code,
            defaults={"label": label, "strand": strand, "aliases": aliases, "position": position},
        )
        for child_code, child_label, child_strand, child_aliases in children:
            position += 1
            community.objects.update_or_create(
                code=child_code,
                defaults={
                    "label": child_label,
                    "strand": child_strand or strand,
                    "aliases": child_aliases,
                    "parent": group,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_community")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

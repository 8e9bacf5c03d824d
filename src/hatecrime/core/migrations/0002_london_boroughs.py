"""The 32 London boroughs (one Community Safety Unit each) and the central triage queue."""

from django.db import migrations
from django.utils.text import slugify

BOROUGHS = [
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon",
    "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow",
    "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
    "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
    "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster",
]


def load_areas(apps, schema_editor):
    Area = apps.get_model("core", "Area")
    for name in BOROUGHS:
        Area.objects.update_or_create(slug=slugify(name), defaults={"name": name})
    Area.objects.update_or_create(
        slug="unknown", defaults={"name": "Area not known (central triage)", "is_triage": True}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_areas, migrations.RunPython.noop)]

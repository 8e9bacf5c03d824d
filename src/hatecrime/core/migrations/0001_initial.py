from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="Area",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=64, unique=True)),
                ("name", models.CharField(max_length=128)),
                ("is_active", models.BooleanField(default=True)),
                ("is_triage", models.BooleanField(default=False, help_text="The central triage queue for reports with no known area.")),
                ("csu_phone", models.CharField(blank=True, max_length=32)),
            ],
            options={"ordering": ["is_triage", "name"]},
        ),
    ]

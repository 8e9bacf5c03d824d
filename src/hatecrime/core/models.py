"""The shared base model, the police forces and the areas their Community Safety Units cover,
and the strands of hate crime: the one home of each (reporting, cases, monitoring and the API
import them)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Strand(models.TextChoices):
    """What the hostility was perceived to be about (College of Policing). The five centrally
    monitored strands first, then those a force may monitor locally, then "other"."""

    RACE = "race", _("Race")
    RELIGION = "religion", _("Religion")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    DISABILITY = "disability", _("Disability")
    TRANSGENDER = "transgender", _("Transgender identity")
    SEX_GENDER = "sex_gender", _("Sex or gender")
    AGE = "age", _("Age")
    ALTERNATIVE_SUBCULTURE = "alternative_subculture", _("Alternative subculture")
    OTHER = "other", _("Other")


# The Home Office's five (the public's questions and the community packs use these).
CENTRAL_STRANDS: tuple[Strand, ...] = (
    Strand.RACE,
    Strand.RELIGION,
    Strand.SEXUAL_ORIENTATION,
    Strand.DISABILITY,
    Strand.TRANSGENDER,
)
# A report whose reporter was not sure why: counted under this until a case is triaged.
NOT_SURE = "not_sure"
NOT_SURE_LABEL = _("Not sure")
# What the public may answer to "why do you think it was hate".
MOTIVATIONS: tuple[str, ...] = (*(s.value for s in CENTRAL_STRANDS), Strand.OTHER.value, NOT_SURE)


def strand_label(code: str) -> str:
    """The words for a strand code (or "not sure"); an unknown code is shown as it is."""
    if code == NOT_SURE:
        return str(NOT_SURE_LABEL)
    try:
        return str(Strand(code).label)
    except ValueError:
        return code


class BaseModel(models.Model):
    """Created and modified, by whom and when, on every record of the service."""

    created_on = models.DateTimeField(auto_now_add=True, db_index=True)
    modified_on = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Force(models.Model):
    """A police force whose areas the service covers: one for a force's own deployment, several
    for a national service or a third-party centre. Loaded with the areas (core.areas)."""

    CODE_LENGTH = 32

    code = models.CharField(
        max_length=CODE_LENGTH, unique=True, help_text=_("For example the ONS code, E23000001.")
    )
    name = models.CharField(max_length=128)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """An area a Community Safety Unit covers (a London borough for the Met, a district for a
    county force), with its place on the force's map. Areas are data: `hatecrime load_areas`
    loads a force's file (docs/adr/0760-areas-and-maps-as-data.md).

    The special area `unknown` is the central triage queue for reports whose place is not known;
    it belongs to no force (a service covering several forces has one triage queue).
    """

    UNKNOWN = "unknown"
    SLUG_LENGTH = 64
    NAME_LENGTH = 128
    CODE_LENGTH = 32

    slug = models.SlugField(max_length=SLUG_LENGTH, unique=True)
    name = models.CharField(max_length=NAME_LENGTH)
    code = models.CharField(
        max_length=CODE_LENGTH,
        blank=True,
        help_text=_("For example an ONS code, such as E09000012."),
    )
    force = models.ForeignKey(
        Force, null=True, blank=True, on_delete=models.PROTECT, related_name="areas"
    )
    is_active = models.BooleanField(default=True)
    is_triage = models.BooleanField(
        default=False, help_text=_("The central triage queue for reports with no known area.")
    )
    # The Community Safety Unit's team number and when it answers: shown on 'track my report'
    # before an officer is assigned, so a victim always has someone to call.
    csu_phone = models.CharField(max_length=32, blank=True)
    csu_hours = models.CharField(max_length=200, blank=True)
    # The map: a tile of the force's tile grid (equal squares read better than shapes for
    # counts) and/or a simplified boundary (a GeoJSON Polygon or MultiPolygon, longitude and
    # latitude), drawn when no area of the force has a tile.
    tile_row = models.PositiveSmallIntegerField(null=True, blank=True)
    tile_col = models.PositiveSmallIntegerField(null=True, blank=True)
    boundary = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["is_triage", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="core_area_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    """A node of the targeted-community taxonomy: a group ("East or South East Asian") or a
    community within one ("Chinese"). Data, so administrators can refine it; a report or case
    keeps the codes, and monitoring counts each node and rolls it up to its group.

    Nodes are never deleted (stored codes must keep their meaning): an administrator makes one
    inactive, and it is no longer offered."""

    OTHER = "other"  # the node whose words the person gives (kept encrypted)
    OTHER_MAX_LENGTH = 500  # the longest words for "Other" a report or a case takes
    CODE_LENGTH = 64  # the column's length, which the API schema and serializers give

    code = models.SlugField(max_length=CODE_LENGTH, unique=True)
    label = models.CharField(max_length=128)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    strand = models.CharField(max_length=32, choices=Strand.choices)
    aliases = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Other names for it, separated by semicolons (used to map free text)."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "label"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.label

    def names(self) -> list[str]:
        """Its label and aliases, compared case-insensitively with free text."""
        return [self.label, *(a.strip() for a in self.aliases.split(";") if a.strip())]


class ScheduledJob(models.Model):
    """When each periodic sweep last ran and is next due (see core.scheduler)."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class WorkerHeartbeat(models.Model):
    """The last time each worker's scheduler ticked (`/readyz` reads it): one row per worker
    process (host and pid), with the tick it promised, pruned after a day of silence."""

    worker = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()
    interval_seconds = models.FloatField()

    def __str__(self) -> str:
        return self.worker


class DemoStepLoaded(models.Model):
    """A demo data step that has run, so that `hatecrime demo` never loads it twice."""

    name = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name

"""Counts for monitoring: datasets of weekly and monthly counts, detection runs and alarms.

No personal data lives here: only dates, areas, strands, communities and counts.

Every count row is one cell of a small data cube: any dimension may hold `ALL` ("") meaning
"every value", so a dashboard question ("all strands in Hackney, weekly") is one index range scan
returning one row per period, whatever the number of incidents (see docs/adr/0110-*.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatecrime.core.models import BaseModel

ALL = ""  # the value of a dimension in a row that counts every value of it


class DatasetKind(models.TextChoices):
    LIVE = "live", _("Live reports")
    IMPORTED = "imported", _("Imported")


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week (Monday to Sunday)")
    MONTH = "month", _("Month")


class Dataset(models.Model):
    """A named set of counts. The two live datasets are `live` (by the date it happened) and
    `live-reported` (by the date it was reported); every import goes to a dataset of its own."""

    LIVE = "live"
    LIVE_REPORTED = "live-reported"

    name = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=DatasetKind.choices)
    source_format = models.CharField(max_length=32, blank=True)
    description = models.CharField(max_length=300, blank=True)
    # False for published series whose categories overlap (the Met's): no "all categories"
    # cells, so totals over categories are sums of the categories asked for.
    has_category_totals = models.BooleanField(default=True)
    created_on = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SeriesDimensions(models.Model):
    """The dimensions that name a series: one value each, or `ALL`."""

    area = models.CharField(max_length=100, blank=True)
    strand = models.CharField(max_length=64, blank=True)
    category = models.CharField(max_length=200, blank=True)
    community = models.CharField(max_length=100, blank=True)
    online = models.CharField(max_length=8, blank=True)  # "online", "offline" or ALL
    crime_type = models.CharField(max_length=16, blank=True)  # crime, nchi, unclassified, ALL

    class Meta:
        abstract = True


class SeriesCount(SeriesDimensions):
    """How many incidents in one period for one combination of dimensions (`ALL` = any)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="counts")
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "dataset", "period_kind", "strand", "category", "community", "online",
                    "crime_type", "area", "period_start",
                ],
                name="monitoring_seriescount_cell",
            )
        ]  # fmt: skip
        # The unique constraint's index serves a trend (every dimension fixed, a range of
        # periods). The map (every dimension fixed but area, a few periods) has its own, with
        # the periods before the area: through the unique index it walks every period of every
        # area, so its cost grew with the years held and the areas loaded (106 ms at 452 areas
        # over ten years, 40 ms with this index; bench/national.py, docs/adr/0790). On
        # PostgreSQL it covers area and count, so the map never reads the table.
        indexes = [
            models.Index(
                fields=[
                    "dataset", "period_kind", "strand", "category", "community", "online",
                    "crime_type", "period_start",
                ],
                include=["area", "count"],
                name="monitoring_seriescount_map",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.period_start} {self.area or '*'}: {self.count}"


class ImportRun(models.Model):
    """One import of one file: provenance, and what was read, imported and rejected."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=300)
    file_sha256 = models.CharField(max_length=64)
    source_format = models.CharField(max_length=32)
    rows_read = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    cells_written = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} -> {self.dataset_id}"


class DetectionRun(models.Model):
    """One run of spike detection over a dataset, with the parameters used."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="runs")
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    by = models.CharField(max_length=64, blank=True)  # e.g. "area,strand"
    method = models.CharField(max_length=32)
    params = models.JSONField(default=dict)
    scheduled = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    series_count = models.PositiveIntegerField(default=0)
    alarm_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"run {self.pk} on {self.dataset_id}"


class Alarm(SeriesDimensions):
    """A period in a series where the count is significantly above what was expected."""

    run = models.ForeignKey(DetectionRun, on_delete=models.CASCADE, related_name="alarms")
    period_start = models.DateField()
    observed = models.FloatField()
    expected = models.FloatField(null=True)
    upper = models.FloatField(null=True)
    score = models.FloatField(null=True)
    method = models.CharField(max_length=32)
    explanation = models.TextField(blank=True)
    is_new = models.BooleanField(default=True)

    class Meta:
        ordering = ["-period_start", "area", "strand", "category"]
        indexes = [models.Index(fields=["run", "period_start"])]

    def __str__(self) -> str:
        return f"alarm {self.area or '*'} {self.strand or '*'} {self.period_start}"

    def series_key(self) -> tuple[str, ...]:
        return (
            self.area,
            self.strand,
            self.category,
            self.community,
            self.period_start.isoformat(),
            self.online,
            self.crime_type,
        )


class JudgedPeriod(SeriesDimensions):
    """One period of one series as a detection run judged it: what every page that shows
    alarms, expected levels or thresholds reads (`selectors.judged_series`), so that the chart,
    the alarm list, the map and the packs agree. A series is one value (or `ALL`) per dimension,
    as in `SeriesCount`; periods a run could not judge (too little history) are not kept."""

    run = models.ForeignKey(DetectionRun, on_delete=models.CASCADE, related_name="judged")
    period_start = models.DateField()
    observed = models.PositiveIntegerField()
    expected = models.FloatField(null=True)
    upper = models.FloatField(null=True)
    alarm = models.BooleanField(default=False)
    method = models.CharField(max_length=32)
    # Live data: the count corrected for reports not yet made, with its 90% interval (ADR
    # 0902); null where the period was complete when judged.
    nowcast = models.FloatField(null=True)
    nowcast_low = models.FloatField(null=True)
    nowcast_high = models.FloatField(null=True)

    class Meta:
        # A chart: one series, a range of periods, newest run first; a map: every area.
        indexes = [
            models.Index(
                fields=["strand", "category", "community", "online", "crime_type", "area",
                        "period_start"],
                name="monitoring_judged_series",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.area or '*'} {self.strand or '*'} {self.period_start} (run {self.run_id})"


class AlarmNotice(models.Model):
    """A new alarm, shown to command and to the area's supervisors on the dashboard."""

    alarm = models.ForeignKey(Alarm, on_delete=models.CASCADE, related_name="notices")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alarm_notices"
    )
    created_on = models.DateTimeField(auto_now_add=True)
    seen_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_on"]
        constraints = [
            models.UniqueConstraint(fields=["alarm", "recipient"], name="monitoring_notice_once")
        ]

    def __str__(self) -> str:
        return f"notice of {self.alarm_id} to {self.recipient_id}"


class TriggerEvent(BaseModel):
    """Something outside that may move the counts ("COVID-19 lockdown, March 2020")."""

    date = models.DateField()
    label = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.label}"

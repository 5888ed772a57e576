"""The domain: countries, missions, personnel categories, official monthly contributions, gender targets."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Country(models.Model):
    """A contributing country, keyed by ISO 3166-1 alpha-3."""

    iso3 = models.CharField("ISO3", max_length=3, unique=True)
    name = models.CharField("UN short name", max_length=120, help_text="e.g. 'Viet Nam'")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return f"{self.name} ({self.iso3})"


class CountryAlias(models.Model):
    """Another spelling of a country: common names, IPI's spellings, names truncated in the UN PDFs."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120, unique=True)
    source = models.CharField(max_length=60, blank=True, help_text="where this spelling was seen")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "country aliases"

    def __str__(self) -> str:
        return self.name


class Mission(models.Model):
    """A UN peace operation: peacekeeping missions and special political missions, open or closed."""

    class Kind(models.TextChoices):
        PEACEKEEPING = "peacekeeping", "Peacekeeping operation"
        POLITICAL = "political", "Special political mission"
        OTHER = "other", "Other"

    acronym = models.CharField(max_length=20, unique=True)
    name = models.CharField("full name", max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PEACEKEEPING)
    host_places = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated host country or places, e.g. 'South Sudan'"
    )
    start_date = models.DateField(null=True, blank=True, help_text="mandate start, where known")
    end_date = models.DateField(null=True, blank=True, help_text="closure, where known; empty while active")
    first_month = models.DateField(null=True, blank=True, help_text="first month in the imported data")
    last_month = models.DateField(null=True, blank=True, help_text="last month in the imported data")

    class Meta:
        ordering = ["acronym"]

    def __str__(self) -> str:
        return self.acronym

    @property
    def is_active(self) -> bool:
        return self.end_date is None

    @property
    def host_place_list(self) -> list[str]:
        return [p.strip() for p in self.host_places.split(",") if p.strip()]


class TargetCategory(models.Model):
    """A category of the Uniformed Gender Parity Strategy, which sets targets per category and year."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "target categories"

    def __str__(self) -> str:
        return self.name


class PersonnelType(models.Model):
    """A personnel type as the UN reports it (Troops, Staff Officer, …), mapped to its target category."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=60, unique=True)
    target_category = models.ForeignKey(TargetCategory, on_delete=models.PROTECT, related_name="personnel_types")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class DataRelease(models.Model):
    """One import of one file: where official rows came from, and what the import did."""

    class Layout(models.TextChoices):
        UN_MONTHLY = "un_monthly", "UN DPO monthly reports (parsed PDFs)"
        IPI_LONG = "ipi_long", "IPI Providing for Peacekeeping (long)"
        DATA_HUB = "data_hub", "UN Peace and Security Data Hub (DPO-UC*)"

    file_name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    layout = models.CharField(max_length=20, choices=Layout.choices)
    imported_at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    rejections = models.JSONField(default=list, blank=True, help_text="[{line, reason}] for rejected rows")
    warnings = models.JSONField(default=list, blank=True, help_text="e.g. mission acronyms not in the reference list")
    duration_seconds = models.FloatField(null=True, blank=True, help_text="wall time of the import")

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class Contribution(models.Model):
    """Official count: country × mission × personnel type × month → women, men, total."""

    # No single-column indexes on country and mission: the (country, month) and (mission, month) indexes below
    # lead with them and serve the same lookups (and the unique constraints lead with country too). None on the
    # personnel type either: five values, each a fifth of the table, is a sequential scan (or the (month, type)
    # index when a month range is given). Fewer indexes make imports and updates cheaper.
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="contributions", db_index=False)
    mission = models.ForeignKey(
        Mission,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="contributions",
        help_text="empty when the source gives no mission breakdown (Mar 2018 – Aug 2019)",
    )
    personnel_type = models.ForeignKey(
        PersonnelType, on_delete=models.PROTECT, related_name="contributions", db_index=False
    )
    month = models.DateField(help_text="first day of the reporting month (the source reports the month end)")
    female = models.PositiveIntegerField(null=True, blank=True, help_text="empty where the source garbled it")
    male = models.PositiveIntegerField(null=True, blank=True, help_text="empty where the source garbled it")
    total = models.PositiveIntegerField()
    quality_flags = models.CharField(max_length=300, blank=True, help_text="';'-separated flags from the source")
    release = models.ForeignKey(DataRelease, on_delete=models.PROTECT, related_name="contributions")
    source_file = models.CharField(max_length=300, help_text="file the current values came from")
    source_line = models.PositiveIntegerField(help_text="line in that file (1 = header)")
    source_document = models.CharField(max_length=200, blank=True, help_text="original UN document, e.g. the PDF")
    country_as_printed = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-month", "country__name", "mission__acronym", "personnel_type__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "mission", "personnel_type", "month"],
                condition=Q(mission__isnull=False),
                name="contribution_unique_with_mission",
            ),
            models.UniqueConstraint(
                fields=["country", "personnel_type", "month"],
                condition=Q(mission__isnull=True),
                name="contribution_unique_without_mission",
            ),
            models.CheckConstraint(
                condition=Q(female__isnull=True)
                | Q(male__isnull=True)
                | Q(total=models.F("female") + models.F("male")),
                name="contribution_total_is_female_plus_male",
            ),
        ]
        indexes = [
            models.Index(fields=["month", "personnel_type"], name="contribution_month_type"),
            models.Index(fields=["country", "month"], name="contribution_country_month"),
            models.Index(fields=["mission", "month"], name="contribution_mission_month"),
        ]

    def __str__(self) -> str:
        where = self.mission.acronym if self.mission_id else "all missions"
        return f"{self.country.iso3} {where} {self.personnel_type} {self.month:%Y-%m}: {self.total}"

    @property
    def women_share(self) -> float | None:
        if self.female is None or not self.total:
            return None
        return self.female / self.total


class ContributionChange(models.Model):
    """What a newer release changed in an existing contribution: old → new, when, from which file."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="changes")
    release = models.ForeignKey(DataRelease, on_delete=models.PROTECT, related_name="changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(help_text='{"field": [old, new]}')

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contribution_id} changed by {self.release}"


class GenderTarget(models.Model):
    """A UN gender-parity target: year × category → percent, only where a source states it."""

    year = models.PositiveSmallIntegerField()
    category = models.ForeignKey(TargetCategory, on_delete=models.PROTECT, related_name="targets")
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    source = models.TextField(help_text="where the figure was seen, with its quote")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["year", "category__order"]
        constraints = [models.UniqueConstraint(fields=["year", "category"], name="gendertarget_unique_year_category")]

    def __str__(self) -> str:
        return f"{self.year} {self.category}: {self.percent}%"


class ContributionSummary(models.Model):
    """Official contributions summed per month × personnel type × country (missions collapsed): derived data.

    The dashboards' and the series API's aggregates without a mission filter read this instead of scanning every
    contribution (2.6× fewer rows than the 153k real contributions, 11× fewer than 1M synthetic ones;
    apps/deployments/summary.py rebuilds it per month after each import and each single-row edit). Sums follow the
    selectors' semantics: female, male and total_with_split (the total over rows that have a gender split) are
    empty where no row of the group has one.
    """

    # The natural key is the primary key (no id column, sequence or extra index to fill on every rebuild), and no
    # database-level foreign keys: every row is aggregated from contributions whose keys the database checks, and
    # checking 87k rows again at commit doubled the rebuild time at 1M contributions (bench/README.md). Nothing
    # to cascade either: a country or type without contributions has no summary rows after a refresh.
    pk = models.CompositePrimaryKey("month", "personnel_type", "country")
    month = models.DateField()
    personnel_type = models.ForeignKey(
        PersonnelType, on_delete=models.DO_NOTHING, related_name="+", db_index=False, db_constraint=False
    )
    country = models.ForeignKey(
        Country, on_delete=models.DO_NOTHING, related_name="+", db_index=False, db_constraint=False
    )
    # 4-byte integers: PostgreSQL sums them into a bigint; sums of bigints would go through numeric (slower).
    total = models.IntegerField()
    female = models.IntegerField(null=True)
    male = models.IntegerField(null=True)
    total_with_split = models.IntegerField(null=True)
    source_rows = models.PositiveIntegerField(help_text="contributions summed into this row")

    class Meta:
        indexes = [models.Index(fields=["country", "month"], name="contributionsummary_country")]

    def __str__(self) -> str:
        return f"{self.country_id} {self.personnel_type_id} {self.month:%Y-%m}: {self.total}"


class ContributionMonthTotal(models.Model):
    """The same sums per month × personnel type over every country: what whole-dataset aggregates read.

    ~900 rows for 180 months, whatever the size of the contributions table (the overview's share by category and
    the unfiltered series API). Rebuilt from ContributionSummary with it (apps/deployments/summary.py).
    """

    pk = models.CompositePrimaryKey("month", "personnel_type")
    month = models.DateField()
    personnel_type = models.ForeignKey(
        PersonnelType, on_delete=models.DO_NOTHING, related_name="+", db_index=False, db_constraint=False
    )
    total = models.IntegerField()
    female = models.IntegerField(null=True)
    male = models.IntegerField(null=True)
    total_with_split = models.IntegerField(null=True)
    source_rows = models.PositiveIntegerField(help_text="contributions summed into this row")

    def __str__(self) -> str:
        return f"{self.personnel_type_id} {self.month:%Y-%m}: {self.total}"

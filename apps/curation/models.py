"""Reported figures: the curated record made from accepted claims, with every source and its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ReportedFigure(models.Model):
    """A deployment figure reported in the news and accepted by a curator; shown beside official data."""

    class Scope(models.TextChoices):
        CURRENT = "current", "Current deployment"
        CUMULATIVE = "cumulative", "Cumulative"
        PLANNED = "planned", "Planned"

    country = models.ForeignKey("deployments.Country", on_delete=models.PROTECT, related_name="reported_figures")
    missions = models.ManyToManyField("deployments.Mission", blank=True, related_name="reported_figures")
    unit = models.CharField(max_length=60, blank=True, help_text="e.g. level-2 field hospital, engineering unit")
    target_category = models.ForeignKey(
        "deployments.TargetCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
        help_text="the personnel category to compare with official figures",
    )
    personnel_total = models.PositiveIntegerField(null=True, blank=True)
    women = models.PositiveIntegerField(null=True, blank=True)
    women_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.CURRENT)
    as_of = models.DateField(null=True, blank=True)
    as_of_precision = models.CharField(max_length=5, blank=True, help_text="day, month or year")
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[missions])

    class Meta:
        ordering = ["-as_of", "-id"]

    def __str__(self) -> str:
        bits = [self.country.iso3 if self.country_id else "?"]
        if self.personnel_total is not None:
            bits.append(f"{self.personnel_total} personnel")
        if self.women is not None:
            bits.append(f"{self.women} women")
        if self.women_percent is not None:
            bits.append(f"{self.women_percent}% women")
        return " · ".join(bits)


class ReportedFigureSource(models.Model):
    """One article that states a reported figure: the claim it came from, its quote and offsets."""

    figure = models.ForeignKey(ReportedFigure, on_delete=models.CASCADE, related_name="sources")
    claim = models.ForeignKey("ingest.Claim", on_delete=models.PROTECT, related_name="figure_sources")
    article = models.ForeignKey("ingest.Article", on_delete=models.PROTECT, related_name="figure_sources")
    quote = models.TextField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["figure", "added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["figure", "article"], name="reportedfiguresource_unique")]


class Discrepancy(ReportedFigure):
    """Current reported figures seen beside the official count for the same country, month and category."""

    class Meta:
        proxy = True
        verbose_name = "discrepancy with official data"
        verbose_name_plural = "discrepancies with official data"

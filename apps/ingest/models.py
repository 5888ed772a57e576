"""Sources, articles, stories (near-duplicate clusters), extracted claims and the targets articles cite."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Source(models.Model):
    """A feed or site polled for articles."""

    class Kind(models.TextChoices):
        RSS = "rss", "RSS"
        ATOM = "atom", "Atom"
        HTML = "html", "HTML index"

    name = models.CharField(max_length=200)
    url = models.URLField(max_length=1000, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RSS)
    outlet = models.CharField(max_length=200, blank=True)
    poll_interval_minutes = models.PositiveIntegerField(default=60)
    enabled = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """A cluster of near-duplicate articles: one event, reported by one or more outlets."""

    title = models.CharField(max_length=500, blank=True)
    best_date = models.DateField(null=True, blank=True)
    best_date_source = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-best_date", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title or f"Story {self.pk}"


class Article(models.Model):
    """One news article as received, its cleaned text and where it is in the pipeline."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        PROCESSED = "processed", "Processed"
        FAILED = "failed", "Failed"

    class Via(models.TextChoices):
        COMMAND = "command", "Command line"
        API = "api", "API"
        ADMIN = "admin", "Admin"
        FEED = "feed", "Feed"

    url = models.URLField("canonical URL", max_length=2000, null=True, blank=True)
    # Empty (NULL) only while a URL-only submission waits to be fetched; NULLs never collide.
    content_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, help_text="sha256 of the normalised text"
    )
    outlet = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True)
    published_from = models.CharField(max_length=30, blank=True, help_text="where the date came from")
    published_raw = models.CharField(max_length=100, blank=True, help_text="the date as submitted, unparsed")
    origin = models.CharField(max_length=500, blank=True, help_text="file, line or feed entry it was read from")
    raw_content = models.TextField(blank=True)
    raw_is_html = models.BooleanField(default=False)
    clean_text = models.TextField(blank=True)
    language = models.CharField(max_length=10, blank=True)
    is_relevant = models.BooleanField(null=True)
    country = models.ForeignKey(
        "deployments.Country", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    pipeline_version = models.CharField(max_length=20, blank=True)
    story = models.ForeignKey(Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    source = models.ForeignKey(Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    submitted_via = models.CharField(max_length=10, choices=Via.choices, default=Via.COMMAND)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signature = models.JSONField(null=True, blank=True, help_text="MinHash signature for near-duplicate search")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=Q(url__isnull=False) & ~Q(url=""), name="article_unique_url"
            ),
        ]
        indexes = [
            models.Index(fields=["published"], name="article_published"),
            models.Index(fields=["pipeline_version"], name="article_pipeline_version"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"


class ArticleBand(models.Model):
    """One LSH band bucket of an article's MinHash: near-duplicate candidates share a bucket."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.CharField(max_length=64)

    class Meta:
        # Key first: candidate lookup (key IN (...)) is an index-only scan that yields the article ids.
        constraints = [models.UniqueConstraint(fields=["key", "article"], name="articleband_unique")]


class Claim(models.Model):
    """One figure extracted from a story: the numbers, their scope, and the sentence they came from."""

    class Scope(models.TextChoices):
        CURRENT = "current", "Current deployment"
        CUMULATIVE = "cumulative", "Cumulative"
        PLANNED = "planned", "Planned"

    class Review(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        EDITED = "edited", "Edited and accepted"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="claims")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims", help_text="first source")
    fingerprint = models.CharField(max_length=100, help_text="same figure in the same story = same claim")
    country = models.ForeignKey(
        "deployments.Country", on_delete=models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    subject = models.CharField(max_length=10, blank=True, help_text="ISO3 the figure is about, or UN")
    missions = models.ManyToManyField("deployments.Mission", blank=True, related_name="claims")
    # As extracted, so the figure keeps its missions even when a Mission row is not loaded yet.
    mission_codes = models.CharField(max_length=200, blank=True, help_text="comma-separated acronyms as extracted")
    unit = models.CharField(max_length=60, blank=True)
    personnel_total = models.PositiveIntegerField(null=True, blank=True)
    women = models.PositiveIntegerField(null=True, blank=True)
    women_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    percent_qualifier = models.CharField(max_length=30, blank=True)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.CURRENT)
    as_of = models.DateField(null=True, blank=True)
    as_of_precision = models.CharField(max_length=5, blank=True, help_text="day, month or year")
    quote = models.TextField()
    start = models.PositiveIntegerField(null=True, blank=True, help_text="offset into the article's cleaned text")
    end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=0.5)
    reasons = models.JSONField(default=list, blank=True)
    review_state = models.CharField(max_length=10, choices=Review.choices, default=Review.PENDING, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, help_text="why it was rejected or edited")
    pipeline_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "confidence", "-id"]
        constraints = [models.UniqueConstraint(fields=["story", "fingerprint"], name="claim_unique_per_story")]

    def __str__(self) -> str:
        parts = [f"{self.personnel_total} personnel" if self.personnel_total is not None else ""]
        if self.women is not None:
            parts.append(f"{self.women} women")
        if self.women_percent is not None:
            parts.append(f"{self.women_percent}% women")
        return ", ".join(p for p in parts if p) or f"Claim {self.pk}"


class ClaimSource(models.Model):
    """An article of the story that states the claim, with its quote and offsets."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claim_sources")
    quote = models.TextField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "article"], name="claimsource_unique")]


class CitedTarget(models.Model):
    """A target percentage an article cites: a UN target, or a national goal kept apart from it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="cited_targets")
    quote = models.TextField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    percent_low = models.DecimalField(max_digits=5, decimal_places=2)
    percent_high = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    category = models.CharField(max_length=60, blank=True)
    by_year = models.PositiveSmallIntegerField(null=True, blank=True)
    set_by = models.CharField(max_length=10, default="UN", help_text="UN, or the ISO3 of a national goal")

    class Meta:
        ordering = ["article", "start"]

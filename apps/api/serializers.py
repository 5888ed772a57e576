"""Serializers: every figure carries where it came from (a release row, or a quote with offsets)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.curation.models import ReportedFigure, ReportedFigureSource
from apps.deployments.models import (
    Contribution,
    Country,
    DataRelease,
    GenderTarget,
    Mission,
    PersonnelType,
    TargetCategory,
)
from apps.ingest.models import Article, CitedTarget, Claim, ClaimSource, Story


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2021-06"})
class MonthField(serializers.DateField):
    """A reporting month as YYYY-MM."""

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class PercentField(serializers.DecimalField):
    """A percentage as a JSON number, not a string."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(coerce_to_string=False, **kwargs)


# --- Reference data ---------------------------------------------------------------------------------


class CountrySerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Country
        fields = ["iso3", "name", "aliases"]


class MissionSerializer(serializers.ModelSerializer):
    host_places = serializers.ListField(source="host_place_list", child=serializers.CharField(), read_only=True)
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Mission
        fields = [
            "acronym",
            "name",
            "kind",
            "host_places",
            "start_date",
            "end_date",
            "is_active",
            "first_month",
            "last_month",
        ]


class TargetCategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetCategory
        fields = ["code", "name"]


class PersonnelTypeSerializer(serializers.ModelSerializer):
    target_category = TargetCategoryRefSerializer(read_only=True)

    class Meta:
        model = PersonnelType
        fields = ["code", "name", "order", "target_category"]


class GenderTargetSerializer(serializers.ModelSerializer):
    category = TargetCategoryRefSerializer(read_only=True)
    percent = PercentField()

    class Meta:
        model = GenderTarget
        fields = ["id", "year", "category", "percent", "source", "note"]


class TargetInCategorySerializer(serializers.ModelSerializer):
    percent = PercentField()

    class Meta:
        model = GenderTarget
        fields = ["year", "percent", "source", "note"]


class TargetCategorySerializer(serializers.ModelSerializer):
    personnel_types = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    targets = TargetInCategorySerializer(many=True, read_only=True)

    class Meta:
        model = TargetCategory
        fields = ["code", "name", "order", "note", "personnel_types", "targets"]


# --- Official contributions -------------------------------------------------------------------------


class ReleaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataRelease
        fields = ["id", "file_name", "sha256", "layout", "imported_at", "rows_read", "created", "updated", "rejected"]


class ReleaseRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataRelease
        fields = ["id", "file_name", "sha256", "imported_at"]


class ContributionSerializer(serializers.ModelSerializer):
    month = MonthField(read_only=True, help_text="reporting month, YYYY-MM")
    country = serializers.CharField(source="country.iso3", read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    mission = serializers.CharField(
        source="mission.acronym",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="null where the source gives no mission breakdown (Mar 2018 – Aug 2019)",
    )
    personnel_type = serializers.CharField(source="personnel_type.code", read_only=True)
    category = serializers.CharField(source="personnel_type.target_category.code", read_only=True)
    women_share = serializers.FloatField(
        read_only=True, allow_null=True, help_text="female / total; null where the source has no gender split"
    )
    release = ReleaseRefSerializer(read_only=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "month",
            "country",
            "country_name",
            "mission",
            "personnel_type",
            "category",
            "female",
            "male",
            "total",
            "women_share",
            "quality_flags",
            "source_file",
            "source_line",
            "source_document",
            "country_as_printed",
            "release",
        ]


CONTRIBUTION_CSV_COLUMNS = [
    ("id", "id"),
    ("month", "month"),
    ("country", "country__iso3"),
    ("country_name", "country__name"),
    ("mission", "mission__acronym"),
    ("personnel_type", "personnel_type__code"),
    ("category", "personnel_type__target_category__code"),
    ("female", "female"),
    ("male", "male"),
    ("total", "total"),
    ("quality_flags", "quality_flags"),
    ("source_file", "source_file"),
    ("source_line", "source_line"),
    ("source_document", "source_document"),
    ("release", "release_id"),
    ("release_file", "release__file_name"),
]


class SharePointSerializer(serializers.Serializer):
    month = MonthField(help_text="YYYY-MM; months without data are absent, not zero")
    total = serializers.IntegerField()
    female = serializers.IntegerField(allow_null=True, help_text="null where no row of the month has a gender split")
    male = serializers.IntegerField(allow_null=True)
    total_with_split = serializers.IntegerField(
        allow_null=True, help_text="total over the rows that have a gender split (the share's denominator)"
    )
    women_share = serializers.FloatField(
        source="share",
        allow_null=True,
        help_text="female / total_with_split, 0–1; null for a month without a gender split (e.g. 2020-08)",
    )
    women_share_percent = serializers.SerializerMethodField(
        help_text="women_share × 100, rounded to 2 decimals: the percent the dashboards show (targets use `percent`)",
    )

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_women_share_percent(self, obj) -> float | None:
        return None if obj.share is None else round(obj.share * 100, 2)


class SeriesTargetSerializer(serializers.ModelSerializer):
    percent = PercentField()
    share = serializers.SerializerMethodField(help_text="percent / 100, comparable with women_share")

    class Meta:
        model = GenderTarget
        fields = ["year", "percent", "share", "source", "note"]

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_share(self, obj: GenderTarget) -> float:
        return float(obj.percent) / 100


class SeriesCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetCategory
        fields = ["code", "name", "note"]


class SeriesSerializer(serializers.Serializer):
    category = SeriesCategorySerializer(allow_null=True, help_text="the requested category, or null")
    filters = serializers.DictField(child=serializers.JSONField(), help_text="the filters applied, normalised")
    points = SharePointSerializer(many=True, help_text="one point per month that has data, ascending")
    targets = SeriesTargetSerializer(
        many=True,
        help_text="UN targets for the requested category: only the years a source states, each with its source. "
        "Empty without a category. Nothing is interpolated.",
    )
    notes = serializers.ListField(child=serializers.CharField())


# --- News: articles, stories, claims, reported figures ----------------------------------------------


class ArticleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "url", "outlet", "title", "published"]


class CitedTargetSerializer(serializers.ModelSerializer):
    percent_low = PercentField()
    percent_high = PercentField(allow_null=True)

    class Meta:
        model = CitedTarget
        fields = ["quote", "start", "end", "percent_low", "percent_high", "category", "by_year", "set_by"]


class ArticleSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso3", read_only=True, allow_null=True, default=None)
    story = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, help_text="null until processed")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "outlet",
            "title",
            "published",
            "published_from",
            "language",
            "is_relevant",
            "country",
            "status",
            "error",
            "story",
            "submitted_via",
            "pipeline_version",
            "created_at",
            "processed_at",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    cited_targets = CitedTargetSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "clean_text", "cited_targets"]


class ClaimSourceSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(read_only=True)

    class Meta:
        model = ClaimSource
        fields = ["article", "quote", "start", "end"]


class ClaimSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso3", read_only=True, allow_null=True, default=None)
    missions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="acronym")
    women_percent = PercentField(allow_null=True)
    sources = ClaimSourceSerializer(many=True, read_only=True, help_text="every article of the story that states it")

    class Meta:
        model = Claim
        fields = [
            "id",
            "story",
            "article",
            "country",
            "subject",
            "missions",
            "unit",
            "personnel_total",
            "women",
            "women_percent",
            "percent_qualifier",
            "scope",
            "as_of",
            "as_of_precision",
            "quote",
            "start",
            "end",
            "confidence",
            "review_state",
            "reviewed_at",
            "pipeline_version",
            "sources",
        ]


class StorySerializer(serializers.ModelSerializer):
    articles = ArticleRefSerializer(many=True, read_only=True)
    claims = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Story
        fields = ["id", "title", "best_date", "best_date_source", "created_at", "articles", "claims"]


class ReportedFigureSourceSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(read_only=True)

    class Meta:
        model = ReportedFigureSource
        fields = ["claim", "article", "quote", "start", "end", "added_at"]


class ReportedFigureSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso3", read_only=True)
    missions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="acronym")
    category = serializers.CharField(source="target_category.code", read_only=True, allow_null=True, default=None)
    women_percent = PercentField(allow_null=True)
    sources = ReportedFigureSourceSerializer(many=True, read_only=True)

    class Meta:
        model = ReportedFigure
        fields = [
            "id",
            "country",
            "missions",
            "unit",
            "category",
            "personnel_total",
            "women",
            "women_percent",
            "scope",
            "as_of",
            "as_of_precision",
            "note",
            "created_at",
            "updated_at",
            "sources",
        ]


# --- Submissions ------------------------------------------------------------------------------------


class SubmissionSerializer(serializers.Serializer):
    url = serializers.URLField(required=False, max_length=2000, help_text="an http(s) article URL to fetch")
    text = serializers.CharField(required=False, max_length=500_000, help_text="the article's text, if not a URL")
    title = serializers.CharField(required=False, max_length=1000, allow_blank=True)
    published = serializers.DateField(required=False, help_text="publication date, YYYY-MM-DD")

    def validate_url(self, value: str) -> str:
        if not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError("Only http and https URLs can be fetched.")
        return value

    def validate_text(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("The text is empty.")
        return value

    def validate(self, attrs: dict) -> dict:
        if not attrs.get("url") and not attrs.get("text"):
            raise serializers.ValidationError({"url": ["Give a url or a text."], "text": ["Give a url or a text."]})
        return attrs


class SubmissionStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="the article's id")
    status = serializers.ChoiceField(choices=Article.Status.choices)
    error = serializers.CharField(allow_blank=True, help_text="why processing failed; empty otherwise")
    created = serializers.BooleanField(required=False, help_text="false when the article was already known")
    duplicate_of = serializers.IntegerField(
        allow_null=True, required=False, help_text="the article this one duplicates, if any"
    )
    status_url = serializers.URLField()
    article_url = serializers.URLField()
    article = ArticleRefSerializer()
    claims = ClaimSerializer(many=True, help_text="the figures extracted; empty until processed")


def status_payload(
    request,
    article: Article,
    *,
    claims: list[Claim],
    created: bool | None = None,
    duplicate_of: Article | None = None,
) -> dict:
    """The status document of a submission (the same shape from the POST and the GET)."""
    data = {
        "id": article.pk,
        "status": article.status,
        "error": article.error,
        "status_url": request.build_absolute_uri(reverse("api:submission-detail", args=[article.pk])),
        "article_url": request.build_absolute_uri(reverse("api:article-detail", args=[article.pk])),
        "article": ArticleRefSerializer(article).data,
        "claims": ClaimSerializer(claims, many=True).data if article.status == Article.Status.PROCESSED else [],
    }
    if created is not None:
        data["created"] = created
        data["duplicate_of"] = duplicate_of.pk if duplicate_of else None
    return data

"""REST API v1: read-only resources with provenance, the monthly series, and article submissions."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import setting_changed
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from apps.api import exports
from apps.api import filters as f
from apps.api import serializers as s
from apps.api.parsers import BoundedJSONParser
from apps.api.renderers import CSVRenderer, csv_lines
from apps.api.schema import ApiAutoSchema
from apps.api.throttles import AnonThrottle, SubmitThrottle, UserThrottle
from apps.core import response_cache
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
from apps.deployments.selectors import women_share_series
from apps.ingest.models import Article, Claim, ClaimSource, Story

logger = logging.getLogger(__name__)


class Pagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000

    def get_offset(self, request: Request) -> int:
        # Databases reject offsets past a 64-bit integer; far past the end is simply an empty page.
        return min(super().get_offset(request), 2**62)


class ApiMixin:
    """What every endpoint shares: schema with error responses, throttles, pagination, stable ordering."""

    schema = ApiAutoSchema()
    lookup_value_regex = "[0-9]{1,18}"  # ids fit in a bigint; longer digit strings are a 404, not an overflow
    throttle_classes = [AnonThrottle, UserThrottle]
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend, f.StableOrderingFilter]
    # DRF's defaults with the JSON parser bounded in depth (a deeply nested body was a 500).
    parser_classes = [BoundedJSONParser, FormParser, MultiPartParser]


class CodeLookupMixin:
    """Lookups by code are case-insensitive: /countries/vnm/ is /countries/VNM/."""

    lookup_upper = True

    def get_object(self):
        key = self.lookup_url_kwarg or self.lookup_field
        value = self.kwargs[key]
        self.kwargs[key] = value.upper() if self.lookup_upper else value.lower()
        return super().get_object()


# --- Reference data ---------------------------------------------------------------------------------


@extend_schema(tags=["reference"])
class CountryViewSet(ApiMixin, CodeLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Contributing countries, looked up by ISO3, with the other spellings seen in the sources."""

    queryset = Country.objects.prefetch_related("aliases")
    serializer_class = s.CountrySerializer
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"
    ordering_fields = ["iso3", "name", "id"]
    ordering = ["name"]


@extend_schema(tags=["reference"])
class MissionViewSet(ApiMixin, CodeLookupMixin, viewsets.ReadOnlyModelViewSet):
    """UN missions, looked up by acronym."""

    queryset = Mission.objects.all()
    serializer_class = s.MissionSerializer
    filterset_class = f.MissionFilter
    lookup_field = "acronym"
    lookup_value_regex = "[A-Za-z0-9-]+"
    ordering_fields = ["acronym", "start_date", "end_date", "id"]
    ordering = ["acronym"]


@extend_schema(tags=["reference"])
class PersonnelTypeViewSet(ApiMixin, CodeLookupMixin, viewsets.ReadOnlyModelViewSet):
    """The five personnel types of the UN reports and the target category each belongs to."""

    queryset = PersonnelType.objects.select_related("target_category")
    serializer_class = s.PersonnelTypeSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z-]+"
    lookup_upper = False
    ordering_fields = ["order", "code", "id"]
    ordering = ["order"]


@extend_schema(tags=["reference"])
class TargetCategoryViewSet(ApiMixin, CodeLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Gender-parity target categories with their personnel types and stated targets."""

    queryset = TargetCategory.objects.prefetch_related(
        "personnel_types", Prefetch("targets", queryset=GenderTarget.objects.order_by("year", "id"))
    )
    serializer_class = s.TargetCategorySerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z_]+"
    lookup_upper = False
    ordering_fields = ["order", "code", "id"]
    ordering = ["order"]


@extend_schema(tags=["reference"])
class GenderTargetViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """UN gender-parity targets: only the years a source states, each with that source."""

    queryset = GenderTarget.objects.select_related("category")
    serializer_class = s.GenderTargetSerializer
    filterset_class = f.GenderTargetFilter
    ordering_fields = ["year", "id"]
    ordering = ["year", "category__order"]


@extend_schema(tags=["official"])
class ReleaseViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Imports of official files: what each contribution's `release` refers to."""

    queryset = DataRelease.objects.all()
    serializer_class = s.ReleaseSerializer
    ordering_fields = ["imported_at", "id"]
    ordering = ["-imported_at"]


# --- Official contributions -------------------------------------------------------------------------

CONTRIBUTION_ORDERING = {
    "month": "month",
    "country": "country__iso3",
    "mission": "mission__acronym",
    "personnel_type": "personnel_type__order",
    "total": "total",
    "female": "female",
    "male": "male",
    "id": "id",
}


@extend_schema_view(
    list=extend_schema(
        description="Official monthly counts. `?format=csv` (or Accept: text/csv) streams every filtered row, "
        "unpaginated, with the provenance columns source_file, source_line, source_document and release.",
        parameters=[
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=["json", "csv"], description="csv: every filtered row as CSV"
            )
        ],
    )
)
@extend_schema(tags=["official"])
class ContributionViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Official contributions: country × mission × personnel type × month → women, men, total, and source row."""

    queryset = Contribution.objects.select_related("country", "mission", "personnel_type__target_category", "release")
    serializer_class = s.ContributionSerializer
    filterset_class = f.ContributionFilter
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    ordering_fields = CONTRIBUTION_ORDERING
    ordering = ["-month", "country", "mission", "personnel_type"]

    def list(self, request: Request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            return self.csv_response(self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def csv_response(self, queryset: QuerySet) -> StreamingHttpResponse:
        header = [name for name, _ in s.CONTRIBUTION_CSV_COLUMNS]
        lookups = [lookup for _, lookup in s.CONTRIBUTION_CSV_COLUMNS]
        month_index = header.index("month")

        def rows():
            # values_list + iterator: constant memory and no model instances, however many rows match.
            for row in queryset.values_list(*lookups).iterator(chunk_size=2000):
                row = list(row)
                row[month_index] = row[month_index].strftime("%Y-%m")
                yield row

        # A slot first (503 when every one is taken), so exports never hold every server thread; freed when the
        # stream ends or the client leaves.
        slot = exports.acquire()
        lines = exports.holding(slot, csv_lines(header, rows()))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="contributions.csv"'
        return response


class ResponseCacheMixin:
    """Whole-response cache for a public read (apps.core.response_cache), JSON only.

    The lookup happens inside the handler, after DRF's authentication, permission and throttle checks, so a
    cached hit still counts against the client's rate. Not cached: the browsable API (it renders per user,
    with a CSRF token), JSON with media-type parameters (indent), unknown query parameters, anything but a 200,
    and everything when API_PUBLIC_READS is off (reads are then for authenticated users only).
    """

    response_key: str | None = None

    def cached_response(self, request: Request) -> HttpResponse | None:
        """Call first in the handler: the stored bytes for this request, or None (then the key is remembered)."""
        renderer = request.accepted_renderer
        if (
            not settings.API_PUBLIC_READS
            or renderer.format != "json"
            or request.accepted_media_type != renderer.media_type
        ):
            return None
        allowed = {*self.filterset_class.base_filters, api_settings.URL_FORMAT_OVERRIDE}
        self.response_key = response_cache.request_key(
            request,
            namespace=f"api:{type(self).__name__}",
            allowed=allowed,
            version=response_cache.data_version(),
            extra=(renderer.format,),
        )
        if not self.response_key or int(getattr(settings, "RESPONSE_CACHE_SECONDS", 1)) <= 0:
            return None  # nothing is stored with RESPONSE_CACHE_SECONDS=0: no cache read either
        return response_cache.lookup(self.response_key)

    def finalize_response(self, request: Request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.response_key is None:
            return response
        if isinstance(response, Response) and response.status_code == 200:
            response.render()  # built by this request: keep its bytes
            if request.method == "GET":
                response_cache.store(self.response_key, response)
        return response_cache.finish(request, self.response_key, response)


# (database, category code) → (data version, category, its targets): two queries per series request with a category
# otherwise, for rows that change only with the data (an import or an edit changes the version).
_categories: dict[tuple[str, str], tuple[str, TargetCategory | None, list[GenderTarget]]] = {}


def _forget_held(*, setting: str, **kwargs) -> None:
    if setting in ("CACHES", "DATABASES") or setting.startswith("RESPONSE_CACHE_"):
        _categories.clear()


setting_changed.connect(_forget_held, dispatch_uid="api-series-categories-settings")


def category_with_targets(code: str) -> tuple[TargetCategory | None, list[GenderTarget]]:
    """The category and its stated targets (by year), read once per data version."""
    version = response_cache.data_version()
    key = (TargetCategory.objects.db, code)
    held = _categories.get(key)
    if held is None or held[0] != version:
        category = TargetCategory.objects.filter(code=code).first()
        targets = list(category.targets.order_by("year", "id")) if category else []
        held = _categories[key] = (version, category, targets)
    return held[1], held[2]


SERIES_SOURCE = (
    "UN DPO monthly contribution reports (2015-2025); UN DPKO gender statistics as copied by IPI (2009-2014)"
)


@extend_schema(tags=["official"])
class SeriesView(ResponseCacheMixin, ApiMixin, generics.GenericAPIView):
    """Women's share and counts by month for any filter combination, with the category's stated targets."""

    queryset = Contribution.objects.none()
    serializer_class = s.SeriesSerializer
    filterset_class = f.SeriesFilter
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    CSV_COLUMNS = ["month", "total", "female", "male", "total_with_split", "women_share", "women_share_percent"]

    def check_query_parameters(self, request: Request) -> None:
        """A misspelt filter must not silently answer for everything (?month=2025-07): 400 naming it."""
        known = {*self.filterset_class.base_filters, api_settings.URL_FORMAT_OVERRIDE}
        unknown = sorted(k for k in request.query_params if k not in known)
        if unknown:
            raise ValidationError(
                {k: [f"Unknown query parameter “{k}”. Known: {', '.join(sorted(known))}."] for k in unknown}
            )

    def csv_response(self, data: dict) -> HttpResponse:
        """The points as CSV, named after the filters and the data month, with the source in the headers."""
        rows = [[p[c] for c in self.CSV_COLUMNS] for p in data["points"]]
        response = HttpResponse("".join(csv_lines(self.CSV_COLUMNS, rows)), content_type="text/csv; charset=utf-8")
        filters = data["filters"]
        parts = [
            "series",
            *(filters.get("country") or []),
            *(filters.get("mission") or []),
            filters.get("category") or "",
            *(filters.get("personnel_type") or []),
            data["points"][-1]["month"] if data["points"] else "",
        ]
        name = "-".join(p for p in parts if p).lower()
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response["X-Data-Source"] = SERIES_SOURCE
        return response

    @extend_schema(
        summary="Monthly women's share",
        description=(
            "One point per month that has data, ascending. **Months without data are absent** (a gap, never a "
            "zero): e.g. Sep–Dec 2014, Mar 2015/2016/2017, Jun 2020, Jul 2022, Sep 2023. `women_share` is a "
            "fraction (0–1); `women_share_percent` is the same in percent, as the dashboards show it. "
            "`?format=csv` or `Accept: text/csv` answers the points as CSV. An unknown query parameter is a 400 "
            "naming it. **`women_share` is null** "
            "for a month whose rows have no gender split (Aug 2020). With `category`, `targets` lists the UN "
            "gender-parity targets for that category: only the years a source states (2021, 2022, 2028 so far), "
            "each with its source; nothing is interpolated. Staff officers are counted inside Troops before "
            "May 2017, and mission filters have no data Mar 2018 – Aug 2019 (no mission breakdown)."
        ),
        parameters=[
            OpenApiParameter("country", OpenApiTypes.STR, description=f.COUNTRY_HELP),
            OpenApiParameter("mission", OpenApiTypes.STR, description=f.MISSION_HELP),
            OpenApiParameter("personnel_type", OpenApiTypes.STR, description=f.TYPE_HELP),
            OpenApiParameter("category", OpenApiTypes.STR, description=f.CATEGORY_HELP + " One category."),
            OpenApiParameter("month_from", OpenApiTypes.STR, description="First month, YYYY-MM (inclusive)."),
            OpenApiParameter("month_to", OpenApiTypes.STR, description="Last month, YYYY-MM (inclusive)."),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"], description="csv: the points as CSV"),
        ],
        responses={200: s.SeriesSerializer},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        self.check_query_parameters(request)
        cached = self.cached_response(request)
        if cached is not None:
            return cached
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)  # as the filter backend does: same codes, same shape
        filterset.filter_queryset(self.get_queryset())  # runs the cross-field checks (month_from ≤ month_to)
        category_code = filterset.clean_single_category()
        data = filterset.form.cleaned_data
        points = women_share_series(
            category=category_code,
            countries=data.get("country"),
            missions=data.get("mission"),
            personnel_types=data.get("personnel_type"),
            start=data.get("month_from"),
            end=data.get("month_to"),
        )
        category, targets = category_with_targets(category_code) if category_code else (None, [])
        notes = [
            "Months without data are absent from points; they are gaps, not zeros.",
            "women_share is null for months whose rows have no gender split.",
        ]
        if category and category.note:
            notes.append(category.note)
        payload = {
            "category": category,
            "filters": {
                "country": data.get("country"),
                "mission": data.get("mission"),
                "personnel_type": data.get("personnel_type"),
                "category": category_code,
                "month_from": data["month_from"].strftime("%Y-%m") if data.get("month_from") else None,
                "month_to": data["month_to"].strftime("%Y-%m") if data.get("month_to") else None,
            },
            "points": [],
            "targets": targets,
            "notes": notes,
        }
        data = s.SeriesSerializer(payload).data
        # Points are plain numbers: built directly, they cost a tenth of a serializer pass (bench/api_series.py).
        data["points"] = [
            {
                "month": p.month.strftime("%Y-%m"),
                "total": p.total,
                "female": p.female,
                "male": p.male,
                "total_with_split": p.total_with_split,
                "women_share": p.share,
                "women_share_percent": None if p.share is None else round(p.share * 100, 2),
            }
            for p in points
        ]
        if request.accepted_renderer.format == "csv":
            return self.csv_response(data)
        return Response(data)


# --- News -------------------------------------------------------------------------------------------


def claims_with_sources() -> QuerySet:
    """Claims with everything their serializer shows, in a fixed number of queries."""
    return Claim.objects.select_related("country").prefetch_related(
        "missions", Prefetch("sources", queryset=ClaimSource.objects.select_related("article").order_by("id"))
    )


@extend_schema(tags=["news"])
class ArticleViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Articles as received and where they are in the pipeline; the detail adds the cleaned text quotes index."""

    queryset = Article.objects.select_related("country").defer("raw_content", "clean_text", "signature")
    filterset_class = f.ArticleFilter
    ordering_fields = ["created_at", "published", "id"]
    ordering = ["-created_at"]

    def get_queryset(self) -> QuerySet:
        if self.action == "retrieve":
            return Article.objects.select_related("country").prefetch_related("cited_targets").defer("raw_content")
        return super().get_queryset()

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer


@extend_schema(tags=["news"])
class StoryViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Clusters of near-duplicate articles: one event, every outlet that reported it, its claims."""

    queryset = Story.objects.prefetch_related(
        Prefetch(
            "articles",
            queryset=Article.objects.only("id", "url", "outlet", "title", "published", "story_id").order_by("id"),
        ),
        Prefetch("claims", queryset=Claim.objects.only("id", "story_id").order_by("id")),
    )
    serializer_class = s.StorySerializer
    filterset_class = f.StoryFilter
    ordering_fields = ["best_date", "created_at", "id"]
    ordering = ["-best_date"]


@extend_schema(tags=["news"])
class ClaimViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Figures extracted from articles, with the quote, its offsets and every article of the story stating it."""

    queryset = claims_with_sources()
    serializer_class = s.ClaimSerializer
    filterset_class = f.ClaimFilter
    ordering_fields = ["created_at", "as_of", "confidence", "id"]
    ordering = ["-created_at"]


@extend_schema(tags=["news"])
class ReportedFigureViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Curated figures from the news (accepted claims), shown beside official data, with every source."""

    queryset = ReportedFigure.objects.select_related("country", "target_category").prefetch_related(
        "missions",
        Prefetch("sources", queryset=ReportedFigureSource.objects.select_related("article").order_by("added_at", "id")),
    )
    serializer_class = s.ReportedFigureSerializer
    filterset_class = f.ReportedFigureFilter
    ordering_fields = ["as_of", "created_at", "id"]
    ordering = ["-as_of"]


# --- Submissions ------------------------------------------------------------------------------------


class IngestUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "ingest_unavailable"
    default_detail = "Article ingestion is not available on this server."


class QueueUnavailable(APIException):
    """The article is stored, but the task queue could not take it: it is processed once the queue is back."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "queue_unavailable"
    default_detail = "The task queue is unavailable; the article is recorded and will be processed when it is back."
    wait = 60  # DRF sends it as Retry-After (the sweep re-sends waiting articles every few minutes)


@extend_schema(tags=["submissions"])
class SubmissionViewSet(ApiMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Submit an article (URL or text) for processing, then poll its status."""

    # DjangoModelPermissions reads this queryset: POST needs ingest.add_article.
    queryset = Article.objects.select_related("country").defer("raw_content", "clean_text", "signature")
    serializer_class = s.SubmissionSerializer
    throttle_classes = [AnonThrottle, UserThrottle, SubmitThrottle]
    throttle_scope = "submit"
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        summary="Submit an article",
        description="Needs a token (`Authorization: Token <key>`; create one with "
        "`python manage.py drf_create_token <username>`) of a user with the ingest.add_article permission. "
        "Give `url` (fetched by the server) or `text`. Returns 202 with `status_url`; the same URL or text "
        "twice returns the existing article (`created`: false). Throttled by API_THROTTLE_SUBMIT. When the task "
        "queue is down: 503 with Retry-After; the article is recorded and processed once the queue is back.",
        request=s.SubmissionSerializer,
        responses={
            202: s.SubmissionStatusSerializer,
            503: OpenApiResponse(
                description="the task queue is unavailable: the article is recorded (queued, its id and status URL "
                "in the message) and processed once the queue is back; or ingestion is not installed"
            ),
        },
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = s.SubmissionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            from apps.ingest.dispatch import article_waiting
            from apps.ingest.services import article_ingest
        except ImportError as exc:  # the ingest service ships separately; say so instead of a 500
            logger.error("apps.ingest.services.article_ingest is unavailable: %s", exc)
            raise IngestUnavailable() from exc
        try:
            result = article_ingest(
                url=data.get("url"),
                text=data.get("text"),
                title=data.get("title") or None,
                published=data.get("published"),
                via=Article.Via.API,
                user=request.user,
            )
        except DjangoValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            raise ValidationError(detail) from exc
        except ValueError as exc:  # IngestError: input the service cannot take; name what was given
            raise ValidationError({"text" if data.get("text") else "url": [str(exc)]}) from exc
        article = self.get_queryset().get(pk=result.article.pk)  # re-read: processing may have run inline
        payload = s.status_payload(
            request,
            article,
            claims=self.claims_for(article),
            created=result.created,
            duplicate_of=result.duplicate_of,
        )
        if article_waiting(article):
            raise QueueUnavailable(
                f"The task queue is unavailable. Article {article.pk} is recorded (status: queued) and will be "
                f"processed when the queue is back: {payload['status_url']}"
            )
        return Response(payload, status=status.HTTP_202_ACCEPTED, headers={"Location": payload["status_url"]})

    @extend_schema(
        summary="Submission status",
        description="queued / processing / processed (with its claims) / failed (with `error`).",
        responses=s.SubmissionStatusSerializer,
    )
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        article = self.get_object()
        return Response(s.status_payload(request, article, claims=self.claims_for(article)))

    @staticmethod
    def claims_for(article: Article) -> list[Claim]:
        """Claims this article states: those it was first to state and those it shares with its story."""
        if article.status != Article.Status.PROCESSED:
            return []
        return list(
            claims_with_sources().filter(Q(article=article) | Q(sources__article=article)).distinct().order_by("id")
        )

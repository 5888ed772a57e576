"""API v1 routes, the OpenAPI schema and its offline docs; unknown paths end in a JSON 404."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from apps.api import views
from apps.api.errors import api_not_found

app_name = "api"


class Router(DefaultRouter):
    """The API root lists the series too, which is a plain view and not a registered viewset."""

    def get_api_root_view(self, api_urls=None):
        api_root_dict = {prefix: self.routes[0].name.format(basename=basename) for prefix, _, basename in self.registry}
        api_root_dict["series"] = "series"
        return self.APIRootView.as_view(api_root_dict=api_root_dict)


router = Router(trailing_slash=True)
router.include_format_suffixes = False
router.register("countries", views.CountryViewSet, basename="country")
router.register("missions", views.MissionViewSet, basename="mission")
router.register("personnel-types", views.PersonnelTypeViewSet, basename="personnel-type")
router.register("categories", views.TargetCategoryViewSet, basename="category")
router.register("targets", views.GenderTargetViewSet, basename="target")
router.register("releases", views.ReleaseViewSet, basename="release")
router.register("contributions", views.ContributionViewSet, basename="contribution")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("stories", views.StoryViewSet, basename="story")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("reported-figures", views.ReportedFigureViewSet, basename="reported-figure")
router.register("submissions", views.SubmissionViewSet, basename="submission")

urlpatterns = [
    path("series/", views.SeriesView.as_view(), name="series"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
    re_path(r"^.*$", api_not_found),
]

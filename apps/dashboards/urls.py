"""Dashboard pages; each chart's data is the same URL with ?format=csv&chart=<id>."""

from __future__ import annotations

from django.urls import path

from apps.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("countries/<str:iso3>/", views.country, name="country"),
    path("missions/", views.missions, name="missions"),
    path("missions/<str:acronym>/", views.mission, name="mission"),
    path("rankings/", views.rankings, name="rankings"),
    path("map/", views.world_map, name="map"),
]

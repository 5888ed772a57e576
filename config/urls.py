"""URL map: dashboards at /, the API under /api/v1/, the curators' desk under /admin/."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Peacekeeping contributions — curators' desk"
admin.site.site_title = "Peacekeeping curators"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("apps.api.urls")),
    path("", include("apps.dashboards.urls")),
]

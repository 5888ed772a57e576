"""URL map: dashboards at /, the API under /api/v1/, the curators' desk under /admin/."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Peacekeeping contributions — curators' desk"
admin.site.site_title = "Peacekeeping curators"

# JSON errors under /api/, Django's pages elsewhere.
handler404 = "apps.api.errors.not_found"
handler500 = "apps.api.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("apps.api.urls")),
    path("", include("apps.dashboards.urls")),
]

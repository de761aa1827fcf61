from django.contrib import admin
from django.urls import include, path

from filmarchive.floor import bench_floor

admin.site.site_header = "Film Archive editors"
admin.site.site_title = "Film Archive admin"
admin.site.index_title = "Curate the archive"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("bench/floor/", bench_floor, name="bench-floor"),  # 404 unless DJANGO_BENCH_FLOOR is on
    path("", include("reviews.urls")),
]

handler404 = "reviews.views.errors.page_not_found"
handler500 = "reviews.views.errors.server_error"

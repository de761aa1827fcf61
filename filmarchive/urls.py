from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Film Archive editors"
admin.site.site_title = "Film Archive admin"
admin.site.index_title = "Curate the archive"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("reviews.urls")),
]

handler404 = "reviews.views.errors.page_not_found"
handler500 = "reviews.views.errors.server_error"

"""Public URLs. They are permanent links: change one only with a redirect from the old."""

from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from .sitemaps import SITEMAPS
from .views import crawlers, festivals, films, home, people, reviews, search, tags

app_name = "reviews"
urlpatterns = [
    path("", home.home, name="home"),
    path("films/", films.film_list, name="film-list"),
    path("films/<slug:slug>/", films.film_detail, name="film-detail"),
    path("films/<slug:film_slug>/reviews/<slug:slug>/", reviews.review_detail, name="review-detail"),
    path("reviews/", reviews.review_list, name="review-list"),
    path("people/", people.person_list, name="person-list"),
    path("people/<slug:slug>/", people.person_detail, name="person-detail"),
    path("festivals/", festivals.festival_list, name="festival-list"),
    path("festivals/<slug:slug>/", festivals.festival_detail, name="festival-detail"),
    path("festivals/<slug:slug>/<int:year>/", festivals.edition_detail, name="edition-detail"),
    path("search/", search.search_results, name="search"),
    path("tags/", tags.tag_list, name="tag-list"),
    # Taggit slugs may be Unicode; several tags combine as /tags/soviet-thaw+war/.
    path("tags/<str:slugs>/", tags.tag_detail, name="tag-detail"),
    # For crawlers (docs/crawlers-and-feeds.md).
    path("robots.txt", crawlers.robots_txt, name="robots-txt"),
    path("favicon.ico", crawlers.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "reviews:sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-<str:section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]

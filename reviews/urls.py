"""Public URLs. They are permanent links: change one only with a redirect from the old."""

from django.urls import path

from .sitemaps import sitemap_index, sitemap_section
from .views import crawlers, data, feeds, festivals, films, home, people, reviews, search, tags

app_name = "reviews"
urlpatterns = [
    path("", home.home, name="home"),
    path("films/", films.film_list, name="film-list"),
    path("films/<slug:slug>/", films.film_detail, name="film-detail"),
    path("films/<slug:film_slug>/reviews/<slug:slug>/", reviews.review_detail, name="review-detail"),
    path("reviews/", reviews.review_list, name="review-list"),
    # Feeds of the latest reviews (docs/crawlers-and-feeds.md); a slug never holds a dot, so no page
    # address takes these.
    path("reviews/feed.rss", feeds.LatestReviewsRss(), name="review-feed-rss"),
    path("reviews/feed.atom", feeds.LatestReviewsAtom(), name="review-feed-atom"),
    path("films/<slug:slug>/feed.rss", feeds.FilmReviewsRss(), name="film-feed-rss"),
    path("films/<slug:slug>/feed.atom", feeds.FilmReviewsAtom(), name="film-feed-atom"),
    path("people/<slug:slug>/feed.rss", feeds.PersonReviewsRss(), name="person-feed-rss"),
    path("people/<slug:slug>/feed.atom", feeds.PersonReviewsAtom(), name="person-feed-atom"),
    path("tags/<str:slug>/feed.rss", feeds.TagReviewsRss(), name="tag-feed-rss"),
    path("tags/<str:slug>/feed.atom", feeds.TagReviewsAtom(), name="tag-feed-atom"),
    path("people/", people.person_list, name="person-list"),
    path("people/<slug:slug>/", people.person_detail, name="person-detail"),
    path("festivals/", festivals.festival_list, name="festival-list"),
    path("festivals/<slug:slug>/", festivals.festival_detail, name="festival-detail"),
    path("festivals/<slug:slug>/<int:year>/", festivals.edition_detail, name="edition-detail"),
    # The same records as JSON, at the page's address with `.json`, and the bulk download (docs/data.md).
    path("films/<slug:slug>.json", data.film_json, name="film-json"),
    path("films/<slug:film_slug>/reviews/<slug:slug>.json", data.review_json, name="review-json"),
    path("people/<slug:slug>.json", data.person_json, name="person-json"),
    path("festivals/<slug:slug>.json", data.festival_json, name="festival-json"),
    path("festivals/<slug:slug>/<int:year>.json", data.edition_json, name="edition-json"),
    path("data/", data.download_page, name="data"),
    path("data.json", data.download_json, name="data-json"),
    path("data/archive.jsonl.gz", data.download_file, name="data-file"),
    path("search/", search.search_results, name="search"),
    path("tags/", tags.tag_list, name="tag-list"),
    # Taggit slugs may be Unicode; several tags combine as /tags/soviet-thaw+war/.
    path("tags/<str:slugs>/", tags.tag_detail, name="tag-detail"),
    # For crawlers (docs/crawlers-and-feeds.md).
    path("robots.txt", crawlers.robots_txt, name="robots-txt"),
    path("favicon.ico", crawlers.favicon, name="favicon"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap-section"),
]

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Film archive"

    def ready(self):
        from reviews.caching import watch_content_writes
        from reviews.search.schema import restore_after_migrate

        post_migrate.connect(restore_after_migrate, sender=self, dispatch_uid="reviews.search.restore_after_migrate")
        # In every process, not only the web server's: a write by a management command, a
        # shell or a worker must retire the cached pages too.
        watch_content_writes()

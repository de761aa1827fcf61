from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.signals import request_finished
from django.db.models.signals import post_init, post_migrate, pre_migrate
from taggit.apps import TaggitAppConfig


class ReviewsConfig(AppConfig):
    default = True  # the app's own config: this module holds the tags' too
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Film archive"

    def ready(self):
        from reviews import history
        from reviews.cache import keys, purging
        from reviews.database import restore_after_migrate

        history.register_models()

        post_migrate.connect(restore_after_migrate, sender=self, dispatch_uid="reviews.database.restore_after_migrate")
        pre_migrate.connect(purging.pause_during_migrations, sender=self, dispatch_uid="reviews.cache.pause")
        post_migrate.connect(purging.purge_after_migrations, sender=self, dispatch_uid="reviews.cache.resume")
        # Every archive record loaded while a page renders is something the page shows.
        post_init.connect(keys.record_loaded, dispatch_uid="reviews.cache.keys.record_loaded")
        request_finished.connect(purging.run_after_response, dispatch_uid="reviews.cache.purging.run_after_response")
        # In every process, not only the web server's: a write by a management command, a shell
        # or a worker must purge the pages it changes too.
        purging.watch_writes()


class ArchiveAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the archive's site (reviews/admin_site.py): the editors' dashboard."""

    default = False  # named in INSTALLED_APPS; ReviewsConfig stays this module's default
    default_site = "reviews.admin_site.ArchiveAdminSite"


class TagsConfig(TaggitAppConfig):
    """django-taggit under the name editors know it by (the admin's menu said "Taggit")."""

    verbose_name = "Tags"

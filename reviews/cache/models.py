"""The one table of the page cache: keys written by the database's triggers, waiting to be purged."""

from django.db import models


class PendingPurgeQuerySet(models.QuerySet):
    def oldest(self, limit):
        """The first `limit` keys waiting, as (id, key) rows in the order they were written."""
        return self.order_by("pk").values_list("pk", "key")[:limit]

    def delete_through(self, pk):
        """Delete every key up to `pk`, once purged."""
        return self.filter(pk__lte=pk).delete()


class PendingPurge(models.Model):
    """A key (reviews/cache/keys.py) that a committed write named and that is not yet purged.

    Written only by the triggers of reviews/cache/writes.py, in the writing transaction; read
    and deleted by reviews/cache/purging.py once it commits.
    """

    key = models.CharField(max_length=200)

    objects = PendingPurgeQuerySet.as_manager()

    class Meta:
        app_label = "reviews"
        verbose_name = "pending purge"

    def __str__(self):
        return self.key

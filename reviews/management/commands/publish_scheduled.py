from django.core.management.base import BaseCommand

from reviews.cache import purging


class Command(BaseCommand):
    help = (
        "Publish the scheduled reviews whose time has come, and purge what is left in the page cache's "
        "log. The first request after a publication time does this too; run it every minute from cron "
        "when an HTTP cache in front of the site may answer for a while without asking it."
    )

    def handle(self, *args, **options):
        published = purging.publish_due_now()
        purging.purge_pending()
        self.stdout.write(f"Published {published} scheduled review{'' if published == 1 else 's'}.")

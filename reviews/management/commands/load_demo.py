from django.core.management.base import BaseCommand

from reviews.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo archive: The Cranes Are Flying and related films, their people, Cannes and Venice "
        "editions, and the seed review (through import_reviews). Safe to run again: it only adds what is "
        "missing and never changes what an editor edited."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(load_demo()))

from django.core.management.base import BaseCommand

from guide.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Create or update the demo guide (site tree, organisations, contacts and the fiches of "
        "the source documents plus fictional ones). Running it twice gives the same result."
    )

    def handle(self, *args, **options):
        report = DemoLoader().load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo guide loaded: {len(report.created)} pages created, "
                f"{len(report.updated)} updated, {len(report.unchanged)} unchanged."
            )
        )

from django.core.management.base import BaseCommand

from demo import second_territory
from demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Create or update the demo guide (site tree, organisations, contacts and the fiches of "
        "the source documents plus fictional ones), and the second territory's site beside it. "
        "Running it twice gives the same result."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--second-site-hostname",
            default=second_territory.HOSTNAME,
            help=(
                "Host name of the second territory's site (the Bouches-du-Rhône funds); "
                f"default {second_territory.HOSTNAME}, which browsers resolve to this machine."
            ),
        )

    def handle(self, *args, **options):
        report = DemoLoader().load(second_hostname=options["second_site_hostname"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo guide loaded: {len(report.created)} pages created, "
                f"{len(report.updated)} updated, {len(report.unchanged)} unchanged."
            )
        )

"""Print the health of the search index; exit with 1 when it needs rebuilding (search/health.py).

    manage.py search_index_health             # the site's search backend
    manage.py search_index_health --backend default

For monitoring: a nonzero exit means fiches missing from the index or a schema that no longer
matches the code; ``update_index`` repairs both.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.health import check


class Command(BaseCommand):
    help = (
        "Compare l'index de recherche à la base (fiches indexées, fiches publiées) et, sur "
        "Elasticsearch, son schéma au code ; code de sortie 1 s'il faut le reconstruire."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            action="append",
            dest="backends",
            help="Nom d'un moteur de WAGTAILSEARCH_BACKENDS (par défaut : tous).",
        )

    def handle(self, *args, backends=None, **options):
        configured = list(settings.WAGTAILSEARCH_BACKENDS)
        unknown = sorted(set(backends or []) - set(configured))
        if unknown:
            raise CommandError(
                f"Moteur inconnu : {', '.join(unknown)} (configurés : {', '.join(configured)})."
            )
        healthy = True
        for name in backends or configured:
            try:
                health = check(name)
            except Exception as error:  # an unreachable server is a finding, not a crash
                self.stdout.write(f"[INJOIGNABLE] {name} : {error.__class__.__name__}: {error}")
                healthy = False
                continue
            self.stdout.write("\n".join(health.lines()))
            healthy = healthy and health.healthy
        if not healthy:
            raise SystemExit(1)

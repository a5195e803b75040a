"""A demo fiche's « Pour qui ? » says its eligibility cases as sentences, above its own prose
(the demo guide's part of tests/guide/test_eligibility_sentences.py)."""

import pytest

from guide.models import AidPage
from tests.guide.test_eligibility_sentences import section, text


@pytest.mark.django_db
class TestFichePage:
    def test_alixio_says_its_cases(self, client, demo_guide):
        alixio = AidPage.objects.get(
            slug="alixio-pme-pmi-val-de-marne-essonne", locale=demo_guide.locale
        )
        html = client.get(alixio.url).content.decode()
        eligibility = text(section(html, "eligibility-title"))
        intro = "Conditions selon votre situation (une suffit) :"
        assert intro in eligibility
        cases = eligibility[eligibility.index(intro) :]
        assert "Dans le Val-de-Marne (94) : PME" in cases
        assert (
            "En Essonne (91), pour une entreprise implantée ou en cours d'implantation : "
            "PMI (petites et moyennes industries)."
        ) in cases
        # The fiche's own prose stays, above the cases.
        assert eligibility.index("Projet de développement") < eligibility.index(intro)
        # The job grant's share of the jobs.
        glance = text(section(html, "glance-title"))
        assert "au plus 1 emploi créé sur 3" in glance

"""Related fiches on the demo guide: Katalyse, closed, proposes Alixio, of its programme, first
(the demo guide's part of tests/guide/test_related.py)."""

import re

import pytest

from guide.models import AidPage
from guide.related import related_fiches

pytestmark = pytest.mark.django_db


def demo_fiche(index, slug):
    return AidPage.objects.descendant_of(index).get(slug=slug, locale=index.locale)


def test_katalyse_closed_proposes_alixio_on_the_demo(client, demo_guide):
    katalyse = demo_fiche(demo_guide, "katalyse-pmi-val-de-marne")
    assert not katalyse.status.is_open  # closed since the end of 2023
    related = [aid.slug for aid in related_fiches(katalyse)]
    assert related[0] == "alixio-pme-pmi-val-de-marne-essonne"
    programme = katalyse.programme_id
    assert all(
        aid.programme_id == programme and aid.status.is_open for aid in related_fiches(katalyse)
    )

    html = client.get(katalyse.url).content.decode()
    section = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert "Aides ouvertes comparables" in section
    assert "Alixio" in section

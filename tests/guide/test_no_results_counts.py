"""The no-result block's counts (guide/listing/no_results.py) are those of the fiches the public
may see: a closed fiche that is unpublished, private or another guide's is never announced as
« 1 aide clôturée ou à venir correspond », nor offered behind the « Chercher aussi parmi les
aides clôturées » link."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db

CLOSED = datetime.date(2020, 1, 31)


def test_hidden_closed_fiches_are_not_counted_elsewhere(client, guide_index):
    AidPageFactory(parent=guide_index, title="Ouverte sans rapport", slug="ouverte")
    AidPageFactory(
        parent=guide_index, title="Zorglub brouillon", slug="brouillon", closing_date=CLOSED
    ).unpublish()
    private = AidPageFactory(
        parent=guide_index, title="Zorglub réservée", slug="reservee", closing_date=CLOSED
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    other_guide = guide_index.get_parent().add_child(
        instance=type(guide_index)(title="Autre guide", slug="autre-guide")
    )
    AidPageFactory(
        parent=other_guide, title="Zorglub ailleurs", slug="ailleurs", closing_date=CLOSED
    )
    response = client.get(guide_index.url, {"q": "zorglub"})
    assert response.context["no_results"].elsewhere == 0
    html = response.content.decode()
    assert "clôturée ou à venir correspond" not in html and "statut=tous" not in html
    assert "Zorglub" not in html.replace("« zorglub »", "")

    # The same closed fiche, published and public: announced.
    AidPageFactory(parent=guide_index, title="Zorglub publiée", slug="publiee", closing_date=CLOSED)
    response = client.get(guide_index.url, {"q": "zorglub"})
    assert response.context["no_results"].elsewhere == 1

"""The reports on the demo guide as freshly loaded: « Fiches à vérifier » lists only the fiches
whose verification is older than the guide's period (6 months), oldest first: fictitious fiches
only, since the fiches built from the sources carry no verification date the sources do not
give."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Site

from guide.models import AidPage
from guide.roles import REVIEWERS, role_group
from guide.status import Status, status_q
from reports import attention
from tests.conftest import DEMO_DAY

pytestmark = pytest.mark.django_db

# The demo's open fiches checked with their operator more than six months before the day it is
# loaded, oldest first: fictitious fiches only (demo/fiches.py). The fiches built from the
# sources have no verification date (their sources give none: demo/seed_facts.py), so their
# first publication counts, and the second site's, all from its source, has none to verify.
OLD_ON_FIRST_SITE = [
    "club-entreprises-orly-rungis",
    "garantie-pret-bancaire-seine-amont",
    "reprise-entreprise-val-de-marne",
]


@pytest.fixture(autouse=True)
def demo_day(monkeypatch):
    monkeypatch.setattr("guide.status.today", lambda: DEMO_DAY)


def sites():
    first = Site.objects.get(is_default_site=True)
    return first, Site.objects.exclude(pk=first.pk).get()


def test_only_fiches_older_than_the_setting_are_to_verify(demo_guide):
    first, second = sites()
    listed = attention.to_verify(DEMO_DAY).order_by("verified_on", "pk")
    assert [page.slug for page in listed] == OLD_ON_FIRST_SITE
    found = attention.to_verify(DEMO_DAY, site=first).order_by("verified_on", "pk")
    assert [page.slug for page in found] == OLD_ON_FIRST_SITE
    assert not attention.to_verify(DEMO_DAY, site=second).exists()

    # The rule, read back from the data: every open French fiche has a verification date, and
    # exactly those older than six months are listed.
    limit = attention.months_before(DEMO_DAY, 6)
    fiches = attention.live_fiches().exclude(status_q(Status.CLOSED, DEMO_DAY))
    assert all(attention.verified_on(page) for page in fiches)
    assert sorted(page.slug for page in fiches if attention.verified_on(page) <= limit) == sorted(
        OLD_ON_FIRST_SITE
    )
    # Most open fiches were checked recently.
    assert len(fiches) >= 5 * len(listed)


def test_a_valideur_sees_the_old_fiches_of_his_guide_with_their_age(
    demo_guide, client, django_user_model
):
    first, second = sites()
    user = django_user_model.objects.create_user("valideur-demo", "", "pw")
    user.groups.add(role_group(REVIEWERS, first))
    client.force_login(user)
    html = client.get(reverse("guide_reports:a_verifier")).content.decode()
    titles = [
        AidPage.objects.get(slug=slug, locale__language_code="fr").title
        for slug in OLD_ON_FIRST_SITE
    ]
    positions = [html.index(escape(title)) for title in titles]
    assert positions == sorted(positions)  # oldest first
    assert "il y a 8\xa0mois" in html  # 262 days before the demo day
    assert "jamais" not in html.split("<tbody>", 1)[1]
    # The second site's fiches are not the first site's valideur's business.
    second_titles = AidPage.objects.descendant_of(second.root_page).values_list("title", flat=True)
    assert second_titles and not any(escape(title) in html for title in second_titles)

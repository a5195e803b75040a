"""The fiche editor in Chromium (fr-FR): every tab of an existing demo fiche and of a new one
passes axe without a serious or critical violation, for a Rédacteur and for a superuser (the
other violations are printed); the rich-text editors are named by their labels; a new fiche's
title fills an ASCII page address."""

import re

import pytest

from guide.models import AidPage
from guide.roles import EDITORS
from tests.browser.conftest import axe_violations, committed

pytestmark = [pytest.mark.browser, pytest.mark.admin_browser, pytest.mark.django_db]
# Skipped with its reason when Playwright is missing, as the other browser tests (conftest.py).
expect = pytest.importorskip("playwright.sync_api").expect

ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"
# Wagtail 8 shows no « Paramètres » tab: the page's only settings (scheduled publication,
# privacy) are in the status side panel, and a tab whose panels all render elsewhere is left
# out. The test fails if it comes back, so that it is checked too.
TABS = ["Contenu", "Éligibilité", "Montants", "Calendrier", "Contacts", "Promotion"]
BLOCKING = ("(serious)", "(critical)")


def editor_urls():
    fiche = AidPage.objects.get(slug=ALIXIO, locale__language_code="fr")
    return {
        "fiche existante": f"/admin/pages/{fiche.pk}/edit/",
        "nouvelle fiche": f"/admin/pages/add/guide/aidpage/{fiche.get_parent().pk}/",
    }


def blocking_violations_on_each_tab(page, kind):
    """axe on each tab of the editor open in ``page``: prints every violation, returns the
    serious and critical ones."""
    shown = [name.strip() for name in page.get_by_role("tab").all_inner_texts()]
    assert shown == TABS
    blocking = []
    for tab in shown:
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(200)
        for violation in axe_violations(page):
            print(f"{kind}, onglet {tab} : {violation}")
            if violation.split(":")[0].endswith(BLOCKING):
                blocking.append(f"{kind} / {tab}: {violation}")
    return blocking


@pytest.mark.parametrize("role", [EDITORS, None], ids=["redacteur", "superuser"])
def test_every_tab_of_the_fiche_editor_passes_axe(demo_site, admin_page, role):
    urls = committed(editor_urls)
    page, _user = admin_page(role)
    blocking = []
    for kind, url in urls.items():
        page.goto(demo_site + url)
        # Draftail's editable areas, named by their fields' labels (core/rich_text.py).
        assert page.get_by_role("textbox", name=re.compile("^Description")).count() == 1
        assert page.get_by_role("textbox", name=re.compile("^Comment demander")).count() == 1
        # The fiche's lists (issue 23), one item a line, in the « Contenu » tab.
        for label in ("Dépenses couvertes", "Exemples de projets", "Préparez votre appel"):
            assert page.get_by_role("textbox", name=re.compile(f"^{label}")).count() == 1, label
        blocking += blocking_violations_on_each_tab(page, kind)
    assert blocking == []
    assert page.watcher.errors == []
    if role == EDITORS:
        a_new_fiche_title_fills_an_ascii_page_address(page, demo_site + urls["nouvelle fiche"])


def a_new_fiche_title_fills_an_ascii_page_address(page, url):
    """(In the Rédacteur's test: the fixture signs in one user per role and module.)"""
    page.goto(url)
    title = page.get_by_role("textbox", name=re.compile("^Titre"))
    title.fill("Subvention à l'embauche")
    title.press("Tab")
    page.get_by_role("tab", name="Promotion").click()
    address = page.get_by_role("textbox", name=re.compile("^Adresse de la page"))
    expect(address).to_have_value("subvention-a-lembauche")  # Wagtail's sync is debounced
    # Typed by hand, an accented address is made ASCII when the field is left.
    address.fill("prime-à-l-été")
    address.press("Tab")
    expect(address).to_have_value("prime-a-l-ete")
    help_text = page.locator("#" + address.get_attribute("aria-describedby"))
    assert "/aides/adresse-de-la-page/" in help_text.inner_text()

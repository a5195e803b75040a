"""The reports as a Valideur reads them, in Chromium (fr-FR) at 1 366 px: accessible, the
« À vérifier depuis le » column on screen, a row's contact one click from its edit view."""

import re

import pytest

from guide.roles import REVIEWERS
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.admin_browser, pytest.mark.django_db]

REPORTS = [
    "ferment-bientot",
    "cloturees-mises-en-avant",
    "a-verifier",
    "incompletes",
    "contacts-inutilises",
    "organisations-inutilisees",
]
WIDTH = 1366


def report_url(demo_site, slug):
    return f"{demo_site}/admin/rapports-guide/{slug}/"


def serious(violations):
    return [v for v in violations if "(serious)" in v or "(critical)" in v]


def due_column_fits(page, rows):
    """The « À vérifier depuis le » column: on screen, each cell a French date; nothing
    scrolls sideways."""
    header = page.get_by_role("columnheader", name="À vérifier depuis le")
    assert header.is_visible()
    box = header.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    table = page.locator("table", has=header)
    cells = table.locator(":scope > tbody > tr > td:last-child")
    assert cells.count() == rows
    for index in range(rows):
        cell = cells.nth(index)
        assert re.fullmatch(r"\d{1,2} \w+ \d{4}", cell.inner_text().strip())
        cell_box = cell.bounding_box()
        assert cell_box["x"] + cell_box["width"] <= WIDTH
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    ages = table.locator(":scope > tbody > tr > td small").all_inner_texts()
    assert len(ages) == rows and all(age.startswith("il y a ") for age in ages)


# One test per role: admin_page names its users per test, and they stay in the module's demo.


def test_a_valideur_reads_each_report_and_follows_a_row_to_its_contact(
    admin_page, demo_site, screenshots_dir
):
    page, _user = admin_page(REVIEWERS, width=WIDTH)
    for slug in REPORTS:
        response = page.goto(report_url(demo_site, slug))
        assert response.status == 200, slug
        assert page.locator("h1").first.is_visible()
        assert serious(axe_violations(page)) == [], slug
        page.screenshot(path=screenshots_dir / f"report-{slug}-{WIDTH}.png", full_page=True)

    page.goto(report_url(demo_site, "a-verifier"))
    # The demo's three open fiches of this guide last checked more than six months ago.
    due_column_fits(page, rows=3)

    page.goto(report_url(demo_site, "incompletes"))
    reasons = page.get_by_role("columnheader", name="Motifs")
    link = page.locator("table", has=reasons).locator("tbody td ul li a").first
    name = link.inner_text().strip()
    assert name
    link.click()
    page.wait_for_url(re.compile(r"/admin/snippets/guide/contact/edit/\d+/"))
    assert page.locator("input[name=name]").input_value() == name
    assert page.watcher.errors == []


def test_a_superuser_sees_both_territories_and_the_column_still_fits(admin_page, demo_site):
    page, _user = admin_page(None, width=WIDTH)
    page.goto(report_url(demo_site, "a-verifier"))
    assert page.get_by_role("columnheader", name="Territoire").is_visible()
    # The three fictitious fiches of the first guide: the second territory's fiches come from
    # its source (demo/seed_facts.py), with no verification date, first published on loading.
    due_column_fits(page, rows=3)
    assert serious(axe_violations(page)) == []

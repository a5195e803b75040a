"""The review loop in Chromium (fr-FR), as both sides live it: a Rédacteur submits a demo
fiche, the Valideur finds it first on the dashboard and requests changes, the Rédacteur reads
who asked what in the editor and resubmits, the Valideur approves; a Valideur's bulk
« Publier » approves a submission; the dashboard is accessible to both roles."""

import re

import pytest
from django.db.models import Q
from wagtail.models import Site, WorkflowState

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS
from tests.browser.conftest import axe_violations, committed

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.admin_browser, pytest.mark.django_db]

COMMENT = "Le plafond du prêt manque : ajoutez-le, s'il vous plaît."
FRENCH_DATE = (
    r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre) \d{4} à \d\d:\d\d"
)


def demo_fiches(count):
    """Live French fiches of the default site with no review, ``count`` of them."""
    site = Site.objects.get(is_default_site=True)
    reviewed = WorkflowState.objects.values_list("object_id", flat=True)
    fiches = (
        AidPage.objects.live()
        .descendant_of(site.root_page)
        .filter(locale__language_code="fr")
        .exclude(Q(pk__in=[int(pk) for pk in reviewed]))
        .order_by("pk")[:count]
    )
    return [(fiche.pk, fiche.title) for fiche in fiches]


def review_of(pk):
    state = WorkflowState.objects.for_instance(AidPage.objects.get(pk=pk)).latest("created_at")
    task_state = state.current_task_state
    return state.status, task_state.status, task_state.finished_by_id


def edit_url(demo_site, pk):
    return f"{demo_site}/admin/pages/{pk}/edit/"


def footer_action(page, label):
    """A button of the editor's footer menu (« Plus d'actions »)."""
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def dashboard_action(page, demo_site, title, label):
    page.goto(demo_site + "/admin/")
    panels = page.locator("section.w-panel--dashboard")
    assert panels.first.get_attribute("id") == "awaiting-review-section"
    row = panels.first.locator("tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name=label, exact=True).click()


def serious(violations):
    return [v for v in violations if "(serious)" in v or "(critical)" in v]


def test_request_changes_then_approve(admin_page, demo_site):
    [(pk, title)] = committed(demo_fiches, 1)
    writer_page, _writer = admin_page(EDITORS)
    reviewer_page, reviewer = admin_page(REVIEWERS)

    # The Rédacteur submits the fiche to review.
    writer_page.goto(edit_url(demo_site, pk))
    footer_action(writer_page, "Soumettre à la relecture")
    assert committed(review_of, pk)[0] == "in_progress"

    # The Valideur finds it first on the dashboard and requests changes with a comment.
    dashboard_action(reviewer_page, demo_site, title, "Demander des modifications")
    dialog = reviewer_page.get_by_role("dialog")
    dialog.locator("textarea[name=comment]").fill(COMMENT)
    dialog.locator("[type=submit]").click()
    # The dialog's success reloads the dashboard, which shows the confirmation.
    expect(reviewer_page.locator(".messages")).to_contain_text(
        f"Vous avez demandé des modifications de « {title} »"
    )
    assert committed(review_of, pk) == ("needs_changes", "rejected", reviewer.pk)

    # The Rédacteur opens the fiche: who asked, when (in French), what.
    writer_page.goto(edit_url(demo_site, pk))
    banner = writer_page.locator("[data-review-status=changes_requested]")
    text = banner.inner_text()
    headline = f"Modifications demandées par {reviewer.get_full_name()} le {FRENCH_DATE}"
    assert re.search(headline, text)
    assert COMMENT in text
    assert banner.is_visible()
    footer_action(writer_page, "Resoumettre à la relecture")
    assert committed(review_of, pk)[0] == "in_progress"

    # The Valideur approves: confirmed, and the fiche's review ends approved.
    dashboard_action(reviewer_page, demo_site, title, "Approuver")
    expect(reviewer_page.locator(".messages")).to_contain_text(f"Vous avez approuvé « {title} ».")
    assert committed(review_of, pk) == ("approved", "approved", reviewer.pk)
    assert writer_page.watcher.errors == [] and reviewer_page.watcher.errors == []


def submit(pk, user_pk):
    from django.contrib.auth.models import User

    fiche = AidPage.objects.get(pk=pk)
    writer = User.objects.get(pk=user_pk)
    fiche.save_revision(user=writer)
    fiche.get_workflow().start(fiche, writer)


def test_a_valideurs_bulk_publish_approves_the_submission(admin_page, demo_site):
    [(pk, title)] = committed(demo_fiches, 1)
    _writer_page, writer = admin_page(EDITORS)
    committed(submit, pk, writer.pk)
    page, reviewer = admin_page(REVIEWERS)
    page.goto(f"{demo_site}/admin/bulk/wagtailcore/page/publish/?id={pk}")
    assert title in page.locator("main").inner_text()
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    assert committed(review_of, pk) == ("approved", "approved", reviewer.pk)


@pytest.mark.parametrize("role", [EDITORS, REVIEWERS])
def test_the_dashboard_has_no_serious_axe_violations(admin_page, demo_site, role):
    page, _user = admin_page(role)
    page.goto(demo_site + "/admin/")
    assert serious(axe_violations(page)) == []

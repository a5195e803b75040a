"""Translating a demo fiche into English (Chromium, fr-FR): a Rédacteur starts the translation,
works in wagtail-localize's editor in French (its title, its menu, the dates of its comments),
where each eligibility condition is a segment of its own without ``<br/>``, and submits it to
review; the Valideur's dashboard lists it, in English, awaiting review. axe on the editor."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from wagtail.models import Locale

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS
from tests.browser.conftest import axe_violations, committed

pytestmark = [pytest.mark.browser, pytest.mark.admin_browser, pytest.mark.django_db]

SLUG = "pret-honneur-createurs"  # not translated in the demo; two eligibility conditions
CONDITIONS = ["Création ou reprise depuis moins de 2 ans", "Projet validé par un comité"]
ENGLISH = {
    CONDITIONS[0]: "Started or taken over less than 2 years ago",
    CONDITIONS[1]: "Project approved by a committee",
}
BLOCKING = ("(serious)", "(critical)")


def the_fiche():
    fiche = AidPage.objects.get(slug=SLUG, locale__language_code="fr")
    return fiche.pk, fiche.eligibility_lines()


def the_translation():
    english = Locale.objects.get(language_code="en")
    fiche = AidPage.objects.get(slug=SLUG, locale__language_code="fr")
    page = AidPage.objects.get(translation_key=fiche.translation_key, locale=english)
    state = page.current_workflow_state
    latest = page.get_latest_revision_as_object()
    return page.live, state and state.status, latest.eligibility_lines()


def test_a_redacteur_translates_a_fiche_and_a_valideur_sees_it_to_review(demo_site, admin_page):
    pk, lines = committed(the_fiche)
    assert lines == CONDITIONS
    page, _user = admin_page(EDITORS)

    # Start the translation into English.
    page.goto(demo_site + reverse("wagtail_localize:submit_page_translation", args=[pk]))
    page.get_by_label("Anglais").check()
    page.get_by_role("button", name="Soumettre").click()
    page.wait_for_load_state()
    assert "soumettez-la à la relecture" in page.locator(".messages").inner_text()

    # The editor, in French.
    editor = page.locator(".js-translation-editor")
    heading = editor.locator("section h3").first
    heading.wait_for()
    assert heading.inner_text() == "Traduction du français vers l'anglais"
    assert editor.locator(".w-sr-only", has_text="Plus d'actions").count() >= 1
    assert "More actions" not in editor.inner_text()
    assert "English" not in page.locator("main").inner_text()
    # Each condition is a segment of its own; no segment shows a tag.
    sources = [text.strip() for text in editor.locator("li > p:first-of-type").all_inner_texts()]
    assert not [text for text in sources if "<br" in text]
    for line in CONDITIONS:
        assert sources.count(line) == 1, sources

    # Translate the conditions in the editor (its tab « Éligibilité »).
    editor.get_by_role("tab", name="Éligibilité").click()
    for line in CONDITIONS:
        source = page.locator("p", has_text=re.compile(f"^{line}$"))
        segment = editor.locator("li", has=source).last  # the innermost
        segment.get_by_role("button", name="Traduire").click()
        segment.locator("textarea").fill(ENGLISH[line])
        segment.get_by_role("button", name="Enregistrer").click()
        # wagtail-localize's comment, dated in French by the browser, in its own time zone
        # (UTC here): between midnight in Paris and midnight UTC, the day before the server's.
        with override("fr"):
            days = {
                date_format(timezone.localdate(), "j F Y"),
                date_format(timezone.now().astimezone(datetime.UTC).date(), "j F Y"),
            }
        dated = "|".join(re.escape(f"Traduit manuellement le {day}") for day in days)
        segment.get_by_text(re.compile(f"^(?:{dated})$")).wait_for()

    violations = [v for v in axe_violations(page) if any(b in v for b in BLOCKING)]
    print("axe on the translation editor:", violations or "no serious violation")
    # Fixed in core/static/core/{js,css}/translation-editor.*: the PO file input's label, the
    # contrast of the field names.
    assert not [v for v in violations if v.startswith(("label ", "color-contrast "))]

    # Submit it to review.
    page.get_by_role("button", name="Soumettre à la relecture").click()
    page.wait_for_load_state()
    assert "attend la relecture d'un valideur" in page.locator(".messages").inner_text()
    live, status, english_lines = committed(the_translation)
    assert not live and status == "in_progress"
    assert english_lines == [ENGLISH[line] for line in CONDITIONS]

    # The Valideur's dashboard lists it, with its language.
    reviewer, _user = admin_page(REVIEWERS)
    reviewer.goto(demo_site + reverse("wagtailadmin_home"))
    waiting = reviewer.locator("section", has=reviewer.locator("#awaiting-review-heading"))
    row = waiting.locator("tr", has_text="Prêt d'honneur pour les créateurs et repreneurs")
    assert row.count() == 1
    assert "Anglais" in row.inner_text()
    assert not [error for error in page.watcher.errors if "translation-editor" in error]

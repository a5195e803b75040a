"""Finding 16 (hardening), in a browser: the admin's main pages run under its CSP without a
violation, the fiche editor's inline scripts run, and an event handler slipped into a page is
refused (the rest of the finding: tests/integrity/test_finding_16_hardening.py)."""

from types import SimpleNamespace

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model

from guide.models import AidPage, Contact
from tests.browser import conftest as browser_conftest
from tests.integrity.test_finding_16_hardening import PASSWORD

# The browser tests' fixtures (Chromium, the demo guide on a live server).
browser = browser_conftest.browser
demo_site = browser_conftest.demo_site
open_page = browser_conftest.open_page


@pytest.fixture(scope="module")
def admin_demo(demo_site, django_db_blocker):
    """The demo guide on its live server, with an administrator and an image (written to the
    module's throwaway copy of the demo: tests/browser/conftest.py)."""
    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("csp-admin", "csp@example.org", PASSWORD)
        image = wagtail_factories.ImageFactory(title="Logo du guide")
        fiche = AidPage.objects.get(
            slug="alixio-pme-pmi-val-de-marne-essonne", locale__language_code="fr"
        )
        contact = Contact.objects.order_by("pk").first()
    return SimpleNamespace(url=demo_site, fiche=fiche.pk, image=image.pk, contact=contact.pk)


@pytest.mark.browser
@pytest.mark.django_db
def test_the_admin_works_under_its_policy_and_an_injected_handler_does_not_run(
    admin_demo, open_page
):
    """A CSP violation is a console error: the admin's main pages have none (the image edit
    page's Jcrop probes touch support with an inline handler, allowed by its hash)."""
    base = admin_demo.url
    page = open_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    edit = f"/admin/pages/{admin_demo.fiche}/edit/"
    problems = {}
    for path in (
        "/admin/",
        edit,
        f"/admin/snippets/guide/contact/edit/{admin_demo.contact}/",
        "/admin/images/",
        f"/admin/images/{admin_demo.image}/",
        "/admin/documents/",
    ):
        assert page.goto(base + path).status == 200, path
        page.wait_for_load_state("networkidle")
        if page.watcher.errors:
            problems[path] = list(page.watcher.errors)
        page.watcher.errors.clear()
    assert problems == {}

    # The fiche editor's inline scripts run: a volet is added, and its chooser opens.
    page.goto(base + edit)
    page.get_by_role("tab", name="Montants").click()
    volets = page.locator("#id_financial_components-FORMS > *")
    before = volets.count()
    page.locator("#id_financial_components-ADD").click()
    volets.nth(before).wait_for()
    volets.nth(before).locator(".unchosen button[data-chooser-action-choose]").click()
    page.get_by_role("dialog").first.wait_for(state="visible")

    # An event handler slipped into the page is refused.
    with page.expect_console_message(lambda message: "script-src-attr" in message.text):
        page.evaluate(
            "document.body.insertAdjacentHTML("
            "'beforeend', '<img src=\"data:,\" onerror=\"window.injected = true\">')"
        )
    assert page.evaluate("window.injected === undefined")

"""Dates and figures typed in the fiche editor (Chromium, fr-FR, as a Rédacteur): each form a
French person types is stored as meant, or refused with a message next to the field while the
input keeps what was typed; nothing typed changes when the field loses focus
(core/french_input.py)."""

import datetime
from decimal import Decimal

import pytest

from guide.models import AidPage
from guide.roles import EDITORS
from tests.browser.conftest import committed, finish_requests

pytestmark = [pytest.mark.browser, pytest.mark.admin_browser, pytest.mark.django_db]

ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"
COMPONENT = "financial_components-0-"
# A second component takes a second case in the same save: half the editor loads.
SECOND = "financial_components-1-"

# (opening date, amount, ceiling, rate, share) as typed → what is stored.
ACCEPTED = [
    (
        ("31/03/2027", "1 500,50", "15 000", "30,5", "33,33"),
        (datetime.date(2027, 3, 31), "1500.50", "15000", "30.5", "33.33"),
    ),
    (
        ("31.03.2027", "1\u00a0500,50", "15\u202f000", "1,5", "30"),
        (datetime.date(2027, 3, 31), "1500.50", "15000", "1.5", "30"),
    ),
    (
        ("31-03-2027", "1500.50", "15000", "0", "12.5"),
        (datetime.date(2027, 3, 31), "1500.50", "15000", "0", "12.5"),
    ),
    (
        ("31 mars 2027", "1.500,50", "1.500.000", "2", "100"),
        (datetime.date(2027, 3, 31), "1500.50", "1500000", "2", "100"),
    ),
    (
        ("1er avril 2027", "0,5", "10", "0,25", "0,5"),
        (datetime.date(2027, 4, 1), "0.5", "10", "0.25", "0.5"),
    ),
    (
        ("2027-03-31", "250 000", "300 000", "100", "50"),
        (datetime.date(2027, 3, 31), "250000", "300000", "100", "50"),
    ),
]
# Refused values with the words of their message; each save refuses at most one value per
# field (``refusal_rounds``).
REFUSED = [
    ("opening_date", "31 mrs 2027", "Saisissez une date au format JJ/MM/AAAA"),
    ("opening_date", "31/02/2027", "Cette date n'existe pas"),
    ("opening_date", "31/03/27", "quatre chiffres"),
    (COMPONENT + "amount", "1.500", "peut se lire de deux façons"),
    (COMPONENT + "amount", "15 000 €", "sans unité ni symbole"),
    (COMPONENT + "amount", "-500", "supérieure ou égale à 0"),
    (COMPONENT + "ceiling", "1,500.50", "La virgule sépare les décimales"),
    (COMPONENT + "rate", "30 %", "sans unité ni symbole"),
    (COMPONENT + "rate", "1e9", "Saisissez un nombre"),
    (COMPONENT + "max_share_percent", "33,333", "2 chiffres après la virgule"),
    (COMPONENT + "max_share_percent", "150", "inférieure ou égale à 100"),
]
FIGURES = ("amount", "ceiling", "rate", "max_share_percent")
FIELDS = ("opening_date", *(COMPONENT + name for name in FIGURES[:3]))
SHARE = COMPONENT + "max_share_percent"


def refusal_rounds():
    """REFUSED in rounds holding at most one value per field, in order: 3 saves instead of 11."""
    rounds = []
    for name, text, message in REFUSED:
        free = next((r for r in rounds if name not in r), None)
        if free is None:
            free = {}
            rounds.append(free)
        free[name] = (text, message)
    return rounds


def pairs(cases):
    """The cases two by two: the closing date and the first component take the first, the
    opening date and the second component the second (its date is never later than the
    first's, so the closing date is never before the opening date)."""
    return [(cases[i], cases[i + 1]) for i in range(0, len(cases), 2)]


def fiche():
    page = AidPage.objects.get(slug=ALIXIO, locale__language_code="fr")
    return page.pk, page.latest_revision_id


def stored(pk):
    """The latest revision's (closing date, first component's figures) and (opening date,
    second component's figures), and its id."""
    page = AidPage.objects.get(pk=pk)
    draft = page.get_latest_revision_as_object()
    first, second = list(draft.financial_components.all())[:2]
    figures = (
        (draft.closing_date, *(getattr(first, name) for name in FIGURES)),
        (draft.opening_date, *(getattr(second, name) for name in FIGURES)),
    )
    return figures, page.latest_revision_id


def tab_of(page, name):
    """The tab holding field ``name``."""
    field = page.locator(f"#id_{name}")
    panel_id = field.locator("xpath=ancestor::*[@role='tabpanel'][1]").get_attribute("id")
    return page.locator(f"[role='tab'][aria-controls='{panel_id}']")


def show(page, name):
    """The input of field ``name``, its tab opened."""
    tab_of(page, name).click()
    field = page.locator(f"#id_{name}")
    field.wait_for(state="visible")
    return field


def type_into(page, name, text):
    """Type ``text`` into the field as an editor does, then click elsewhere (the field loses
    focus, the date picker closes): the input still holds exactly what was typed. (Wagtail's
    picker used to turn « 2027-03-31 » into today's date and « 31 mars 2027 » into 31/03/2027
    at that moment.)"""
    field = show(page, name)
    field.fill("")
    field.press_sequentially(text)
    tab_of(page, name).click()
    page.wait_for_timeout(200)
    assert field.input_value() == text, f"{name}: {text!r} became {field.input_value()!r}"


def save_draft(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le brouillon").first.click()


def test_each_french_form_of_each_value_is_stored_as_meant(demo_site, admin_page):
    pk, _revision = committed(fiche)
    page, _user = admin_page(EDITORS)
    url = f"{demo_site}/admin/pages/{pk}/edit/"
    for first, second in pairs(ACCEPTED):
        page.goto(url)
        show(page, "opening_date")
        # The format is shown, and the picker writes it.
        assert page.locator("#id_opening_date").get_attribute("placeholder") == "JJ/MM/AAAA"
        for date_field, prefix, (typed, _meant) in (
            ("closing_date", COMPONENT, first),
            ("opening_date", SECOND, second),
        ):
            names = (date_field, *(prefix + name for name in FIGURES))
            for name, text in zip(names, typed, strict=True):
                type_into(page, name, text)
            show(page, prefix + "max_share_basis").fill("des dépenses éligibles")
        save_draft(page)
        errors = page.locator(".error-message, .w-field__errors").all_inner_texts()
        figures, _revision = committed(stored, pk)
        expected = tuple(
            (meant[0], *(Decimal(value) for value in meant[1:]))
            for _typed, meant in (first, second)
        )
        assert figures == expected, (first[0], second[0], errors)
        # Shown back the French way.
        assert show(page, COMPONENT + "amount").input_value() == typed_back(first[1][1])
        assert show(page, SECOND + "amount").input_value() == typed_back(second[1][1])
    leave(page)


def leave(page):
    """Leave the editor and let the live server end its editing session (the page's release
    request) before the next test signs in: on SQLite's shared in-memory database, that write
    running at the same time as the sign-in made it fail with « database table is locked »."""
    page.goto("about:blank")
    page.wait_for_timeout(200)  # the release request reaches the server
    finish_requests()


def typed_back(value):
    """How the editor shows a stored amount (core/french_input.format_number)."""
    return {"1500.50": "1500,50", "0.5": "0,5", "250000": "250 000"}[value]


def test_a_value_that_cannot_be_read_is_refused_next_to_the_field_and_kept(demo_site, admin_page):
    """Also « Publier le… » of the scheduling dialog. One test of the module signs in: the
    demo copy is the module's, and ``admin_page`` names its users per test."""
    pk, _revision = committed(fiche)
    page, _user = admin_page(EDITORS)
    url = f"{demo_site}/admin/pages/{pk}/edit/"
    page.goto(url)
    valid = dict(zip((*FIELDS, SHARE), ("30/06/2027", "1 000", "2 000", "1", "10"), strict=True))
    # A closing date after it: the test before may have left an earlier one in the draft.
    valid["closing_date"] = "31/12/2027"
    for name, text in valid.items():
        type_into(page, name, text)
    show(page, COMPONENT + "max_share_basis").fill("des dépenses éligibles")
    save_draft(page)
    before, revision = committed(stored, pk)
    assert before[1][0] == datetime.date(2027, 6, 30)

    for refused in refusal_rounds():
        page.goto(url)
        for name, (text, _message) in refused.items():
            type_into(page, name, text)
        save_draft(page)
        for name, (text, message) in refused.items():
            field = show(page, name)
            assert field.input_value() == text, name
            wrapper = field.locator("xpath=ancestor::*[@data-field-wrapper][1]")
            assert message in wrapper.inner_text(), (name, text, wrapper.inner_text())
            assert field.get_attribute("aria-invalid") == "true", name
        assert committed(stored, pk) == (before, revision), f"{refused} changed what is stored"

    # « Publier le… » (the scheduling dialog) goes through the same picker and reading: what it
    # cannot read is not replaced by today's date when the field loses focus.
    page.goto(url)
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    go_live = page.locator("#id_go_live_at")
    go_live.wait_for(state="visible")
    for text in ("31 mars 2027 à 14h30", "31/03/2027 14:30", "1er avril 2O27"):
        go_live.fill("")
        go_live.press_sequentially(text)
        page.locator("#schedule-publishing-dialog").get_by_role("heading").first.click()
        page.wait_for_timeout(200)
        assert go_live.input_value() == text

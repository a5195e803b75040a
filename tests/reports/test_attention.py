"""The sets of fiches (and shared records) that need attention, on crafted data and boundaries."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, Site

from guide.models import (
    AidContact,
    AidPage,
    AidType,
    Contact,
    FinancialComponent,
    FundingProgramme,
    GuideSettings,
)
from reports import attention
from reports.attention import IncompleteReason, add_months, months_before
from tests.support.factories import (
    AidPageFactory,
    ContactFactory,
    ContentPageFactory,
    OrganisationFactory,
)

ON = datetime.date(2026, 11, 22)


def day(offset):
    return ON + datetime.timedelta(days=offset)


def fiche(parent, title, contact=None, **fields):
    """A published fiche whose only contact line is ``contact`` (a reachable, consenting
    mailbox by default): complete unless the test says otherwise."""
    page = AidPageFactory(parent=parent, title=title, with_contact=False, **fields)
    AidContact.objects.create(
        page=page, contact=contact or mailbox(), referral_note="De la part du GOSB"
    )
    return page


def mailbox(**fields):
    return ContactFactory(kind=Contact.Kind.MAILBOX, **fields)


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def link_to(page):
    return f'<p>Voir <a linktype="page" id="{page.pk}">la fiche</a>.</p>'


def published_at(page, on_day):
    """Pretend ``page`` was last published at noon on ``on_day``."""
    moment = timezone.make_aware(datetime.datetime.combine(on_day, datetime.time(12)))
    AidPage.objects.filter(pk=page.pk).update(last_published_at=moment)


def translate(page):
    """Publish an English translation of ``page`` (and of its parents)."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = page.copy_for_translation(english, copy_parents=True)
    translated.save_revision().publish()
    return translated


pytestmark = pytest.mark.django_db


# Calendar months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2026, 5, 22), 6, datetime.date(2026, 11, 22)),
        (datetime.date(2025, 8, 31), 6, datetime.date(2026, 2, 28)),
        (datetime.date(2023, 8, 31), 6, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 3, 31), -1, datetime.date(2026, 2, 28)),
    ],
)
def test_add_months_stays_within_the_month(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize("months", [1, 6, 12])
def test_months_before_is_the_last_day_due_on_any_date(months):
    """For every verification date d and day `on`: due (add_months(d) <= on) exactly when
    d <= months_before(on), month ends and leap years included."""
    start = datetime.date(2023, 1, 1)
    verified_days = [start + datetime.timedelta(days=n) for n in range(0, 800, 1)]
    for on in (
        datetime.date(2024, 2, 29),
        datetime.date(2025, 2, 28),
        datetime.date(2025, 3, 31),
        datetime.date(2025, 4, 30),
        datetime.date(2025, 1, 15),
        datetime.date(2024, 8, 31),
    ):
        limit = months_before(on, months)
        for verified in verified_days:
            assert (add_months(verified, months) <= on) == (verified <= limit), (on, verified)


# Closing soon -------------------------------------------------------------------------------


def test_closing_soon_boundaries_states_drafts_and_translations(guide_index):
    fiche(guide_index, "Ferme aujourd'hui", closing_date=day(0))
    fiche(guide_index, "Ferme dans 30 jours", closing_date=day(30))
    fiche(guide_index, "Ferme dans 31 jours", closing_date=day(31))
    fiche(guide_index, "Fermée hier", closing_date=day(-1))
    fiche(guide_index, "Permanente", closing_date=None)
    fiche(guide_index, "À venir", opening_date=day(1), closing_date=day(10))
    fiche(guide_index, "Épuisée", closing_date=day(10), manual_state="epuisee")
    fiche(guide_index, "Brouillon", closing_date=day(10), live=False)
    translate(fiche(guide_index, "Traduite", closing_date=day(10)))

    assert titles(attention.closing_soon(on=ON)) == [
        "Ferme aujourd'hui",
        "Ferme dans 30 jours",
        "Traduite",
    ]
    assert AidPage.objects.filter(title="Traduite", live=True).count() == 2


def test_closing_soon_defaults_to_today_in_paris(guide_index, monkeypatch):
    monkeypatch.setattr("guide.status.today", lambda: ON)
    fiche(guide_index, "Ferme dans 30 jours", closing_date=day(30))
    assert titles(attention.closing_soon()) == ["Ferme dans 30 jours"]


# Closed recently ----------------------------------------------------------------------------


def test_closed_recently_by_date_within_seven_days(guide_index):
    # Closing date = last day to apply: closed the day after.
    fiche(guide_index, "Date limite hier", closing_date=day(-1))
    fiche(guide_index, "Date limite il y a 7 jours", closing_date=day(-7))
    fiche(guide_index, "Date limite il y a 8 jours", closing_date=day(-8))
    fiche(guide_index, "Dernier jour", closing_date=day(0))
    fiche(guide_index, "Brouillon clos", closing_date=day(-1), live=False)

    assert titles(attention.closed_recently(on=ON)) == [
        "Date limite hier",
        "Date limite il y a 7 jours",
    ]
    assert titles(attention.closed_recently(on=ON, days=8)) == [
        "Date limite hier",
        "Date limite il y a 7 jours",
        "Date limite il y a 8 jours",
    ]


def test_closed_recently_by_hand_uses_the_last_publication(guide_index):
    exhausted = fiche(guide_index, "Épuisée hier", closing_date=day(60), manual_state="epuisee")
    published_at(exhausted, day(-1))
    suspended = fiche(guide_index, "Suspendue ce jour", manual_state="suspendu")
    published_at(suspended, day(0))
    # The window is the same as by date: 7 days, today included (days -6 to 0).
    six_days_ago = fiche(guide_index, "Épuisée il y a 6 jours", manual_state="epuisee")
    published_at(six_days_ago, day(-6))
    seven_days_ago = fiche(guide_index, "Épuisée il y a 7 jours", manual_state="epuisee")
    published_at(seven_days_ago, day(-7))
    older = fiche(guide_index, "Épuisée il y a longtemps", manual_state="epuisee")
    published_at(older, day(-30))
    # Republished yesterday, but closed by date for a month already: not recent.
    closed_long_ago = fiche(
        guide_index, "Close depuis un mois", closing_date=day(-30), manual_state="epuisee"
    )
    published_at(closed_long_ago, day(-1))
    later = fiche(guide_index, "Épuisée demain", manual_state="epuisee")
    published_at(later, day(1))

    assert titles(attention.closed_recently(on=ON)) == [
        "Suspendue ce jour",
        "Épuisée hier",
        "Épuisée il y a 6 jours",
    ]


# To verify ----------------------------------------------------------------------------------


def test_to_verify_boundary_is_the_day_six_months_later(guide_index):
    six_months_ago = datetime.date(2026, 5, 22)
    fiche(guide_index, "Vérifiée il y a 6 mois", last_verified=six_months_ago)
    fiche(guide_index, "Vérifiée 6 mois moins un jour", last_verified=datetime.date(2026, 5, 23))
    fiche(guide_index, "Vérifiée 6 mois plus un jour", last_verified=datetime.date(2026, 5, 21))
    fiche(guide_index, "Jamais vérifiée", last_verified=None)
    fiche(guide_index, "Vérifiée hier", last_verified=day(-1))
    fiche(guide_index, "Close", last_verified=None, closing_date=day(-1))
    fiche(guide_index, "Épuisée", last_verified=None, manual_state="epuisee")
    fiche(guide_index, "À venir", last_verified=None, opening_date=day(10))
    fiche(guide_index, "Brouillon", last_verified=None, live=False)

    assert titles(attention.to_verify(on=ON)) == [
        "Jamais vérifiée",
        "Vérifiée 6 mois plus un jour",
        "Vérifiée il y a 6 mois",
        "À venir",
    ]
    checked = AidPage.objects.get(title="Vérifiée il y a 6 mois")
    assert attention.verification_due(checked, 6) == ON


def test_to_verify_follows_the_sites_setting(guide):
    home, guide_index = guide
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.verification_months = 3
    settings.save()
    fiche(guide_index, "Vérifiée il y a 3 mois", last_verified=datetime.date(2026, 8, 22))
    fiche(guide_index, "Vérifiée il y a 2 mois", last_verified=datetime.date(2026, 9, 22))

    assert titles(attention.to_verify(on=ON)) == ["Vérifiée il y a 3 mois"]


# Incomplete ---------------------------------------------------------------------------------


def reasons_by_title():
    return {page.title: attention.incomplete_reasons(page) for page in attention.incomplete()}


def test_each_incomplete_reason(guide_index):
    loan = AidType.objects.get(slug="pret")
    grant = AidType.objects.get(slug="subvention")

    complete = fiche(guide_index, "Complète", aid_types=["pret", "subvention"])
    FinancialComponent.objects.create(page=complete, aid_type=loan, amount=1000, ceiling=5000)
    FinancialComponent.objects.create(page=complete, aid_type=grant, amount=1000)

    uncapped = fiche(guide_index, "Prêt sans plafond", aid_types=["pret"])
    FinancialComponent.objects.create(page=uncapped, aid_type=loan, amount=15000)

    fiche(guide_index, "Sans territoire", territories=[])
    AidPageFactory(parent=guide_index, title="Sans contact", with_contact=False)
    fiche(guide_index, "Contact injoignable", contact=mailbox(email="", phone=""))
    fiche(guide_index, "Contact par e-mail seulement", contact=mailbox(phone=""))
    fiche(guide_index, "Contact par téléphone seulement", contact=mailbox(email=""))
    fiche(guide_index, "Personne sans accord", contact=ContactFactory(kind="personne"))
    fiche(
        guide_index,
        "Personne d'accord",
        contact=ContactFactory(kind="personne", publication_consent=True),
    )
    fiche(guide_index, "Brouillon sans territoire", territories=[], live=False)
    fiche(guide_index, "Close sans territoire", territories=[], closing_date=day(-400))

    assert reasons_by_title() == {
        "Prêt sans plafond": [IncompleteReason.LOAN_WITHOUT_CEILING],
        "Sans territoire": [IncompleteReason.NO_TERRITORY],
        "Sans contact": [IncompleteReason.NO_CONTACT],
        "Contact injoignable": [IncompleteReason.UNREACHABLE_CONTACT],
        "Personne sans accord": [IncompleteReason.CONTACT_WITHOUT_CONSENT],
        "Close sans territoire": [IncompleteReason.NO_TERRITORY],
    }


def test_a_fiche_lists_all_its_reasons_in_order(guide_index):
    page = fiche(
        guide_index,
        "Tout manque",
        territories=[],
        aid_types=["pret"],
        contact=ContactFactory(kind="personne", email="", phone=""),
    )
    FinancialComponent.objects.create(
        page=page, aid_type=AidType.objects.get(slug="pret"), amount=1000
    )

    assert reasons_by_title() == {
        "Tout manque": [
            IncompleteReason.LOAN_WITHOUT_CEILING,
            IncompleteReason.NO_TERRITORY,
            IncompleteReason.UNREACHABLE_CONTACT,
            IncompleteReason.CONTACT_WITHOUT_CONSENT,
        ]
    }
    assert [str(reason.label) for reason in reasons_by_title()["Tout manque"]] == [
        "Prêt sans plafond",
        "Aucun territoire couvert",
        "Contact sans e-mail ni téléphone",
        "Personne nommée sans accord de publication",
    ]
    without_contact_line = attention.incomplete().filter(
        **attention.incomplete_reason_filter(IncompleteReason.NO_CONTACT)
    )
    assert titles(without_contact_line) == []


# Closed but promoted ------------------------------------------------------------------------


def test_closed_fiches_still_featured_or_linked(home, guide_index):
    featured = fiche(guide_index, "Close à la une", closing_date=day(-1), is_featured=True)
    fiche(guide_index, "Épuisée à la une", manual_state="epuisee", is_featured=True)
    fiche(guide_index, "Ouverte à la une", closing_date=day(10), is_featured=True)
    linked = fiche(guide_index, "Close liée depuis l'accueil", closing_date=day(-3))
    from_draft = fiche(guide_index, "Close liée depuis un brouillon", closing_date=day(-3))
    fiche(guide_index, "Close oubliée", closing_date=day(-3))
    open_linked = fiche(guide_index, "Ouverte liée", closing_date=day(10))
    self_linked = fiche(guide_index, "Close qui se cite", closing_date=day(-3))
    self_linked.description = link_to(self_linked)
    self_linked.save()

    home.body = link_to(linked) + link_to(open_linked)
    home.save()
    ContentPageFactory(parent=home, title="Brouillon", body=link_to(from_draft), live=False)
    legal = ContentPageFactory(parent=home, title="Mentions", body=link_to(featured))

    promoted = attention.closed_but_promoted(on=ON)
    assert titles(promoted) == [
        "Close liée depuis l'accueil",
        "Close à la une",
        "Épuisée à la une",
    ]
    assert {page.title: page.is_linked for page in promoted} == {
        "Close liée depuis l'accueil": True,
        "Close à la une": True,
        "Épuisée à la une": False,
    }
    pages = attention.referring_pages(promoted)
    assert pages[linked.pk] == [home.page_ptr]
    assert [page.pk for page in pages[featured.pk]] == [legal.pk]


def test_a_link_to_the_translation_is_reported_on_the_french_fiche(home, guide_index):
    closed = fiche(guide_index, "Close traduite", closing_date=day(-2))
    english_fiche = translate(closed)
    english_home = english_fiche.get_parent().get_parent()
    english_page = ContentPageFactory(
        parent=english_home, title="Legal", body=link_to(english_fiche)
    )

    promoted = attention.closed_but_promoted(on=ON)
    assert [page.pk for page in promoted] == [closed.pk]
    assert [page.pk for page in attention.referring_pages(promoted)[closed.pk]] == [english_page.pk]


# Unused contacts and organisations ----------------------------------------------------------


def test_unused_contacts_and_organisations(guide_index):
    operator = OrganisationFactory(name="Opérateur")
    funder = OrganisationFactory(name="Financeur")
    programme_funder = OrganisationFactory(name="Financeur de programme")
    with_used_contact = OrganisationFactory(name="Avec un contact utilisé")
    with_unused_contact = OrganisationFactory(name="Avec un contact inutilisé")
    OrganisationFactory(name="Seule")

    on_a_fiche = mailbox(name="Sur une fiche", organisation=with_used_contact)
    on_a_draft = mailbox(name="Sur un brouillon", organisation=operator)
    business = mailbox(name="Contact entreprises", organisation=operator)
    mailbox(name="Oublié", organisation=with_unused_contact)

    page = fiche(guide_index, "Fiche", contact=on_a_fiche, operator=operator)
    page.funders.set([funder])
    page.save()
    fiche(guide_index, "Brouillon", contact=on_a_draft, operator=operator, live=False)
    FundingProgramme.objects.create(name="Programme", kind="territorial").funders.set(
        [programme_funder]
    )
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.business_contact = business
    settings.save()

    assert sorted(attention.unused_contacts().values_list("name", flat=True)) == ["Oublié"]
    unused = attention.unused_organisations().values_list("name", flat=True)
    assert sorted(unused) == ["Avec un contact inutilisé", "Seule"]

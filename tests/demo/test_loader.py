"""The demo guide: idempotent loading, the seeds' real figures, coverage of the vocabularies."""

import datetime
import io
from decimal import Decimal

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Locale, Page, Revision, Site

from demo import second_territory
from demo.fiches import SEED_FICHES
from demo.loader import DemoLoader, demo_uuid
from guide.models import (
    AidIndexPage,
    AidPage,
    AidType,
    Audience,
    Contact,
    GuideSettings,
    Organisation,
)
from guide.status import Status
from home.models import ContentPage, HomePage
from results.models import ResultsPage

ON = datetime.date(2026, 11, 22)


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "organisations": Organisation.objects.count(),
        "contacts": Contact.objects.count(),
        "aids": AidPage.objects.count(),
    }


class DemoGuideTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_report = DemoLoader(on=ON).load()

    def aid(self, slug):
        # The French fiche: its English translation (demo/english.py) shares its id.
        return AidPage.objects.get(aid_uuid=demo_uuid(slug), locale=Locale.get_default())

    def test_site_tree(self):
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        assert isinstance(home, HomePage)
        assert AidIndexPage.objects.child_of(home).count() == 1
        assert set(ContentPage.objects.child_of(home).values_list("slug", flat=True)) == {
            "mentions-legales",
            "accessibilite",
            "donnees-personnelles",
        }
        assert ResultsPage.objects.child_of(home).count() == 1
        # Wagtail's placeholder welcome page is gone; besides the English home (wagtail-localize
        # puts it beside the French one), the only other page at the top is the second
        # territory's home, the root of its own site.
        top = Page.objects.filter(depth=2).exclude(translation_key=home.translation_key)
        assert [page.slug for page in top] == [second_territory.HOME["slug"]]
        second = Site.objects.get(root_page=top.get())
        assert second.hostname == second_territory.HOSTNAME and not second.is_default_site
        assert GuideSettings.for_site(site).business_contact is not None
        assert (
            GuideSettings.for_site(second).referral_note
            == (second_territory.SETTINGS["referral_note"])
        )

    def test_loading_twice_changes_nothing(self):
        before = counts()
        report = DemoLoader(on=ON).load()
        assert report.created == [] and report.updated == []
        assert counts() == before

    def test_the_management_command_is_idempotent_too(self):
        before = counts()
        call_command("load_demo_guide", stdout=io.StringIO())
        after = counts()
        # Run on another day than ON, relative dates move: only those fiches get a revision.
        assert {k: v for k, v in after.items() if k != "revisions"} == {
            k: v for k, v in before.items() if k != "revisions"
        }

    def test_a_changed_fiche_is_put_back(self):
        alixio = self.aid("alixio-pme-pmi-val-de-marne-essonne")
        loan = alixio.financial_components.get(label="Prêt à taux zéro")
        loan.ceiling = Decimal("1")
        loan.save()
        report = DemoLoader(on=ON).load()
        assert report.updated == ["alixio-pme-pmi-val-de-marne-essonne"]
        loan = self.aid("alixio-pme-pmi-val-de-marne-essonne").financial_components.get(
            label="Prêt à taux zéro"
        )
        assert loan.ceiling == Decimal("225000")

    def test_at_least_30_published_fiches(self):
        assert AidPage.objects.live().count() >= 30

    def test_every_seed_aid_is_there(self):
        titles = " ".join(AidPage.objects.values_list("title", flat=True))
        for name in (
            "Katalyse",
            "Alixio",
            "Silver Innov'",
            "La Fabrique",
            "Bus de l'entrepreneuriat",
            "180 jours",
            "Orly International",
            "Reboost",
            "Appui RH des TPE/PME",
        ):
            assert name in titles, name
        assert len(SEED_FICHES) == 9

    def test_alixio_figures(self):
        alixio = self.aid("alixio-pme-pmi-val-de-marne-essonne")
        loan, grant, advisory = alixio.financial_components.all()
        assert (loan.aid_type.slug, loan.amount, loan.unit) == ("pret", 15000, "emploi_cree")
        assert (loan.rate, loan.duration_months, loan.ceiling) == (0, 60, 225000)
        assert "Sans caution personnelle" in loan.conditions
        assert "besoin en fonds de roulement (BFR)" in loan.conditions
        assert (grant.aid_type.slug, grant.amount, grant.unit) == (
            "subvention",
            5000,
            "emploi_cree",
        )
        assert grant.ceiling == 25000
        # « pouvant accompagner maximum un tiers du programme d'emplois »: one job in three.
        assert (grant.unit_share_count, grant.unit_share_total) == (1, 3)
        assert grant.max_share_percent is None
        assert "Indissociable du prêt" in grant.conditions
        assert (advisory.aid_type.slug, advisory.ceiling) == ("subvention", 15000)
        assert advisory.territory.cog_code == "DEP-91"
        assert "au moins 3 créations nettes d'emplois en CDI dans les 2 ans" in alixio.eligibility
        assert {t.cog_code for t in alixio.territories.all()} == {"DEP-94", "DEP-91"}
        contact = alixio.contacts.get()
        assert contact.contact.name == "Edith Blard"
        assert contact.contact.email == "edith.blard@alixio.fr"
        assert contact.contact.phone_display == "06 19 91 84 62"
        assert contact.referral_note == "À contacter de la part du Grand-Orly Seine Bièvre"
        assert alixio.operator.name == "Alixio"

    def test_katalyse_figures_and_closed_status(self):
        katalyse = self.aid("katalyse-pmi-val-de-marne")
        advisory, investment = katalyse.financial_components.all()
        assert advisory.advisory_days == 10
        assert investment.ceiling == 60000
        assert katalyse.closing_date == datetime.date(2023, 12, 31)
        assert katalyse.status.code == Status.CLOSED
        line = katalyse.contacts.get()
        assert (line.contact.name, line.contact.email) == ("Jean Hespel", "jhespel@katalyse.com")
        assert katalyse.operator_url == "https://www.katalyse.com/"

    def test_every_aid_type_and_audience_is_covered(self):
        live = AidPage.objects.live()
        for aid_type in AidType.objects.all():
            assert live.filter(aid_types=aid_type).exists(), aid_type.slug
        for audience in Audience.objects.all():
            assert live.filter(audiences=audience).exists(), audience.slug

    def test_every_status_is_covered(self):
        statuses = {
            (page.status.code, page.status.closed_reason)
            for page in AidPage.objects.live()
            if page.closing_date or page.opening_date or page.manual_state
        }
        codes = {code for code, _reason in statuses}
        assert {Status.OPEN, Status.CLOSING_SOON, Status.CLOSED, Status.UPCOMING} <= codes
        reasons = {reason for _code, reason in statuses}
        assert {"date", "epuisee", "suspendu"} <= reasons
        assert AidPage.objects.filter(recurrence="permanente", closing_date__isnull=True).exists()

    def test_every_fiche_has_a_contact_with_a_referral_note(self):
        for page in AidPage.objects.live():
            lines = list(page.contacts.all())
            assert lines, page.slug
            assert all(line.referral_note for line in lines), page.slug

    def test_demo_fiches_pass_the_model_validation(self):
        for page in AidPage.objects.live():
            page.full_clean()
            for component in page.financial_components.all():
                component.full_clean()

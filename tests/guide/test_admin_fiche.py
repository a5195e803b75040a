"""Editors create, validate, preview and publish fiches in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset

from guide.models import AidPage, AidType, FinancialComponent, GuideSettings, Territory
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory
from tests.support.pages import make_guide


class AidPageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_guide()
        cls.operator = OrganisationFactory(name="Initiative Bièvre")
        cls.contact = ContactFactory(organisation=cls.operator)

    def setUp(self):
        self.login()

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=["guide", "aidpage", self.index.pk])

    def post(self, publish=True, **overrides):
        data = fiche_form_data(self.operator, self.contact, **overrides)
        data["action-publish" if publish else "action-save"] = "1"
        return self.client.post(self.add_url(), data)

    def form_errors(self, response):
        """The page form's field errors, as {field: [messages]}."""
        return {field: list(errors) for field, errors in response.context["form"].errors.items()}

    def formset_form_errors(self, response, formset_name):
        formset = response.context["form"].formsets[formset_name]
        return [dict(form.errors) for form in formset.forms]

    def test_editor_creates_and_publishes_a_complete_fiche(self):
        self.assertCanCreate(self.index, AidPage, fiche_form_data(self.operator, self.contact))
        page = AidPage.objects.get(slug="pret-honneur-bievre")
        assert page.live
        component = page.financial_components.get()
        assert component.amount == 15000 and component.ceiling == 225000
        assert component.unit == FinancialComponent.Unit.PER_JOB_CREATED
        assert page.contacts.get().referral_note == "À contacter de la part du GOSB"
        assert list(page.aid_types.values_list("slug", flat=True)) == ["pret"]
        assert page.aid_uuid is not None

    def test_publishing_without_contact_is_refused_with_a_french_message(self):
        response = self.post(contacts=inline_formset([]))
        assert response.status_code == 200  # the form comes back, nothing is lost
        formset = response.context["form"].formsets["contacts"]
        assert any("Ajoutez au moins un contact" in e for e in formset.non_form_errors())
        assert not AidPage.objects.filter(slug="pret-honneur-bievre").exists()
        # What the editor typed is still in the form.
        self.assertContains(response, "Financez le démarrage de votre entreprise")

    def test_publishing_with_an_empty_referral_note_is_refused_on_the_field(self):
        response = self.post(
            contacts=inline_formset([{"contact": self.contact.pk, "referral_note": ""}])
        )
        errors = self.formset_form_errors(response, "contacts")
        assert "La note de recommandation est obligatoire" in errors[0]["referral_note"][0]
        assert not AidPage.objects.filter(slug="pret-honneur-bievre").exists()

    def test_submitting_for_review_applies_the_same_rule(self):
        data = fiche_form_data(self.operator, self.contact, contacts=inline_formset([]))
        data["action-submit"] = "1"
        response = self.client.post(self.add_url(), data)
        formset = response.context["form"].formsets["contacts"]
        assert formset.non_form_errors()

    def test_a_draft_without_contact_or_promesse_can_be_saved(self):
        response = self.post(
            publish=False,
            contacts=inline_formset([]),
            promesse="",
            eligibility="",
            aid_types=(),
            territories=(),
        )
        assert response.status_code == 302
        page = AidPage.objects.get(slug="pret-honneur-bievre")
        assert not page.live
        assert page.contacts.count() == 0

    def test_a_draft_keeps_a_blank_note_but_the_site_never_shows_it_blank(self):
        self.post(
            publish=False,
            contacts=inline_formset([{"contact": self.contact.pk, "referral_note": ""}]),
        )
        page = AidPage.objects.get(slug="pret-honneur-bievre")
        line = page.get_latest_revision_as_object().contacts.get()
        assert line.referral_note == ""
        assert line.note == "À contacter de la part du Grand-Orly Seine Bièvre"

    def test_publishing_requires_the_publication_fields(self):
        # No component either: a component's nature would be the fiche's type.
        response = self.post(
            promesse="",
            aid_types=(),
            territories=(),
            eligibility="",
            financial_components=inline_formset([]),
        )
        errors = self.form_errors(response)
        assert {"promesse", "aid_types", "territories", "eligibility"} <= set(errors)

    def test_closing_date_before_opening_date(self):
        response = self.post(opening_date="2026-06-01", closing_date="2026-05-31")
        errors = self.form_errors(response)
        assert "doit être postérieure ou égale à la date d'ouverture" in errors["closing_date"][0]

    def test_closing_date_equal_to_opening_date_is_accepted(self):
        response = self.post(opening_date="2026-06-01", closing_date="2026-06-01")
        assert response.status_code == 302

    def test_a_permanent_aid_has_no_closing_date(self):
        response = self.post(recurrence="permanente", closing_date="2026-12-31")
        assert "Un dispositif permanent" in self.form_errors(response)["closing_date"][0]

    def test_staff_max_below_staff_min(self):
        response = self.post(staff_min="50", staff_max="10")
        assert "inférieur à l'effectif minimum" in self.form_errors(response)["staff_max"][0]

    def test_ceiling_below_the_per_unit_amount(self):
        components = fiche_form_data(self.operator, self.contact)
        components = {k: v for k, v in components.items() if k.startswith("financial_components")}
        components["financial_components-0-ceiling"] = "10000"
        response = self.post(**components)
        errors = self.formset_form_errors(response, "financial_components")
        assert "ne peut pas être inférieur au montant par emploi créé" in errors[0]["ceiling"][0]

    def test_ceiling_equal_to_the_amount_is_accepted(self):
        response = self.post(**{"financial_components-0-ceiling": "15000"})
        assert response.status_code == 302

    def test_a_component_nature_is_added_to_the_fiche_types(self):
        # The aid types include the components' natures (tests/guide/test_field_meaning.py).
        grant = AidType.objects.get(slug="subvention")
        response = self.post(**{"financial_components-0-aid_type": str(grant.pk)})
        assert response.status_code == 302
        page = AidPage.objects.get(slug="pret-honneur-bievre")
        assert {t.slug for t in page.aid_types.all()} == {"pret", "subvention"}

    def test_an_empty_component_is_refused(self):
        empty = {
            f"financial_components-0-{name}": ""
            for name in ("amount", "rate", "duration_months", "ceiling", "advisory_days")
        }
        empty["financial_components-0-unit"] = "beneficiaire"
        response = self.post(**empty)
        errors = self.formset_form_errors(response, "financial_components")
        assert "Indiquez au moins un montant" in errors[0]["amount"][0]

    def test_a_per_job_component_needs_its_amount(self):
        response = self.post(**{"financial_components-0-amount": ""})
        errors = self.formset_form_errors(response, "financial_components")
        assert "demande un montant par unité" in errors[0]["amount"][0]

    def test_rates_and_shares_are_percentages(self):
        response = self.post(
            **{
                "financial_components-0-rate": "120",
                "financial_components-0-max_share_percent": "150",
                "financial_components-0-max_share_basis": "du projet",
            }
        )
        errors = self.formset_form_errors(response, "financial_components")
        assert "rate" in errors[0] and "max_share_percent" in errors[0]

    def test_a_share_needs_its_basis(self):
        response = self.post(**{"financial_components-0-max_share_percent": "33.33"})
        errors = self.formset_form_errors(response, "financial_components")
        assert "Précisez de quoi" in errors[0]["max_share_basis"][0]

    def test_urls_are_validated(self):
        response = self.post(operator_url="pas une adresse")
        assert "operator_url" in self.form_errors(response)

    def test_the_new_contact_line_is_prefilled_with_the_site_referral_note(self):
        settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
        settings.referral_note = "Dites que vous venez du guide des aides GOSB"
        settings.save()
        response = self.client.get(self.add_url())
        assert response.status_code == 200
        self.assertContains(response, "Dites que vous venez du guide des aides GOSB")

    def test_the_editor_sees_the_tabs_of_a_fiche(self):
        response = self.client.get(self.add_url())
        for tab in ("Contenu", "Éligibilité", "Montants", "Calendrier", "Contacts", "Promotion"):
            self.assertContains(response, tab)

    def test_a_fiche_can_be_edited_and_previewed(self):
        page = AidPageFactory(parent=self.index, closing_date=None)
        self.assertPageIsEditable(page)
        self.assertPageIsPreviewable(page)
        self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_territory_field_lists_the_reference_table(guide_index, editor_client):
    url = reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide_index.pk])
    response = editor_client.get(url)
    for name in ("Vitry-sur-Seine", "Val-de-Marne", "Essonne", "Grand-Orly Seine Bièvre"):
        assert name in response.content.decode()
    assert Territory.objects.filter(kind="COM").count() == 24

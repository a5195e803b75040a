"""Factories for the guide's models (factory_boy + wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Site

from guide.models import (
    AidContact,
    AidIndexPage,
    AidPage,
    AidType,
    Contact,
    FinancialComponent,
    Organisation,
    Territory,
)
from home.models import ContentPage, HomePage


def default_site():
    """The records' territory by default: the default site (the ``guide`` fixture's)."""
    return Site.objects.filter(is_default_site=True).first()


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    site = factory.LazyFunction(default_site)

    class Meta:
        model = Organisation


class ContactFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Contact {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    site = factory.SelfAttribute("organisation.site")
    email = factory.Sequence(lambda n: f"contact{n}@exemple.example")
    phone = "+33199001234"

    class Meta:
        model = Contact


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Guide des aides"

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")

    class Meta:
        model = ContentPage


class AidIndexPageFactory(wagtail_factories.PageFactory):
    title = "Les aides"
    slug = "aides"

    class Meta:
        model = AidIndexPage


class AidPageFactory(wagtail_factories.PageFactory):
    """A complete, publishable fiche. Pass ``aid_types`` / ``territories`` slugs or codes."""

    title = factory.Sequence(lambda n: f"Aide {n}")
    promesse = "Financez vos recrutements en CDI"
    description = "<p>Une aide pour tester.</p>"
    eligibility = "Entreprise du territoire\nAu moins un emploi créé"
    operator = factory.SubFactory(OrganisationFactory)
    opening_date = None
    closing_date = None

    class Meta:
        model = AidPage
        skip_postgeneration_save = True  # the hooks save what they change

    @factory.post_generation
    def aid_types(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["subvention"]
        self.aid_types.set(AidType.objects.filter(slug__in=slugs))
        if create:
            self.save()

    @factory.post_generation
    def territories(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else ["EPCI-200058014"]
        wanted = [code.split("-", 1) for code in codes]
        self.territories.set([Territory.objects.get(kind=kind, code=code) for kind, code in wanted])
        if create:
            self.save()

    @factory.post_generation
    def with_contact(self, create, extracted, **kwargs):
        if extracted is False:
            return
        AidContact.objects.create(
            page=self, contact=ContactFactory(), referral_note="À contacter de la part du GOSB"
        )


class FinancialComponentFactory(DjangoModelFactory):
    page = factory.SubFactory(AidPageFactory)
    aid_type = factory.LazyFunction(lambda: AidType.objects.get(slug="subvention"))
    amount = 5000

    class Meta:
        model = FinancialComponent


def days_from(on, days):
    return on + datetime.timedelta(days=days)

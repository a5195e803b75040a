"""Create N realistic synthetic fiches, for benchmarks (never for the real guide)."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from wagtail.signal_handlers import disable_reference_index_auto_update

from guide.models import (
    AidContact,
    AidIndexPage,
    AidPage,
    AidType,
    Audience,
    Contact,
    EligibilityCase,
    Establishment,
    FinancialComponent,
    Organisation,
    ProjectStage,
    Sector,
    Territory,
)
from guide.status import today
from search.indexing import bulk_indexing

VERBS = ["Financez", "Développez", "Recrutez", "Modernisez", "Lancez", "Accélérez", "Installez"]
OBJECTS = [
    "votre projet industriel",
    "vos recrutements en CDI",
    "votre transition écologique",
    "votre premier export",
    "votre commerce de proximité",
    "votre jeune entreprise innovante",
    "vos investissements productifs",
    "votre reprise d'entreprise",
]
TOPICS = [
    "emploi",
    "investissement",
    "innovation",
    "commerce",
    "industrie",
    "numérique",
    "export",
    "rebond",
    "formation",
    "locaux",
]
UNITS = [FinancialComponent.Unit.PER_BENEFICIARY, FinancialComponent.Unit.PER_JOB_CREATED]
# Shares of the generated fiches with eligibility cases (two each, as Alixio: a territory and
# its audiences per case) and of the components restricted (territory, audience or sector) or
# paying a share of the units (« au plus 1 emploi créé sur 3 »).
CASES_EVERY = 5
RESTRICTED_EVERY = 4
UNIT_SHARE_EVERY = 3


class Command(BaseCommand):
    help = (
        "Create N synthetic fiches under the guide index, for benchmarks. They are indexed for "
        "search in batches; Wagtail's reference index (the admin's usage counts) is not updated: "
        "run `manage.py rebuild_references_index` afterwards if you need it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Number of fiches to create.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (reproducible).")
        parser.add_argument(
            "--batch", type=int, default=500, help="Fiches per database transaction."
        )

    def handle(self, *args, count, seed, batch, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        index = AidIndexPage.objects.first()
        if index is None:
            raise CommandError("No guide index page: run `manage.py load_demo_guide` first.")
        rng = random.Random(seed)
        organisation, _ = Organisation.objects.get_or_create(
            name="Opérateur synthétique (benchmark)"
        )
        contact, _ = Contact.objects.get_or_create(
            email="benchmark@synthetique.example",
            defaults={"name": "Contact synthétique", "organisation": organisation},
        )
        vocab = {
            "aid_types": list(AidType.objects.all()),
            "audiences": list(Audience.objects.all()),
            "sectors": list(Sector.objects.all()),
            "project_stages": list(ProjectStage.objects.all()),
            "territories": list(Territory.objects.exclude(kind=Territory.Kind.PAYS)),
            "departements": list(Territory.objects.filter(kind=Territory.Kind.DEPARTEMENT)),
        }
        start = AidPage.objects.filter(slug__startswith="synthetique-").count()
        created = 0
        while created < count:
            with (
                transaction.atomic(),
                disable_reference_index_auto_update(),
                bulk_indexing(AidPage) as saved,
            ):
                for _ in range(min(batch, count - created)):
                    number = start + created + 1
                    page = self.create_fiche(index, number, rng, vocab, organisation, contact)
                    saved.append(page.pk)
                    created += 1
            self.stdout.write(f"{created}/{count}")
        self.stdout.write(self.style.SUCCESS(f"{created} synthetic fiches created."))

    def create_fiche(self, index, number, rng, vocab, organisation, contact):
        on = today()
        topic = rng.choice(TOPICS)
        title = f"Aide {topic} n° {number}"
        aid_types = rng.sample(vocab["aid_types"], k=rng.randint(1, 2))
        closing = rng.choice([None, on + datetime.timedelta(days=rng.randint(-200, 400))])
        page = AidPage(
            title=title,
            slug=slugify(f"synthetique-{number}-{topic}"),
            promesse=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            description=f"<p>Fiche synthétique pour les mesures de performance ({topic}).</p>",
            eligibility="Entreprise implantée sur le territoire\nProjet créateur d'emplois",
            operator=organisation,
            opening_date=on - datetime.timedelta(days=rng.randint(0, 300)),
            closing_date=closing,
            recurrence="ponctuelle" if closing else "permanente",
        )
        page.aid_types = aid_types
        page.audiences = rng.sample(vocab["audiences"], k=rng.randint(1, 3))
        page.sectors = rng.sample(vocab["sectors"], k=rng.randint(0, 2))
        page.project_stages = rng.sample(vocab["project_stages"], k=rng.randint(1, 2))
        page.territories = rng.sample(vocab["territories"], k=rng.randint(1, 2))
        amount = rng.choice([2000, 5000, 10000, 15000])
        component = FinancialComponent(
            aid_type=aid_types[0],
            amount=amount,
            unit=rng.choice(UNITS),
            ceiling=amount * rng.choice([1, 5, 10]),
        )
        if number % RESTRICTED_EVERY == 0:
            restriction, choices = rng.choice(
                [("territory", "territories"), ("audience", "audiences"), ("sector", "sectors")]
            )
            setattr(component, restriction, rng.choice(vocab[choices]))
        if component.unit == FinancialComponent.Unit.PER_JOB_CREATED and (
            number % UNIT_SHARE_EVERY == 0
        ):
            component.unit_share_count, component.unit_share_total = 1, 3
        page.financial_components = [component]
        if number % CASES_EVERY == 0:
            # The fiche's territory is the union of its cases' (Alixio: Val-de-Marne, Essonne).
            territories = rng.sample(vocab["departements"], k=2)
            page.territories = territories
            page.eligibility_cases = self.cases(rng, vocab, territories)
        page.contacts = [
            AidContact(contact=contact, referral_note="À contacter de la part du GOSB")
        ]
        index.add_child(instance=page)
        return page

    def cases(self, rng, vocab, territories):
        """One case per territory (a département), each with one or two audiences; the second
        may require the business to be established or moving in, and bound the staff."""
        cases = []
        for position, territory in enumerate(territories):
            case = EligibilityCase(
                sort_order=position,
                establishment=(
                    rng.choice(list(Establishment.values)) if position else Establishment.ANY
                ),
                staff_max=rng.choice([None, 49, 249]) if position else None,
            )
            case.territories = [territory]
            case.audiences = rng.sample(vocab["audiences"], k=rng.randint(1, 2))
            case.sectors = rng.sample(vocab["sectors"], k=rng.randint(0, 1))
            cases.append(case)
        return cases

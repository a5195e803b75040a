"""The partners' API (``/api/v1/``, api/): what an item and a detail say, what is never shown,
the filters."""

import datetime
import re
from decimal import Decimal

import pytest
from wagtail.models import Locale, Page, PageViewRestriction, Site

from guide.models import (
    AidContact,
    AidType,
    Audience,
    Contact,
    FinancialComponent,
    Sector,
    Territory,
)
from guide.status import today
from tests.support.api import (
    DETAIL_FIELDS,
    ITEM_FIELDS,
    LIST,
    code_of,
    detail_url,
    get_json,
    ids,
    published,
)
from tests.support.cases import add_case
from tests.support.factories import (
    AidIndexPageFactory,
    AidPageFactory,
    ContactFactory,
    FinancialComponentFactory,
    HomePageFactory,
    OrganisationFactory,
    days_from,
)

# Fields ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_item_says_everything_a_partner_needs(client, guide_index):
    operator = OrganisationFactory(name="Alixio (test)", acronym="ALX", siren="200 058 014")
    fiche = published(
        guide_index,
        "Prêt pour recruter",
        operator=operator,
        promesse="Financez vos recrutements en CDI",
        aid_types=["pret", "accompagnement"],
        territories=["COM-94081", "DEP-91"],
        opening_date=days_from(today(), -10),
        closing_date=days_from(today(), 12),
        eligibility="Entreprise du territoire\n\n  Au moins 3 emplois créés  ",
    )
    fiche.audiences.set(Audience.objects.filter(slug="tpe"))
    fiche.sectors.set(Sector.objects.filter(slug="industrie"))
    fiche.save()
    loan_component = FinancialComponent.objects.create(
        page=fiche,
        aid_type=AidType.objects.get(slug="pret"),
        label="Prêt à taux zéro",
        amount=Decimal("15000"),
        unit=FinancialComponent.Unit.PER_JOB_CREATED,
        rate=Decimal("0"),
        duration_months=60,
        ceiling=Decimal("225000"),
        max_share_percent=Decimal("33.33"),
        max_share_basis="du programme d'emplois",
        territory=Territory.objects.get(kind="DEP", code="91"),
        conditions="Indissociable de l'accompagnement\nRemboursable sans frais",
    )
    FinancialComponentFactory(
        page=fiche,
        aid_type=AidType.objects.get(slug="accompagnement"),
        amount=None,
        advisory_days=10,
    )

    item = get_json(client, LIST)["results"][0]
    assert set(item) == ITEM_FIELDS
    assert item["id"] == str(fiche.aid_uuid)
    assert item["titre"] == "Prêt pour recruter"
    assert item["promesse"] == "Financez vos recrutements en CDI"
    assert item["url"] == "http://testserver/aides/pret-pour-recruter/"
    assert item["lien_permanent"] == f"http://testserver/a/{code_of(fiche)}/"
    assert item["statut"] == {
        "code": "ferme_bientot",
        "libelle": "Ferme bientôt",
        "jours_restants": 12,
    }
    assert item["date_ouverture"] == str(fiche.opening_date)
    assert item["date_cloture"] == str(fiche.closing_date)
    assert item["types"] == [
        {"slug": "pret", "libelle": "Prêt"},
        {"slug": "accompagnement", "libelle": "Accompagnement / conseil"},
    ]
    assert item["publics"] == [{"slug": "tpe", "libelle": "TPE (moins de 10 salariés)"}]
    assert item["secteurs"] == [{"slug": "industrie", "libelle": "Industrie"}]
    assert item["etapes"] == []
    assert {t["code_cog"] for t in item["territoires"]} == {"COM-94081", "DEP-91"}
    assert {"slug": "vitry-sur-seine", "nom": "Vitry-sur-Seine", "code_cog": "COM-94081"} in item[
        "territoires"
    ]
    assert item["operateur"] == {"nom": "Alixio (test)", "sigle": "ALX", "siren": "200058014"}
    loan, advice = item["volets"]
    assert loan == {
        "nature": {"slug": "pret", "libelle": "Prêt"},
        "intitule": "Prêt à taux zéro",
        "montant": 15000.0,
        "unite": {"code": "emploi_cree", "libelle": "par emploi créé"},
        "taux": 0.0,
        "duree_mois": 60,
        "plafond": 225000.0,
        "part_maximale": 33.33,
        "part_maximale_de": "du programme d'emplois",
        "jours_accompagnement": None,
        "part_des_unites": None,
        "territoire": {"slug": "essonne", "nom": "Essonne", "code_cog": "DEP-91"},
        "public": None,
        "secteur": None,
        "conditions": ["Indissociable de l'accompagnement", "Remboursable sans frais"],
        "resume": loan_component.facts(),  # as the fiche writes them
    }
    assert len(loan["resume"]) == 5 and "par emploi créé" in loan["resume"][0]
    assert advice["jours_accompagnement"] == 10 and advice["montant"] is None
    assert advice["territoire"] is None
    assert item["eligibilite"] == ["Entreprise du territoire", "Au moins 3 emplois créés"]
    assert item["cas_eligibilite"] == []  # the same conditions everywhere
    assert item["contacts"] == []  # the factory's contact is a person without consent
    updated = datetime.datetime.fromisoformat(item["date_mise_a_jour"])
    assert updated == fiche.last_published_at.replace(microsecond=0)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", item["date_mise_a_jour"])


@pytest.mark.django_db
def test_cases_and_component_restrictions_are_given_in_full(client, guide_index):
    page = AidPageFactory(parent=guide_index, title="Aide à cas", territories=["DEP-94"])
    add_case(
        page,
        territories_cog=["COM-94081"],
        company_sizes=["pme"],
        sectors=["industrie"],
        project_stages=["recrutement"],
        staff_min=10,
        staff_max=249,
        min_years_in_business=2,
        min_jobs_created=3,
        establishment="implantee",
    )
    add_case(page, audiences=["ess"])
    FinancialComponent.objects.create(
        page=page,
        aid_type=AidType.objects.get(slug="subvention"),
        amount=Decimal("2000"),
        unit=FinancialComponent.Unit.PER_HIRE,
        unit_share_count=2,
        unit_share_total=5,
        audience=Audience.objects.get(slug="pmi"),
        sector=Sector.objects.get(slug="industrie"),
    )
    page.save_revision().publish()

    item = get_json(client, LIST)["results"][0]
    vitry, ess = item["cas_eligibilite"]
    assert vitry == {
        "nom": "Vitry-sur-Seine",
        "territoires": [
            {"slug": "vitry-sur-seine", "nom": "Vitry-sur-Seine", "code_cog": "COM-94081"}
        ],
        "publics": [],
        "categories_entreprise": [
            {
                "slug": "pme",
                "libelle": vitry["categories_entreprise"][0]["libelle"],
                "code_insee": "PME",
            }
        ],
        "secteurs": [{"slug": "industrie", "libelle": "Industrie"}],
        "etapes": [{"slug": "recrutement", "libelle": "Recrutement"}],
        "effectif_minimal": 10,
        "effectif_maximal": 249,
        "annees_existence_minimal": 2,
        "emplois_crees_minimal": 3,
        "implantation": {"code": "implantee", "libelle": "Déjà implantée sur le territoire"},
    }
    assert ess["nom"] == "Cas 2" and ess["territoires"] == []
    assert [p["slug"] for p in ess["publics"]] == ["ess"] and ess["implantation"] is None
    (grant,) = item["volets"]
    assert grant["public"] == {"slug": "pmi", "libelle": "PMI (petites et moyennes industries)"}
    assert grant["secteur"] == {"slug": "industrie", "libelle": "Industrie"}
    assert grant["territoire"] is None
    assert grant["part_des_unites"]["unites_aidees"] == 2 and grant["part_des_unites"]["sur"] == 5
    assert grant["part_des_unites"]["texte"] in grant["resume"]


@pytest.mark.django_db
def test_the_detail_adds_the_rich_text_as_html_with_absolute_links(client, guide_index):
    target = published(guide_index, "Prêt d'honneur", slug="pret-honneur")
    fiche = published(
        guide_index,
        "Subvention",
        description=(
            f'<p>Voir aussi le <a linktype="page" id="{target.pk}">prêt d\'honneur</a> et '
            '<a href="https://www.exemple.example/">l\'opérateur</a>.</p>'
        ),
        how_to_apply="<ol><li>Appelez le service</li><li><b>Déposez</b> le dossier</li></ol>",
    )
    body = get_json(client, detail_url(fiche))
    assert set(body) == DETAIL_FIELDS
    assert body["id"] == str(fiche.aid_uuid)
    assert 'href="http://testserver/aides/pret-honneur/"' in body["description"]
    assert 'href="https://www.exemple.example/"' in body["description"]
    assert "linktype" not in body["description"]
    assert body["comment_en_beneficier"] == (
        "<ol><li>Appelez le service</li><li><b>Déposez</b> le dossier</li></ol>"
    )
    empty = published(guide_index, "Sans étapes", how_to_apply="")
    assert get_json(client, detail_url(empty))["comment_en_beneficier"] == ""


@pytest.mark.django_db
def test_only_mailboxes_and_consenting_people_are_published(client, guide_index):
    fiche = published(guide_index, "Aide", with_contact=False)
    mailbox = ContactFactory(
        kind=Contact.Kind.MAILBOX, name="Service entreprises", email="entreprises@exemple.example"
    )
    agreed = ContactFactory(
        name="Edith Blard",
        role="Chargée de mission",
        email="edith.blard@exemple.example",
        phone="+33619918462",
        publication_consent=True,
    )
    refused = ContactFactory(name="Jean Hespel", email="jean.hespel@exemple.example")
    for contact in (refused, mailbox, agreed):
        AidContact.objects.create(page=fiche, contact=contact, referral_note="De la part du GOSB")
    AidContact.objects.filter(contact=agreed).update(referral_note="")

    item = get_json(client, LIST)["results"][0]
    assert item["contacts"] == [
        {
            "type": "service",
            "nom": "Service entreprises",
            "fonction": None,
            "organisation": mailbox.organisation.name,
            "email": "entreprises@exemple.example",
            "telephone": "+33199001234",
            "note_recommandation": "De la part du GOSB",
        },
        {
            "type": "personne",
            "nom": "Edith Blard",
            "fonction": "Chargée de mission",
            "organisation": agreed.organisation.name,
            "email": "edith.blard@exemple.example",
            "telephone": "+33619918462",
            # A blank line still carries the guide's note, as on the site.
            "note_recommandation": "À contacter de la part du Grand-Orly Seine Bièvre",
        },
    ]
    for url in (LIST, detail_url(fiche)):
        content = client.get(url).content
        assert b"Jean Hespel" not in content and b"jean.hespel" not in content


# What is never shown -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_draft_unpublished_private_or_foreign_fiche_ever(client, guide_index):
    shown = published(guide_index, "Aide publiée")
    draft = AidPageFactory(parent=guide_index, title="Aide en brouillon", live=False)
    withdrawn = published(guide_index, "Aide retirée")
    withdrawn.unpublish()
    restricted = published(guide_index, "Aide réservée")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    # Another site's guide is not the default site's.
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="autre")
    Site.objects.create(hostname="autre.example", root_page=other_home)
    elsewhere = published(AidIndexPageFactory(parent=other_home), "Aide d'un autre site")
    # A newer draft of a published fiche stays unpublished.
    shown.title = "Titre du brouillon"
    shown.promesse = "Promesse du brouillon"
    shown.save_revision()

    for query in ({}, {"statut": "tous"}, {"q": "aide", "statut": "tous"}):
        items = get_json(client, LIST, query)["results"]
        assert ids(items) == [str(shown.aid_uuid)], query
    body = get_json(client, detail_url(shown))
    assert (body["titre"], body["promesse"]) == ("Aide publiée", "Financez vos recrutements en CDI")
    for hidden in (draft, withdrawn, restricted, elsewhere):
        answer = get_json(client, detail_url(hidden), status=404)
        assert answer["detail"] == f"Aucune fiche publiée ne porte l'identifiant {hidden.aid_uuid}."
    everything = b"".join(
        client.get(url).content for url in (LIST + "?statut=tous", detail_url(shown))
    )
    assert b"brouillon" not in everything


@pytest.mark.django_db
def test_a_restricted_guide_hides_all_its_fiches(client, guide_index):
    fiche = published(guide_index, "Aide")
    PageViewRestriction.objects.create(
        page=guide_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert get_json(client, LIST, {"statut": "tous"})["count"] == 0
    get_json(client, detail_url(fiche), status=404)


@pytest.mark.django_db
def test_english_translations_only_with_lang_en(client, guide):
    home, index = guide
    fiche = published(index, "Prêt d'honneur", slug="pret-honneur", aid_types=["pret"])
    untranslated = published(index, "Subvention")
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = fiche.copy_for_translation(english)
    translated.title, translated.slug = "Honour loan", "honour-loan"
    translated.save_revision().publish()

    french = get_json(client, LIST)
    assert sorted(item["titre"] for item in french["results"]) == ["Prêt d'honneur", "Subvention"]
    assert b"Honour loan" not in client.get(LIST).content

    response = client.get(LIST, {"lang": "en"})
    assert response["Content-Language"] == "en"
    (item,) = response.json()["results"]
    assert item["titre"] == "Honour loan"
    assert item["id"] == str(fiche.aid_uuid)  # the national id is shared
    assert item["url"] == "http://testserver/en/aides/honour-loan/"
    assert item["lien_permanent"] == f"http://testserver/en/a/{code_of(fiche)}/"
    assert item["types"] == [{"slug": "pret", "libelle": "Loan"}]

    assert get_json(client, detail_url(fiche))["titre"] == "Prêt d'honneur"
    assert get_json(client, detail_url(fiche), {"lang": "en"})["titre"] == "Honour loan"
    missing = get_json(client, detail_url(untranslated), {"lang": "en"}, status=404)
    assert "lang=fr" in missing["detail"]
    invalid = get_json(client, LIST, {"lang": "de"}, status=400)
    assert invalid["erreurs"] == [
        {"parametre": "lang", "message": "« lang » vaut « fr » ou « en »."}
    ]


# Filters -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_like_on_the_listing(client, guide_index):
    loan = published(guide_index, "Prêt", aid_types=["pret"])
    grant = published(guide_index, "Subvention", aid_types=["subvention"])
    query = {"type": ["pret", "inconnu"], "commune": "paris", "statut": "n'importe", "tri": "x"}
    assert ids(get_json(client, LIST, query)["results"]) == [str(loan.aid_uuid)]
    everything = {"effectif": "beaucoup", "public": "personne", "q": "x" * 201}
    assert set(ids(get_json(client, LIST, everything)["results"])) == {
        str(loan.aid_uuid),
        str(grant.aid_uuid),
    }

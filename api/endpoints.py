"""The API's operations, all GET: the index, the fiches (list and detail), the vocabularies.

The list reads the listing's own parameters with the listing's own form and search
(``AidFilterForm``, ``listing_search``): the same query string selects the same fiches, in the
same order, on ``/aides/`` and on ``/api/v1/aides/``.

Which fiches: the published fiches of the request's site's guides in one language
(``AidPage.objects.of_site``). Each territory is a Wagtail ``Site`` with its own host:
``fonds13.example/api/v1/`` serves that site's fiches and never another site's
(``Site.find_for_request``, which falls back on the default site for an unknown host). Never a
draft, an unpublished fiche, nor a page under a view restriction; the page rows are read, never
revisions (a published fiche with a newer draft shows its published version). In English, the
published translations of the French guides: a fiche appears in English once translated and
published.
"""

import uuid
from typing import Annotated

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from ninja import Path, Query, Router
from ninja.errors import HttpError
from wagtail.models import Site

from api.fiches import FicheWriter
from api.paging import paginate
from api.schemas import (
    Error,
    FicheDetail,
    FicheListQuery,
    FichePage,
    Index,
    LanguageQuery,
    Vocabularies,
)
from api.vocabularies import vocabularies
from guide.listing.filters import AidFilterForm
from guide.listing.search import listing_search
from guide.models import AidPage

router = Router()

ERRORS = {400: Error, 404: Error, 429: Error}


def absolute(request, name):
    return request.build_absolute_uri(reverse(f"guide_api:{name}"))


@router.get(
    "/",
    response={200: Index, 429: Error},
    url_name="index",
    operation_id="index",
    summary="Les adresses de l'API",
    tags=["API"],
)
def index(request):
    return {
        "aides": absolute(request, "fiche_list"),
        "vocabulaires": absolute(request, "vocabularies"),
        "openapi": absolute(request, "openapi-json"),
        "documentation": absolute(request, "docs"),
    }


@router.get(
    "/aides/",
    response={200: FichePage, **ERRORS},
    url_name="fiche_list",
    operation_id="lister_aides",
    summary="Lister les fiches publiées, filtrées comme la liste du site",
    tags=["Aides"],
)
def fiche_list(request, response: HttpResponse, filters: Query[FicheListQuery]):
    """Les paramètres de filtre sont ceux de la liste du site (`/aides/`) : une valeur inconnue
    est ignorée. Par défaut, seules les aides ouvertes (`statut=ouvert`) ; `statut=tous` pour
    toutes. Une page au-delà de la dernière répond 404."""
    response["Content-Language"] = filters.lang
    with translation.override(filters.lang):
        # The listing's form reads the query string itself, exactly as on /aides/.
        form = AidFilterForm(request.GET)
        params = form.params()
        site = Site.find_for_request(request)
        base = AidPage.objects.of_site(site, filters.lang).with_relations()
        results = listing_search(base, form, params, language=filters.lang).ordered_results()
        page = paginate(request, results, filters.page, filters.page_size)
        return {
            "count": page.count,
            "next": page.next,
            "previous": page.previous,
            "results": FicheWriter(request).items(page.items),
        }


def missing_fiche(site, aid_id, language):
    """Why there is no fiche: a fiche of another site is unknown here, as any other id."""
    if language != "fr" and AidPage.objects.of_site(site, "fr").filter(aid_uuid=aid_id).exists():
        return (
            f"La fiche {aid_id} n'est pas publiée en « {language} » : demandez-la en français "
            "(lang=fr)."
        )
    return f"Aucune fiche publiée ne porte l'identifiant {aid_id}."


@router.get(
    "/aides/{aid_id}/",
    response={200: FicheDetail, **ERRORS},
    url_name="fiche_detail",
    operation_id="lire_aide",
    summary="Une fiche publiée, par son identifiant national",
    tags=["Aides"],
)
def fiche_detail(
    request,
    response: HttpResponse,
    options: Query[LanguageQuery],
    aid_id: Annotated[uuid.UUID, Path(description="Identifiant national de la fiche (UUID).")],
):
    """La fiche dans la langue demandée, avec sa description et « comment demander » en HTML
    et l'encadré « Préparez votre appel ». 404 pour un identifiant inconnu, une fiche non
    publiée ou sans traduction."""
    response["Content-Language"] = options.lang
    with translation.override(options.lang):
        site = Site.find_for_request(request)
        fiches = AidPage.objects.of_site(site, options.lang).filter(aid_uuid=aid_id)
        fiche = fiches.with_relations().first()
        if fiche is None:
            raise HttpError(404, missing_fiche(site, aid_id, options.lang))
        return FicheWriter(request).detail(fiche)


@router.get(
    "/vocabulaires/",
    response={200: Vocabularies, **ERRORS},
    url_name="vocabularies",
    operation_id="lister_vocabulaires",
    summary="Les valeurs des filtres de la liste",
    tags=["Vocabulaires"],
)
def vocabulary_lists(request, response: HttpResponse, options: Query[LanguageQuery]):
    response["Content-Language"] = options.lang
    with translation.override(options.lang):
        return vocabularies()

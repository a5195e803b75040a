"""The ``NinjaAPI`` of ``/api/v1/``: its OpenAPI description and its French error answers.

Only GET operations are declared (``endpoints.py``); ``http.public_read_only`` refuses every
other method on every URL anyway. The interactive documentation is served by ``docs.py``.
"""

from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from api.endpoints import router
from api.paging import page_size_max

DESCRIPTION = """\
Les fiches publiées du guide des aides aux entreprises de ce site, en lecture seule. Chaque
territoire a son site et son API : elle ne donne que les fiches du site qui répond.

- La liste `/aides/` prend les paramètres de la liste du site (`/aides/?type=pret&commune=…`)
  et renvoie les mêmes fiches, dans le même ordre, par pages (`page`, `page_size`).
- Chaque fiche porte son identifiant national (`id`, un UUID) et son lien permanent.
- `/vocabulaires/` donne les valeurs des filtres.
- Quand les conditions diffèrent d'un territoire ou d'un public à l'autre, une fiche a des
  cas d'éligibilité (`cas_eligibilite`) : une entreprise est éligible si elle remplit les
  critères de la fiche et ceux d'au moins un de ses cas.
- `lang=en` : les fiches traduites en anglais.
- Seules les fiches publiées sont diffusées ; les contacts, seulement s'il s'agit d'une boîte
  fonctionnelle ou d'une personne qui a accepté d'être publiée (à défaut, le contact
  entreprises du territoire).
- Réponses en cache 5 minutes (`ETag`, `If-None-Match`) ; au plus 120 requêtes par minute et
  par adresse IP (429 et `Retry-After` au-delà).
"""


class JSONInUTF8(JSONRenderer):
    """JSON with accented letters as they are (``"Prêt"``, not ``"Pr\\u00eat"``)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="API du guide des aides aux entreprises",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="guide_api",
    openapi_url="/openapi.json",
    docs_url=None,  # served by api.docs, only with local assets
    # Swagger UI's online validator badge would call a third-party server: off.
    docs=Swagger(settings={"validatorUrl": None}),
    renderer=JSONInUTF8(),
)
api.add_router("", router)


# Errors ----------------------------------------------------------------------------------------

PARAMETER_MESSAGES = {
    "page": "« page » est un nombre entier à partir de 1.",
    "page_size": "« page_size » est un nombre entier à partir de 1 (au plus {max}).",
    "lang": "« lang » vaut « fr » ou « en ».",
    "aid_id": (
        "L'identifiant d'une fiche est un UUID, par exemple "
        "« 3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f »."
    ),
}


def parameter_name(error):
    """The query or path parameter an error of ninja's validation is about."""
    location = [str(part) for part in error.get("loc", ())]
    return location[1] if len(location) > 1 else (location[0] if location else "")


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    errors = []
    for error in exc.errors:
        name = parameter_name(error)
        message = PARAMETER_MESSAGES.get(name, "« {name} » est invalide.")
        errors.append(
            {"parametre": name, "message": message.format(name=name, max=page_size_max())}
        )
    detail = " ".join(dict.fromkeys(error["message"] for error in errors))
    return api.create_response(
        request, {"detail": f"Paramètre invalide : {detail}", "erreurs": errors}, status=400
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)

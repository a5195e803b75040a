"""JSON-LD of a fiche: a schema.org ``GovernmentService`` and its ``BreadcrumbList``.

The service is provided by the territory (GuideSettings' name) and operated by the fiche's
operator; ``areaServed`` lists its territories; each financial component with an amount or a
ceiling is an ``Offer`` in euros, valid through the closing date.
"""

from django.utils.translation import gettext as _

from core.ancestors import breadcrumb_ancestors
from guide.status import Status


def organisation(org):
    data = {"@type": "Organization", "name": org.name}
    if org.website:
        data["url"] = org.website
    if org.siren:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "SIREN", "value": org.siren}
    return data


def offers(fiche, components=None):
    found = []
    for component in components if components is not None else fiche.financial_components.all():
        price = component.amount if component.amount is not None else component.ceiling
        if price is None:
            continue
        offer = {
            "@type": "Offer",
            "name": component.title,
            "description": ", ".join(component.facts()),
            "price": f"{price:.2f}",
            "priceCurrency": "EUR",
        }
        if fiche.closing_date:
            offer["validThrough"] = fiche.closing_date.isoformat()
        if fiche.opening_date:
            offer["validFrom"] = fiche.opening_date.isoformat()
        found.append(offer)
    return found


def government_service(fiche, request, territory_name, components=None):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": fiche.title,
        "description": fiche.promesse,
        "url": fiche.get_full_url(request),
        "identifier": str(fiche.aid_uuid),
        "provider": {"@type": "GovernmentOrganization", "name": territory_name},
        "areaServed": [
            {"@type": "AdministrativeArea", "name": territory.name}
            for territory in fiche.territories.all()
        ],
        "serviceType": ", ".join(t.name for t in fiche.aid_types.all()),
    }
    if fiche.operator_id:
        data["serviceOperator"] = organisation(fiche.operator)
    found = offers(fiche, components)
    if found:
        data["offers"] = found
    if fiche.status.code == Status.CLOSED:
        data["termsOfService"] = _("Dispositif clôturé")
    return data


def breadcrumb(page, request):
    items = [*breadcrumb_ancestors(page), page]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": _("Accueil") if item.depth == 2 else item.title,
                "item": item.get_full_url(request),
            }
            for position, item in enumerate(items, start=1)
        ],
    }

"""POST data for the fiche's admin form, as the Wagtail editor sends it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from guide.models import AidType, Territory


def fiche_form_data(operator, contact, **overrides):
    """A complete fiche: every tab filled, one loan component, one contact with its note.

    Multi-valued fields are tuples: ``nested_form_data`` would turn a list into indexed keys.
    """
    loan = AidType.objects.get(slug="pret")
    data = {
        "title": "Prêt d'honneur Bièvre",
        "slug": "pret-honneur-bievre",
        "promesse": "Financez le démarrage de votre entreprise sans garantie personnelle",
        "description": rich_text("<p>Un prêt personnel sans intérêts pour les créateurs.</p>"),
        "how_to_apply": rich_text(""),
        "operator": operator.pk,
        "operator_url": "https://www.example.org/pret",
        "application_url": "",
        "documents": inline_formset([]),
        "eligibility": "Créateur d'entreprise\nProjet implanté sur le territoire",
        "eligibility_cases": inline_formset([]),
        "territories": (Territory.objects.get(kind="EPCI", code="200058014").pk,),
        "staff_min": "",
        "staff_max": "",
        "min_years_in_business": "",
        "aid_types": (loan.pk,),
        "financial_components": inline_formset(
            [
                {
                    "aid_type": loan.pk,
                    "label": "Prêt à taux zéro",
                    "amount": "15000",
                    "unit": "emploi_cree",
                    "rate": "0",
                    "duration_months": "60",
                    "ceiling": "225000",
                    "max_share_percent": "",
                    "max_share_basis": "",
                    "advisory_days": "",
                    "territory": "",
                    "audience": "",
                    "sector": "",
                    "unit_share_count": "",
                    "unit_share_total": "",
                    "conditions": "Sans caution personnelle",
                }
            ]
        ),
        "opening_date": "2026-01-01",
        "closing_date": "2026-12-31",
        "recurrence": "ponctuelle",
        "manual_state": "",
        "last_verified": "2026-11-02",
        "contacts": inline_formset(
            [{"contact": contact.pk, "referral_note": "À contacter de la part du GOSB"}]
        ),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def contact_form(contact, **changes):
    """The snippet editor's POST data for ``contact`` (a Contact), with ``changes``."""
    data = {
        "site": contact.site_id,
        "kind": contact.kind,
        "name": contact.name,
        "organisation": contact.organisation_id,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "last_confirmed": "",
    }
    data.update(changes)
    return data


def eligibility_case(territories=(), audiences=(), establishment="", **fields):
    """One line of the « Cas d'éligibilité » panel, as the editor sends it: ``territories`` and
    ``audiences`` are model instances; ``fields`` the other fields' typed values."""
    data = {
        "territories": tuple(territory.pk for territory in territories),
        "audiences": tuple(audience.pk for audience in audiences),
        "company_sizes": (),
        "sectors": (),
        "project_stages": (),
        "staff_min": "",
        "staff_max": "",
        "min_years_in_business": "",
        "min_jobs_created": "",
        "establishment": establishment,
    }
    data.update(fields)
    return data

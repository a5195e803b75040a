"""Results of the GOSB demo programmes, and the text of its results page.

The source documents give no figure for the Grand-Orly Seine Bièvre programmes, so these are
invented for the demonstration, and every one says so in its source and note: the charts need
several years to show anything. The Bouches-du-Rhône figure is real (second_territory.py).
"""

import datetime

# Not « en-chiffres »: as the first segment of a path, Django reads « en-… » as a variant of
# English (django.utils.translation.get_language_from_path) and the page could not be reached.
RESULTS_PAGE = {
    "slug": "revitalisation-en-chiffres",
    "title": "La revitalisation en chiffres",
    "intro": (
        "<p>Ce que les conventions de revitalisation et les programmes du territoire ont permis : "
        "entreprises soutenues, emplois créés et montants engagés, année par année.</p>"
    ),
}

FICTIONAL_SOURCE = "Chiffres fictifs de démonstration"
FICTIONAL_NOTE = (
    "Données inventées pour la démonstration du guide, à remplacer par les bilans présentés "
    "aux comités de pilotage."
)


def fictional(year, companies, jobs_created, jobs_maintained, loans, grants):
    return {
        "period_start": year,
        "companies_supported": companies,
        "jobs_created": jobs_created,
        "jobs_maintained": jobs_maintained,
        "loans_amount": loans,
        "grants_amount": grants,
        "source": FICTIONAL_SOURCE,
        "source_date": datetime.date(year + 1, 3, 15),
        "note": FICTIONAL_NOTE,
    }


# By programme key (organisations.PROGRAMMES).
RESULTS = {
    "revitalisation-gosb": [
        fictional(2021, 18, 64, 12, 420000, 95000),
        fictional(2022, 22, 81, 20, 510000, 120000),
        fictional(2023, 25, 96, 15, 585000, 140000),
        fictional(2024, 19, 70, 31, 450000, 105000),
        fictional(2025, 24, 88, 22, 560000, 130000),
    ],
    "fonds-bievre-fictif": [
        # A fund of grants only: no loan figure, rather than a loan of 0 €.
        fictional(2024, 6, 14, None, None, 60000),
        fictional(2025, 9, 21, 4, None, 85000),
    ],
}

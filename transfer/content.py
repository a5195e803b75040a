"""What a fiche says, as plain values: the common ground of the export, the comparison made by
an import, and the rows read from a file.

A fiche's content is what the editor sees: its latest revision when it has unpublished
changes, else its page row. Both are read without a query per fiche (the revision's JSON is
decoded field by field; the page's relations are prefetched).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.models import Locale, Revision

from guide.models import AidContact, AidPage, EligibilityCase, FinancialComponent

# Fields of the fiche that the column format covers (foreign keys as ids, many-to-many as sets
# of ids). Everything else on the page (SEO fields, documents, menus...) is left as it is.
PAGE_FIELDS = [
    "aid_uuid",
    "title",
    "slug",
    "promesse",
    "description",
    "covered_expenses",
    "project_examples",
    "how_to_apply",
    "call_checklist",
    "operator",
    "programme",
    "operator_url",
    "application_url",
    "staff_min",
    "staff_max",
    "min_years_in_business",
    "min_jobs_created",
    "eligibility",
    "opening_date",
    "closing_date",
    "recurrence",
    "manual_state",
    "last_verified",
    "is_featured",
]
M2M_FIELDS = [
    "funders",
    "audiences",
    "company_sizes",
    "sectors",
    "project_stages",
    "territories",
    "aid_types",
]
COMPONENT_FIELDS = [
    "aid_type",
    "label",
    "amount",
    "unit",
    "rate",
    "duration_months",
    "ceiling",
    "max_share_percent",
    "max_share_basis",
    "advisory_days",
    "territory",
    "audience",
    "sector",
    "unit_share_count",
    "unit_share_total",
    "conditions",
]
# An eligibility case: its figures and establishment as values, its vocabularies as sets of ids.
CASE_FIELDS = [
    "staff_min",
    "staff_max",
    "min_years_in_business",
    "min_jobs_created",
    "establishment",
]
CASE_M2M_FIELDS = list(EligibilityCase.VOCABULARIES)
CONTACT_LINE_FIELDS = ["contact", "referral_note"]


@dataclass(frozen=True)
class ExportedVersion:
    """The version of a fiche a row was exported from: its latest revision's id (« Version
    exportée »; ``None``: the fiche had no revision), or, in an export made before 2026-12,
    only that revision's date (``on``)."""

    revision_id: int | None = None
    on: object = None  # datetime.date, for the older exports


@dataclass
class FicheContent:
    """``values``: page fields by name; ``cases``: one dict per eligibility case (figures,
    ``establishment``, and each vocabulary as a frozenset of ids); ``components``: one dict per
    financial component; ``contacts``: one dict per contact line (``contact`` id and
    ``referral_note``; a row read from a file adds the contact's ``name``, ``organisation``,
    ``email`` and ``phone``)."""

    values: dict = field(default_factory=dict)
    cases: list = field(default_factory=list)
    components: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    exported: ExportedVersion | None = None  # a file's row: the version it was exported from


def _model_field(model, name):
    return model._meta.get_field(name)


def _from_object(obj, model, names):
    data = {}
    for name in names:
        model_field = _model_field(model, name)
        data[name] = getattr(obj, model_field.attname)
    return data


def content_from_page(page):
    """A page's own row (and its relations, prefetched by ``fiche_queryset``)."""
    values = _from_object(page, AidPage, PAGE_FIELDS)
    for name in M2M_FIELDS:
        values[name] = frozenset(obj.pk for obj in getattr(page, name).all())
    return FicheContent(
        values=values,
        cases=[case_from_object(case) for case in page.eligibility_cases.all()],
        components=[
            _from_object(component, FinancialComponent, COMPONENT_FIELDS)
            for component in page.financial_components.all()
        ],
        contacts=[
            _from_object(line, AidContact, CONTACT_LINE_FIELDS) for line in page.contacts.all()
        ],
    )


def case_from_object(case):
    data = _from_object(case, EligibilityCase, CASE_FIELDS)
    for name in CASE_M2M_FIELDS:
        data[name] = frozenset(obj.pk for obj in getattr(case, name).all())
    return data


def case_from_json(item):
    """A case in a revision's JSON: modelcluster writes its many-to-many as lists of ids."""
    data = _from_json(item, EligibilityCase, CASE_FIELDS)
    for name in CASE_M2M_FIELDS:
        data[name] = frozenset(item.get(name) or ())
    return data


def _from_json(data, model, names):
    decoded = {}
    for name in names:
        model_field = _model_field(model, name)
        value = data.get(name)
        if model_field.is_relation:
            decoded[name] = value
        else:
            decoded[name] = model_field.to_python(value) if value is not None else None
            if decoded[name] is None and not model_field.null:
                decoded[name] = model_field.get_default()
    return decoded


def content_from_revision(revision_content):
    """A revision's JSON (``Revision.content``), decoded without touching the database."""
    values = _from_json(revision_content, AidPage, PAGE_FIELDS)
    for name in M2M_FIELDS:
        values[name] = frozenset(revision_content.get(name) or ())
    return FicheContent(
        values=values,
        cases=[case_from_json(item) for item in revision_content.get("eligibility_cases") or ()],
        components=[
            _from_json(item, FinancialComponent, COMPONENT_FIELDS)
            for item in revision_content.get("financial_components") or ()
        ],
        contacts=[
            _from_json(item, AidContact, CONTACT_LINE_FIELDS)
            for item in revision_content.get("contacts") or ()
        ],
    )


def fiche_queryset():
    """The French fiches (the default locale), with everything the content needs prefetched."""
    return (
        AidPage.objects.filter(locale=Locale.get_default())
        .prefetch_related(
            *M2M_FIELDS,
            # sort_order, then pk: a stable order even where lines share a sort_order.
            Prefetch(
                "financial_components",
                queryset=FinancialComponent.objects.order_by("sort_order", "pk"),
            ),
            Prefetch(
                "eligibility_cases",
                queryset=EligibilityCase.objects.order_by("sort_order", "pk").prefetch_related(
                    *CASE_M2M_FIELDS
                ),
            ),
            Prefetch("contacts", queryset=AidContact.objects.order_by("sort_order", "pk")),
        )
        .order_by("path")
    )


def latest_contents(pages):
    """``{page.pk: FicheContent}`` of the latest content of each page.

    Pages with unpublished changes are read from their latest revision (one query for all);
    the others from their (prefetched) row.
    """
    pending = {
        page.latest_revision_id: page.pk
        for page in pages
        if page.has_unpublished_changes and page.latest_revision_id
    }
    contents = {}
    if pending:
        revisions = Revision.objects.filter(pk__in=list(pending)).values_list("pk", "content")
        for revision_pk, revision_content in revisions.iterator(chunk_size=500):
            contents[pending[revision_pk]] = content_from_revision(revision_content)
    for page in pages:
        if page.pk not in contents:
            contents[page.pk] = content_from_page(page)
    return contents

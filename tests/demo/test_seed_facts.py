"""The demo's fiches built from the sources say what the sources say, and nothing more.

``demo/seed_facts.py`` lists each fact of these fiches with the sentence it comes from. Here:
each sentence is in its source; the loaded demo has exactly these values, and nothing in the
other audited fields (no verification date, sector, funder or figure the table does not
source); every other fiche of the demo is fictitious and says so.
"""

from decimal import Decimal

import pytest
from wagtail.models import Locale

from core.fields import lines_of
from demo import fiches, second_territory
from demo.seed_facts import (
    CASE_FIELDS,
    COMPONENT_FIELDS,
    DEMO_CONTACT_MARK,
    DEMO_CONTACTS,
    EMPTY,
    FICHE_FIELDS,
    SEED_FACTS,
    SOURCES,
)
from guide.models import AidPage

VOCABULARIES = {"aid_types", "audiences", "company_sizes", "sectors", "project_stages"}
TEXT_LISTS = {"conditions", "covered_expenses", "project_examples", "call_checklist"}
LISTS = {*VOCABULARIES, *TEXT_LISTS, "territories", "funders", "programme.funders", "contacts"}
FICTIONAL = "(fictif)"


def normalised(text):
    """``text`` with each run of whitespace (non-breaking spaces included) as one space."""
    return " ".join(text.split())


def source_text(key):
    return normalised(SOURCES[key].read_text(encoding="utf-8"))


def plain(value):
    """A database value as the table writes it: "" as None, a whole Decimal as an int."""
    if value == "":
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return value


def read(obj, name):
    """The value of ``obj``'s field ``name`` in the table's terms (see demo/seed_facts.py)."""
    if name in VOCABULARIES:
        return sorted(term.slug for term in getattr(obj, name).all())
    if name == "territories":
        return sorted(territory.cog_code for territory in obj.territories.all())
    if name in ("aid_type", "audience", "sector"):
        term = getattr(obj, name)
        return term.slug if term else None
    if name == "territory":
        return obj.territory.cog_code if obj.territory else None
    if name in TEXT_LISTS:
        return lines_of(getattr(obj, name))
    if name == "operator":
        return obj.operator.name if obj.operator else None
    if name == "operator.website":
        return plain(obj.operator.website) if obj.operator else None
    if name == "funders":
        return sorted(funder.name for funder in obj.funders.all())
    if name == "programme":
        return obj.programme.name if obj.programme else None
    if name == "programme.funders":
        return sorted(f.name for f in obj.programme.funders.all()) if obj.programme else []
    if name == "programme.start_year":
        return obj.programme.start_year if obj.programme else None
    if name == "contacts":
        return [
            (line.contact.name, line.contact.email, line.contact.phone)
            for line in obj.contacts.order_by("sort_order")
        ]
    return plain(getattr(obj, name))


def empty(name):
    base = name.rsplit(".", 1)[-1] if name.startswith(("components", "cases")) else name
    return [] if base in LISTS else EMPTY.get(base)


def audited_values(page):
    """{field path: value} of every field the table audits on ``page``."""
    values = {name: read(page, name) for name in (*FICHE_FIELDS, "contacts")}
    for position, line in enumerate(page.financial_components.order_by("sort_order")):
        for name in COMPONENT_FIELDS:
            values[f"components[{position}].{name}"] = read(line, name)
    for position, case in enumerate(page.eligibility_cases.order_by("sort_order")):
        for name in CASE_FIELDS:
            values[f"cases[{position}].{name}"] = read(case, name)
    return values


def french(slug):
    return AidPage.objects.get(slug=slug, locale=Locale.get_default())


def test_every_sentence_is_in_its_source():
    texts = {key: source_text(key) for key in SOURCES}
    for slug, fiche in SEED_FACTS.items():
        for fact in fiche.facts:
            assert normalised(fact.source) in texts[fiche.source], (slug, fact.field, fact.source)


def test_a_field_has_one_value_however_many_sentences_give_it():
    for slug, fiche in SEED_FACTS.items():
        values = {}
        for fact in fiche.facts:
            assert values.setdefault(fact.field, fact.value) == fact.value, (slug, fact.field)


def test_the_table_covers_the_fiches_built_from_the_sources():
    built = [spec["slug"] for spec in (*fiches.SEED_FICHES, *second_territory.FICHES)]
    assert sorted(built) == sorted(SEED_FACTS)


@pytest.mark.django_db
def test_each_seed_fiche_has_exactly_the_facts_of_its_sources(demo_guide):
    wrong = []  # every difference, so that one run names them all
    for slug, fiche in SEED_FACTS.items():
        expected = {fact.field: fact.value for fact in fiche.facts}
        actual = audited_values(french(slug))
        for name in sorted(set(expected) - set(actual)):
            wrong.append(f"{slug} {name}: the table names a field the fiche lacks")
        for name, value in actual.items():
            if name == "contacts" and slug in DEMO_CONTACTS:
                continue
            wanted = expected.get(name, empty(name))
            if value != wanted:
                wrong.append(f"{slug} {name}: the demo says {value!r}, the table {wanted!r}")
    assert wrong == []


@pytest.mark.django_db
def test_a_seed_fiche_without_a_sourced_contact_shows_demonstration_coordinates(demo_guide):
    for slug in DEMO_CONTACTS:
        lines = list(french(slug).contacts.all())
        assert lines, slug
        for line in lines:
            assert DEMO_CONTACT_MARK in line.contact.role, (slug, line.contact.name)
            assert line.contact.email.endswith(".example"), (slug, line.contact.email)


@pytest.mark.django_db
def test_no_seed_fiche_shows_a_verification_date_its_source_does_not_give(demo_guide):
    sourced = {
        slug
        for slug, fiche in SEED_FACTS.items()
        if any(fact.field == "last_verified" for fact in fiche.facts)
    }
    keys = [french(slug).translation_key for slug in SEED_FACTS if slug not in sourced]
    translations = AidPage.objects.filter(translation_key__in=keys)
    assert translations.count() > len(keys)  # the English versions are checked too
    assert [page.slug for page in translations if page.last_verified] == []


@pytest.mark.django_db
def test_every_other_fiche_is_fictitious_and_says_so(demo_guide):
    others = AidPage.objects.filter(locale=Locale.get_default()).exclude(slug__in=SEED_FACTS)
    assert others.count() >= 20
    for page in others.select_related("operator", "programme"):
        assert FICTIONAL in page.operator.name, (page.slug, page.operator.name)
        if page.programme:
            assert FICTIONAL in page.programme.name, (page.slug, page.programme.name)
        for line in page.contacts.select_related("contact"):
            assert line.contact.email.endswith(".example"), (page.slug, line.contact.email)
    # A real organisation is never presented as fictitious, nor the reverse.
    for slug in SEED_FACTS:
        assert FICTIONAL not in french(slug).operator.name

"""The fiche says what is covered and how to apply: « Dépenses couvertes », « Exemples de
projets », « Comment demander » with the online application link, and « Préparez votre appel »
beside the contacts (the fiche's own list, else the guide's default, in the page's language).
Each list is sent to translators one line at a time, and an English fiche shows its lines."""

import html
import re

import pytest
from wagtail.models import Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from guide.models import AidContact, AidPage, GuideSettings
from guide.models.settings import DEFAULT_CALL_CHECKLIST, DEFAULT_ENGLISH_CALL_CHECKLIST
from guide.templatetags.link_tags import link_host
from tests.support.factories import AidPageFactory, ContactFactory
from tests.support.html_validation import validate
from tests.support.pages import publish_translation, translate_guide

pytestmark = pytest.mark.django_db

EXPENSES = (
    "Matériel et équipements professionnels (four, vitrine réfrigérée, machine)\n"
    "Travaux d'aménagement et de mise aux normes du local"
)
EXAMPLES = "Une boulangerie qui remplace son four\nUn fleuriste qui refait sa devanture"
STEPS = "<ol><li>Appelez le réseau avant de commander.</li><li>Déposez vos devis.</li></ol>"
APPLY_URL = "https://www.demarches.commerce.example/modernisation?source=guide"
CHECKLIST = "Votre numéro SIRET\nVos devis, non signés"


def full_fiche(parent, **fields):
    values = {
        "title": "Modernisation des commerces",
        "covered_expenses": EXPENSES,
        "project_examples": EXAMPLES,
        "how_to_apply": STEPS,
        "application_url": APPLY_URL,
        "call_checklist": CHECKLIST,
        **fields,
    }
    page = AidPageFactory(parent=parent, **values)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def text_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(text, title_id):
    """The HTML of the section labelled by the heading ``title_id``."""
    start = text.index(f'aria-labelledby="{title_id}"')
    return text[start : text.index("</section>", start)]


def list_items(fragment):
    return re.findall(r"<li>(.*?)</li>", fragment)


def test_every_section_in_the_order_a_business_owner_reads_them(client, guide_index):
    page = full_fiche(guide_index, with_contact=False)
    contact = ContactFactory(publication_consent=True)
    AidContact.objects.create(page=page, contact=contact, referral_note="De la part du GOSB")
    text = text_of(client, page)
    headings = [
        '<h2 id="eligibility-title">Pour qui ?</h2>',
        '<h2 id="covered-title">Dépenses couvertes</h2>',
        '<h2 id="examples-title">Exemples de projets</h2>',
        '<h2 id="description-title">En détail</h2>',
        '<h2 id="apply-title">Comment demander</h2>',
        '<h2 id="contacts-title">Qui contacter</h2>',
        "<h3>Préparez votre appel</h3>",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert list_items(section(text, "covered-title")) == EXPENSES.splitlines()
    assert list_items(section(text, "examples-title")) == EXAMPLES.splitlines()
    steps = section(text, "apply-title")
    assert "<ol><li>Appelez le réseau avant de commander.</li>" in steps
    # The checklist is a sub-part of the contacts, after the contact cards.
    contacts = section(text, "contacts-title")
    assert contacts.index('class="contact-card"') < contacts.index("Préparez votre appel")
    assert list_items(contacts.split("Préparez votre appel", 1)[1]) == CHECKLIST.splitlines()


def test_the_application_link_leaves_for_the_operators_site_and_says_so(client, guide_index):
    steps = section(text_of(client, full_fiche(guide_index)), "apply-title")
    link = re.search(r'<a class="button button--external" href="([^"]+)" rel="external">', steps)
    assert link and link.group(1) == APPLY_URL
    # The link's text (its accessible name) says where it leads and that it leaves the guide;
    # it comes after the steps.
    name = steps.split(link.group(0), 1)[1].split("</a>", 1)[0]
    assert " ".join(re.sub(r"<[^>]+>", " ", name).split()) == (
        "Déposer une demande en ligne sur demarches.commerce.example (site externe)"
    )
    assert steps.index("<ol>") < steps.index(link.group(0))


def test_the_steps_alone_or_the_link_alone_make_the_section(client, guide_index):
    steps_only = text_of(client, full_fiche(guide_index, application_url=""))
    assert "Comment demander" in steps_only and "Déposer une demande en ligne" not in steps_only
    link_only = text_of(client, full_fiche(guide_index, how_to_apply="", slug="lien-seul"))
    assert "Déposer une demande en ligne" in section(link_only, "apply-title")


def test_an_empty_list_or_step_shows_no_section(client, guide_index):
    page = AidPageFactory(parent=guide_index)  # none of the fields filled
    text = text_of(client, page)
    for absent in (
        "Dépenses couvertes",
        "Exemples de projets",
        "Comment demander",
        "button--external",
    ):
        assert absent not in text, absent
    # Blank lines only are no list either.
    page.covered_expenses = "\n  \n"
    page.project_examples = " "
    page.save_revision().publish()
    text = text_of(client, page)
    assert "Dépenses couvertes" not in text and "Exemples de projets" not in text


def test_without_its_own_list_a_fiche_shows_the_guides_default_and_its_own_list_wins(
    client, guide_index
):
    plain = AidPageFactory(parent=guide_index)
    contacts = section(text_of(client, plain), "contacts-title")
    assert "<h3>Préparez votre appel</h3>" in contacts
    assert list_items(contacts.split("Préparez votre appel", 1)[1]) == (
        DEFAULT_CALL_CHECKLIST.splitlines()
    )
    # The guide's own default, once an administrator edits it.
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.call_checklist = "Votre Kbis\nVotre dernier bilan"
    settings.save()
    contacts = section(text_of(client, plain), "contacts-title")
    assert list_items(contacts.split("Préparez votre appel", 1)[1]) == [
        "Votre Kbis",
        "Votre dernier bilan",
    ]
    own = full_fiche(guide_index, slug="liste-propre")
    contacts = section(text_of(client, own), "contacts-title")
    assert list_items(contacts.split("Préparez votre appel", 1)[1]) == CHECKLIST.splitlines()
    assert "Votre Kbis" not in contacts


def test_an_english_fiche_shows_the_english_default_or_its_translated_lists(client, guide):
    english = translate_guide(guide).locale
    french = full_fiche(guide[1], call_checklist="")
    translated = publish_translation(
        french,
        english,
        title="Shop modernisation",
        covered_expenses="Equipment (oven, refrigerated display case, machine)\nFit-out works",
        project_examples="A bakery replacing its oven",
        how_to_apply="<ol><li>Call the network before ordering.</li></ol>",
    )
    text = text_of(client, translated)
    assert '<h2 id="covered-title">Covered expenses</h2>' in text
    assert list_items(section(text, "covered-title")) == [
        "Equipment (oven, refrigerated display case, machine)",
        "Fit-out works",
    ]
    assert '<h2 id="examples-title">Project examples</h2>' in text
    assert '<h2 id="apply-title">How to apply</h2>' in text
    assert "Apply online" in section(text, "apply-title")
    contacts = section(text, "contacts-title")
    assert "<h3>Prepare your call</h3>" in contacts
    assert list_items(contacts.split("Prepare your call", 1)[1]) == (
        DEFAULT_ENGLISH_CALL_CHECKLIST.splitlines()
    )
    # An English list of its own wins over the English default.
    translated.call_checklist = "Your SIRET number\nYour unsigned quotes"
    translated.save_revision().publish()
    contacts = section(text_of(client, translated), "contacts-title")
    assert list_items(contacts.split("Prepare your call", 1)[1]) == [
        "Your SIRET number",
        "Your unsigned quotes",
    ]


def test_each_line_of_the_lists_is_a_segment_and_comes_back_translated(
    client, guide, django_capture_on_commit_callbacks
):
    english = translate_guide(guide).locale
    french = full_fiche(guide[1])
    source, _created = TranslationSource.get_or_create_from_instance(french)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    by_field = {}
    for segment in segments:
        field = segment.context.path.split(".", 1)[0]
        by_field.setdefault(field, []).append(segment.string.data)
    assert by_field["covered_expenses"] == EXPENSES.splitlines()
    assert by_field["project_examples"] == EXAMPLES.splitlines()
    assert by_field["call_checklist"] == CHECKLIST.splitlines()
    assert not any("<br" in line for field in by_field.values() for line in field)
    translation = Translation.objects.create(source=source, target_locale=english)
    for segment in segments:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            data=f"EN {segment.string.data}",
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    translated = AidPage.objects.get(translation_key=french.translation_key, locale=english)
    text = text_of(client, translated)
    assert list_items(section(text, "covered-title")) == [
        f"EN {line}" for line in EXPENSES.splitlines()
    ]
    assert list_items(section(text, "examples-title")) == [
        f"EN {line}" for line in EXAMPLES.splitlines()
    ]
    contacts = section(text, "contacts-title")
    assert list_items(contacts.split("Prepare your call", 1)[1]) == [
        f"EN {line}" for line in CHECKLIST.splitlines()
    ]
    assert translated.application_url == APPLY_URL  # a fact: synchronised, not translated


def test_a_full_fiche_is_valid_html(client, guide_index, tmp_path):
    response = client.get(full_fiche(guide_index).url)
    assert validate({"fiche-sections": response.content}, tmp_path) == []


def test_the_link_host_drops_www_and_survives_a_bad_address():
    assert link_host("https://www.demarches.example/a?b=1") == "demarches.example"
    assert link_host("https://portail.region.example:8443/x") == "portail.region.example"
    assert link_host("") == "" and link_host(None) == "" and link_host("pas une adresse") == ""

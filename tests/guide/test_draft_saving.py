"""A new fiche saves as a draft with nothing but a title, by hand and by autosave.

The POST data is what a browser sends: the create view's own form read from its HTML (every
input with its rendered value, the « Contact 1 » line the form starts with included), and a
line added to an inline panel is its ``<template>`` copied as Wagtail's script does (index in
place of ``__prefix__``, the line's position in ``ORDER``).
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from guide.models import AidPage
from guide.referral import CONTACT_LINE_MISSING, CONTACT_MISSING
from guide.roles import EDITORS, role_group
from tests.support.factories import ContactFactory, OrganisationFactory

TITLE_ONLY = {"title": "Prêt d'honneur Bièvre", "slug": "pret-honneur-bievre"}


def field_values(container):
    """{name: [values]} of the inputs in ``container`` as a browser submits them."""
    data = {}
    for element in container.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            data.setdefault(name, []).append(element.text.removeprefix("\n"))
        elif element.name == "select":
            options = element.find_all("option", selected=True)
            if not options and not element.has_attr("multiple"):
                options = element.find_all("option")[:1]
            data.setdefault(name, []).extend(option.get("value", option.text) for option in options)
        elif element.get("type", "text") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                data.setdefault(name, []).append(element.get("value", "on"))
        elif element.get("type") not in ("submit", "button", "file", "image", "reset"):
            data.setdefault(name, []).append(element.get("value", ""))
    return data


def editor_form(html):
    """The editor form's data, and its inline panels' empty lines ({prefix: soup})."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True}) or max(
        soup.find_all("form"), key=lambda f: len(f.find_all("input"))
    )
    templates = {}
    for template in form.find_all("template"):
        template.extract()
        names = [e.get("name", "") for e in template.find_all(["input", "select", "textarea"])]
        prefixes = {name.split("-__prefix__-")[0] for name in names if "-__prefix__-" in name}
        if len(prefixes) == 1:
            templates[prefixes.pop()] = template
    return field_values(form), templates


def add_blank_line(data, templates, prefix):
    """What Wagtail's « add » button of the ``prefix`` panel adds: a line left blank."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for name, values in field_values(templates[prefix]).items():
        data[name.replace("__prefix__", str(index))] = values
    data[f"{prefix}-{index}-ORDER"] = [str(index + 1)]
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]


@pytest.fixture
def editor(guide, client, django_user_model):
    user = django_user_model.objects.create_user("redactrice", "r@exemple.example", "pw")
    user.groups.add(role_group(EDITORS))
    client.force_login(user)
    return client


@pytest.fixture
def add_url(guide):
    return reverse("wagtailadmin_pages:add", args=["guide", "aidpage", guide[1].pk])


def new_fiche_form(client, url, **values):
    response = client.get(url)
    assert response.status_code == 200
    data, templates = editor_form(response.content.decode())
    data.update({name: [value] for name, value in values.items()})
    return data, templates


def test_the_new_fiche_form_starts_with_a_contact_line(editor, add_url):
    data, _templates = new_fiche_form(editor, add_url)
    assert data["contacts-TOTAL_FORMS"] == ["1"]
    assert data["contacts-0-contact"] == [""]
    assert data["contacts-0-referral_note"] == ["À contacter de la part du Grand-Orly Seine Bièvre"]


def test_a_draft_saves_with_nothing_but_a_title(editor, add_url):
    data, _templates = new_fiche_form(editor, add_url, **TITLE_ONLY, **{"action-save": "1"})
    response = editor.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.operator is None
    assert list(draft.contacts.all()) == []


def test_blank_lines_of_every_panel_are_ignored_in_a_draft(editor, add_url):
    data, templates = new_fiche_form(editor, add_url, **TITLE_ONLY, **{"action-save": "1"})
    assert {"contacts", "documents", "financial_components"} <= set(templates)
    for prefix in ("contacts", "documents", "financial_components", "financial_components"):
        add_blank_line(data, templates, prefix)
    response = editor.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    draft = AidPage.objects.get(slug="pret-honneur-bievre").get_latest_revision_as_object()
    assert list(draft.contacts.all()) == list(draft.documents.all()) == []
    assert list(draft.financial_components.all()) == []


def test_a_line_with_something_typed_is_still_checked_in_a_draft(editor, add_url):
    data, templates = new_fiche_form(editor, add_url, **TITLE_ONLY, **{"action-save": "1"})
    data["contacts-0-referral_note"] = ["De la part du service économique"]
    response = editor.post(add_url, data)
    assert response.status_code == 200
    line = response.context["form"].formsets["contacts"].forms[0]
    assert line.errors["contact"] == [CONTACT_LINE_MISSING]
    # What was typed comes back.
    assert "De la part du service économique" in response.content.decode()
    assert not AidPage.objects.filter(slug="pret-honneur-bievre").exists()


def test_autosave_creates_the_draft_of_a_new_fiche_then_updates_it(editor, add_url):
    """What Wagtail's autosave sends: the form without any action button, asking for JSON;
    then the same form, updated by the answer's ``field_updates``, to the edit view."""
    data, _templates = new_fiche_form(editor, add_url, **TITLE_ONLY)
    response = editor.post(add_url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["success"] is True
    page = AidPage.objects.get(pk=answer["pk"])
    assert not page.live and page.title == "Prêt d'honneur Bièvre"
    # The blank contact line was not saved: it stays a new line.
    assert answer["field_updates"]["contacts-INITIAL_FORMS"] == "0"
    for name, value in answer["field_updates"].items():
        data[name] = [value]

    # The editor goes on typing, and fills the contact line in.
    contact = ContactFactory(organisation=OrganisationFactory(name="Initiative Bièvre"))
    data["promesse"] = ["Financez votre démarrage"]
    data["contacts-0-contact"] = [str(contact.pk)]
    response = editor.post(answer["url"], data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    draft = AidPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.promesse == "Financez votre démarrage"
    assert [line.contact for line in draft.contacts.all()] == [contact]
    assert page.revisions.count() == 2


def test_publication_still_needs_an_operator_and_a_contact(client, django_user_model, add_url):
    client.force_login(django_user_model.objects.create_superuser("chef", "c@e.example", "pw"))
    data, _templates = new_fiche_form(client, add_url, **TITLE_ONLY, **{"action-publish": "1"})
    response = client.post(add_url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "operator" in form.errors
    contacts = form.formsets["contacts"]
    assert list(contacts.non_form_errors()) == [CONTACT_MISSING]
    # The blank « Contact 1 » line says nothing of its own: no bare « Champ requis. ».
    assert contacts.forms[0].errors == {}
    assert not AidPage.objects.filter(slug="pret-honneur-bievre").exists()


def test_submitting_for_review_needs_them_too(editor, add_url):
    data, _templates = new_fiche_form(editor, add_url, **TITLE_ONLY, **{"action-submit": "1"})
    response = editor.post(add_url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "operator" in form.errors
    assert list(form.formsets["contacts"].non_form_errors()) == [CONTACT_MISSING]


def test_a_filled_contact_line_is_kept(editor, add_url):
    operator = OrganisationFactory(name="Initiative Bièvre")
    contact = ContactFactory(organisation=operator)
    data, _templates = new_fiche_form(
        editor, add_url, **TITLE_ONLY, operator=str(operator.pk), **{"action-save": "1"}
    )
    data["contacts-0-contact"] = [str(contact.pk)]
    response = editor.post(add_url, data)
    assert response.status_code == 302
    draft = AidPage.objects.get(slug="pret-honneur-bievre").get_latest_revision_as_object()
    assert [line.contact for line in draft.contacts.all()] == [contact]
    assert draft.operator == operator


def test_a_blank_line_between_two_lines_is_checked(editor, add_url):
    """Only the blank lines after the last one kept are ignored: the lines an autosave keeps
    must come first (``AidPageForm.get_field_updates_for_resave``)."""
    contact = ContactFactory(organisation=OrganisationFactory(name="Initiative Bièvre"))
    data, templates = new_fiche_form(editor, add_url, **TITLE_ONLY, **{"action-save": "1"})
    add_blank_line(data, templates, "contacts")
    data["contacts-1-contact"] = [str(contact.pk)]
    response = editor.post(add_url, data)
    assert response.status_code == 200
    lines = response.context["form"].formsets["contacts"].forms
    assert lines[0].errors["contact"] == [CONTACT_LINE_MISSING]
    assert lines[1].errors == {}

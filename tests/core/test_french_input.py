"""Dates and numbers typed in the admin: read the French way, or refused with a message."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import get_format
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page

from core.french_input import (
    FrenchDateField,
    FrenchDateInput,
    FrenchDateTimeField,
    FrenchDecimalField,
    FrenchIntegerField,
    FrenchNumberInput,
    format_number,
    parse_date,
    parse_datetime,
    parse_number,
)
from guide.models import AidPage, FundingProgramme, GuideSettings
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import ContactFactory, OrganisationFactory
from tests.support.pages import make_guide


def refusal(function, text):
    """The messages of the ``ValidationError`` ``function(text)`` raises."""
    with pytest.raises(ValidationError) as raised:
        function(text)
    return " ".join(raised.value.messages)


# --- Dates ------------------------------------------------------------------------------------

MARCH_31 = datetime.date(2027, 3, 31)


@pytest.mark.parametrize(
    "text",
    [
        "31/03/2027",
        "31.03.2027",
        "31-03-2027",
        "2027-03-31",
        "31 mars 2027",
        "31 MARS 2027",
        " 31/03/2027 ",
        "31 / 03 / 2027",
        "31\u00a0mars\u00a02027",
        "mercredi 31 mars 2027",
    ],
)
def test_a_date_typed_the_french_way_is_read_as_meant(text):
    assert parse_date(text) == MARCH_31


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1er avril 2027", datetime.date(2027, 4, 1)),
        ("1 er avril 2027", datetime.date(2027, 4, 1)),
        ("1\u1d49\u02b3 avril 2027", datetime.date(2027, 4, 1)),  # « 1ᵉʳ »
        ("1/4/2027", datetime.date(2027, 4, 1)),
        ("15 août 2027", datetime.date(2027, 8, 15)),
        ("15 aout 2027", datetime.date(2027, 8, 15)),
        ("5 sept. 2027", datetime.date(2027, 9, 5)),
        ("3 févr. 2027", datetime.date(2027, 2, 3)),
        ("24 décembre 2027", datetime.date(2027, 12, 24)),
    ],
)
def test_first_days_month_names_and_abbreviations(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("31/02/2027", "n'existe pas"),
        ("03/31/2027", "n'existe pas"),  # the American order: no 31st month
        ("31/03/27", "quatre chiffres"),
        ("31 mrs 2027", "JJ/MM/AAAA"),
        ("31 mars", "JJ/MM/AAAA"),
        ("demain", "JJ/MM/AAAA"),
        ("2027/03/31", "JJ/MM/AAAA"),
        ("31/03-2027", "JJ/MM/AAAA"),  # two different separators
        ("31/03/2027 14:30", "JJ/MM/AAAA"),  # a time in a date field
        ("lundi 31 mars 2027", "jour de la semaine"),  # the 31st is a Wednesday
        ("31/03/2027" + " " * 40, "JJ/MM/AAAA"),
        ("1" * 10_000, "JJ/MM/AAAA"),
        ("31/03/0000", "n'existe pas"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_with_a_french_message(text, message):
    assert message in refusal(parse_date, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("31/03/2027 14:30", datetime.datetime(2027, 3, 31, 14, 30)),
        ("31/03/2027 14h30", datetime.datetime(2027, 3, 31, 14, 30)),
        ("31/03/2027 à 14 h", datetime.datetime(2027, 3, 31, 14, 0)),
        ("31 mars 2027 à 9h05", datetime.datetime(2027, 3, 31, 9, 5)),
        ("2027-03-31T14:30", datetime.datetime(2027, 3, 31, 14, 30)),
        ("2027-03-31 14:30:15", datetime.datetime(2027, 3, 31, 14, 30, 15)),
        ("31/03/2027", datetime.datetime(2027, 3, 31)),
    ],
)
def test_a_date_and_time(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["31/03/2027 25:00", "31/03/2027 14", "31/03/2027 14:3", "14:30"])
def test_a_time_that_cannot_be_read_is_refused(text):
    assert "JJ/MM/AAAA HH:MM" in refusal(parse_datetime, text)


def test_a_datetime_is_in_the_sites_time_zone():
    value = FrenchDateTimeField().clean("31/03/2027 14:30")
    assert timezone.is_aware(value)
    assert timezone.localtime(value).hour == 14
    assert value.astimezone(datetime.UTC).hour == 12  # Paris in summer time


def test_a_date_field_keeps_an_empty_value_empty():
    assert FrenchDateField(required=False).clean("") is None
    assert FrenchDateField(required=False).clean("   ") is None


def test_the_date_widget_shows_the_format_writes_jj_mm_aaaa_and_keeps_what_is_typed():
    widget = FrenchDateInput()
    html = widget.render("closing_date", MARCH_31, {"id": "id_closing_date"})
    assert 'value="31/03/2027"' in html
    assert 'placeholder="JJ/MM/AAAA"' in html
    assert '"format": "d/m/Y"' in html  # the picker writes what it shows
    assert 'value="31 mars 2O27"' in widget.render("closing_date", "31 mars 2O27", {})


@pytest.mark.parametrize("language", ["fr", "en"])
def test_django_own_date_forms_read_the_day_first_in_both_languages(language):
    """Wagtail's filters use Django's date fields with the picker's JJ/MM/AAAA: in English too,
    03/04/2027 is the 3rd of April, not the 4th of March."""
    with translation.override(language):
        assert get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
        assert forms.DateField().clean("03/04/2027") == datetime.date(2027, 4, 3)


# --- Numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 500,50", "1500.50"),
        ("1\u00a0500,50", "1500.50"),  # no-break space
        ("1\u202f500,50", "1500.50"),  # narrow no-break space (what a French locale writes)
        ("30,5", "30.5"),
        ("30.5", "30.5"),
        ("15 000", "15000"),
        ("15000", "15000"),
        ("1 234 567,8", "1234567.8"),
        ("1.500,50", "1500.50"),  # points that can only group thousands
        ("1.500.000", "1500000"),
        ("0.125", "0.125"),  # a leading zero: never a thousands group
        ("1234.567", "1234.567"),  # not a valid thousands group: a decimal point
        ("1 500.50", "1500.50"),
        ("33,33", "33.33"),
        (",5", "0.5"),
        ("5,", "5"),
        ("007", "7"),
        ("  12  ", "12"),
        ("-12,5", "-12.5"),
        ("\u221212,5", "-12.5"),  # the typographic minus sign
        ("+3", "3"),
    ],
)
def test_a_number_typed_the_french_way_is_read_as_meant(text, expected):
    value = parse_number(text)
    assert value == Decimal(expected)
    assert str(value) == expected


def test_minus_zero_is_zero():
    assert parse_number("-0") == 0
    assert not parse_number("-0").is_signed()
    assert not parse_number("-0,00").is_signed()


@pytest.mark.parametrize(
    "text, message",
    [
        ("1.500", "« 1.500 » peut se lire de deux façons : écrivez « 1500 » ou « 1,5 »"),
        ("15.000", "écrivez « 15 000 » ou « 15 »"),
        ("1,500.50", "La virgule sépare les décimales"),
        ("15 000 €", "sans unité ni symbole"),
        ("30 %", "sans unité ni symbole"),
        ("30%", "sans unité ni symbole"),
        ("15000 EUR", "sans unité ni symbole"),
        ("1 5", "groupes de trois chiffres"),
        ("15 00", "groupes de trois chiffres"),
        ("1 000 00", "groupes de trois chiffres"),
        ("1.000.00", "groupes de trois chiffres"),
        ("1 000.000.000", "groupes de trois chiffres"),
        ("1,5,0", "Saisissez un nombre"),
        ("1e9", "Saisissez un nombre"),
        ("1E9", "Saisissez un nombre"),
        ("NaN", "Saisissez un nombre"),
        ("Infinity", "Saisissez un nombre"),
        ("-inf", "Saisissez un nombre"),
        ("0x10", "Saisissez un nombre"),
        ("٣", "Saisissez un nombre"),  # an Arabic-Indic digit: Decimal() would take it
        ("²", "Saisissez un nombre"),
        ("-", "Saisissez un nombre"),
        (",", "Saisissez un nombre"),
        ("--5", "Saisissez un nombre"),
        ("1 500,5 0", "Saisissez un nombre"),
        ("9" * 41, "Saisissez un nombre"),
        ("1 " * 5_000, "Saisissez un nombre"),
    ],
)
def test_an_ambiguous_or_invalid_number_is_refused_with_a_french_message(text, message):
    assert message in refusal(parse_number, text)


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1500.50"), "1500,50"),
        (Decimal("15000.00"), "15 000"),
        (Decimal("30.00"), "30"),
        (Decimal("33.33"), "33,33"),
        (Decimal("30.50"), "30,50"),
        (Decimal("1234567.89"), "1 234 567,89"),
        (Decimal("-12345.5"), "-12 345,5"),
        (2027, "2027"),  # a year is not grouped
        (12345, "12 345"),
        (0, "0"),
    ],
)
def test_a_stored_number_is_shown_the_french_way_and_read_back_the_same(value, text):
    assert format_number(value) == text
    assert parse_number(text) == value


def test_the_number_input_is_a_text_input_with_a_keyboard_of_figures():
    decimal_html = FrenchDecimalField().widget.render("amount", Decimal("1500.50"), {})
    assert 'type="text"' in decimal_html and 'inputmode="decimal"' in decimal_html
    assert 'value="1500,50"' in decimal_html
    integer_html = FrenchIntegerField().widget.render("staff_max", 12000, {})
    assert 'inputmode="numeric"' in integer_html and 'value="12 000"' in integer_html
    # What was typed comes back as typed.
    assert 'value="1 5OO"' in FrenchNumberInput().render("amount", "1 5OO", {})


def test_decimal_places_and_digits_are_the_fields_limits_never_rounded():
    field = FrenchDecimalField(max_digits=5, decimal_places=2, required=False)
    assert field.clean("100") == Decimal("100")
    assert field.clean("33,33") == Decimal("33.33")
    with pytest.raises(ValidationError, match="2 chiffres après la virgule"):
        field.clean("33,333")
    with pytest.raises(ValidationError, match="5 chiffres au total"):
        field.clean("123 456")
    assert field.clean("") is None


def test_an_integer_field_refuses_decimals_and_reads_groups():
    field = FrenchIntegerField(required=False)
    assert field.clean("1 500") == 1500
    assert field.clean("60,0") == 60
    assert field.clean("") is None
    with pytest.raises(ValidationError, match="nombre entier"):
        field.clean("2,5")
    with pytest.raises(ValidationError, match="peut se lire de deux façons"):
        field.clean("1.500")


# --- The admin's forms ------------------------------------------------------------------------


def form_fields(form_class):
    return form_class.base_fields


@pytest.mark.django_db
def test_every_admin_form_gets_the_french_fields():
    """The fiche and its inline lines, a snippet with its inline results, the guide's settings:
    every date and number field of the admin's model forms, its choices kept as a select."""
    page_form = AidPage.get_edit_handler().get_form_class()
    fields = form_fields(page_form)
    assert isinstance(fields["closing_date"], FrenchDateField)
    assert isinstance(fields["staff_max"], FrenchIntegerField)
    assert isinstance(fields["go_live_at"], FrenchDateTimeField)
    assert fields["staff_max"].widget.attrs["inputmode"] == "numeric"
    component_form = page_form.formsets["financial_components"].form
    for name in ("amount", "ceiling", "rate", "max_share_percent"):
        field = form_fields(component_form)[name]
        assert isinstance(field, FrenchDecimalField), name
        assert field.widget.attrs["inputmode"] == "decimal"
    assert isinstance(form_fields(component_form)["duration_months"], FrenchIntegerField)

    programme_form = FundingProgramme.snippet_viewset.get_edit_handler().get_form_class()
    assert isinstance(form_fields(programme_form)["budget"], FrenchDecimalField)
    assert isinstance(form_fields(programme_form)["start_year"], FrenchIntegerField)
    result_form = programme_form.formsets["results"].form
    assert isinstance(form_fields(result_form)["source_date"], FrenchDateField)
    assert isinstance(form_fields(result_form)["loans_amount"], FrenchDecimalField)

    settings_form = get_edit_handler(GuideSettings).get_form_class()
    assert isinstance(form_fields(settings_form)["verification_months"], FrenchIntegerField)

    # A field with choices keeps its select (Django drops ``form_class`` for choices).
    assert form_fields(page_form)["recurrence"].widget.input_type == "select"


@pytest.mark.django_db
def test_the_fiche_form_stores_french_values_and_keeps_a_refused_one_as_typed(
    client, django_user_model
):
    """Through the admin's view: a fiche saved with French dates and figures stores what they
    mean; a refused value comes back in its input, as typed, with the message next to it."""
    _home, index = make_guide()
    operator = OrganisationFactory(name="Initiative Bièvre")
    contact = ContactFactory(organisation=operator)
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    add_url = reverse("wagtailadmin_pages:add", args=["guide", "aidpage", index.pk])
    french = {
        "opening_date": "1er avril 2027",
        "closing_date": "31.03.2028",
        "last_verified": "15/11/2026",
        "staff_max": "1 500",
        "financial_components-0-amount": "1 500,50",
        "financial_components-0-unit": "beneficiaire",
        "financial_components-0-ceiling": "225\u202f000",
        "financial_components-0-rate": "1,5",
        "financial_components-0-max_share_percent": "33,33",
        "financial_components-0-max_share_basis": "des dépenses éligibles",
    }
    data = fiche_form_data(operator, contact, **french)
    data["action-publish"] = "1"
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = AidPage.objects.get(slug="pret-honneur-bievre")
    assert page.opening_date == datetime.date(2027, 4, 1)
    assert page.closing_date == datetime.date(2028, 3, 31)
    assert page.last_verified == datetime.date(2026, 11, 15)
    assert page.staff_max == 1500
    component = page.financial_components.get()
    assert component.amount == Decimal("1500.50")
    assert component.ceiling == Decimal("225000")
    assert component.rate == Decimal("1.5")
    assert component.max_share_percent == Decimal("33.33")

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'value="01/04/2027"' in edit and 'value="1500,50"' in edit
    assert 'value="225 000"' in edit and 'value="33,33"' in edit

    refused = {"closing_date": "31 mrs 2028", "financial_components-0-amount": "1.500"}
    data = fiche_form_data(operator, contact, **{**french, **refused, "slug": "autre"})
    data["action-save"] = "1"
    response = client.post(add_url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="31 mrs 2028"' in html and 'value="1.500"' in html
    assert "Saisissez une date au format JJ/MM/AAAA" in html
    assert "peut se lire de deux façons" in html
    assert not Page.objects.filter(slug="autre").exists()

"""Field normalisers, validators and the French display of figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guide import formatting
from guide.models import Contact
from guide.validators import format_phone, normalize_phone, validate_siren
from tests.support.factories import OrganisationFactory


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("06 19 91 84 62", "+33619918462", "06 19 91 84 62"),
        ("06.19.91.84.62", "+33619918462", "06 19 91 84 62"),
        ("0619918462", "+33619918462", "06 19 91 84 62"),
        ("+33 (0)6 19 91 84 62", "+33619918462", "06 19 91 84 62"),
        ("0033 1 99 00 12 34", "+33199001234", "01 99 00 12 34"),
        ("+32 2 555 12 12", "+3225551212", "+32 2 555 12 12"),
        ("", "", ""),
    ],
)
def test_phone_numbers_are_normalised(typed, stored, shown):
    assert normalize_phone(typed) == stored
    assert format_phone(stored) == shown


@pytest.mark.parametrize("typed", ["12", "01 23", "abc", "06 19 91 84 6"])
def test_invalid_phone_numbers_get_a_french_message(typed):
    with pytest.raises(ValidationError) as error:
        normalize_phone(typed)
    assert "n'est pas un numéro de téléphone valide" in error.value.messages[0]


def test_siren():
    validate_siren("200058014")
    validate_siren("200 058 014")
    with pytest.raises(ValidationError, match="9 chiffres"):
        validate_siren("12345")
    with pytest.raises(ValidationError, match="clé de contrôle"):
        validate_siren("200058015")


@pytest.mark.django_db
def test_contact_clean_normalises_phone_and_needs_a_channel():
    organisation = OrganisationFactory()
    contact = Contact(name="Edith Blard", organisation=organisation, phone="06 19 91 84 62")
    contact.full_clean()
    assert contact.phone == "+33619918462"
    silent = Contact(name="Personne", organisation=organisation)
    with pytest.raises(ValidationError) as error:
        silent.full_clean()
    assert "Indiquez au moins un e-mail ou un téléphone" in error.value.message_dict["email"][0]
    wrong = Contact(name="X", organisation=organisation, email="pas-un-mail")
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "email" in error.value.message_dict


def test_french_number_formatting():
    nnbsp = "\u202f"
    assert formatting.format_euros(Decimal("225000")) == f"225{nnbsp}000\u00a0€"
    assert formatting.format_euros(Decimal("1500.50")) == f"1{nnbsp}500,5\u00a0€"
    assert formatting.format_percent(Decimal("0")) == "0\u00a0%"
    assert formatting.format_duration(60) == "5 ans"
    assert formatting.format_duration(12) == "1 an"
    assert formatting.format_duration(18) == "18 mois"
    assert formatting.format_share(Decimal("33.33")) == "un tiers"
    assert formatting.format_share(Decimal("70")) == "70\u00a0%"


def test_shares_and_durations_read_in_the_language_of_the_request():
    from django.utils import translation

    with translation.override("en"):
        assert formatting.format_share(Decimal("33.33")) == "a third"
        assert formatting.format_duration(60) == "5 years"
    assert formatting.format_share(Decimal("33.33")) == "un tiers"

"""Field validators and normalisers with French error messages."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_siren(value):
    """A SIREN is 9 digits whose Luhn checksum is valid (spaces are tolerated)."""
    digits = (value or "").replace(" ", "")
    if not digits.isdigit() or len(digits) != 9:
        raise ValidationError(
            _("Le SIREN doit comporter exactement 9 chiffres (par exemple 200 058 014)."),
            code="siren_format",
        )
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    if total % 10 != 0:
        raise ValidationError(
            _("Ce SIREN n'est pas valide : vérifiez les chiffres (clé de contrôle incorrecte)."),
            code="siren_checksum",
        )


def normalize_siren(value):
    return (value or "").replace(" ", "")


def normalize_phone(value):
    """Return a phone number in E.164 (``+33619918462``), reading national French numbers.

    Accepts the ways people write numbers: ``06 19 91 84 62``, ``06.19.91.84.62``,
    ``+33 (0)6 19 91 84 62``, ``0033 6 19 91 84 62``. Raises ValidationError otherwise.
    """
    raw = (value or "").strip()
    if not raw:
        return ""
    cleaned = raw.replace("(0)", "")
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    try:
        number = phonenumbers.parse(cleaned, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "« %(value)s » n'est pas un numéro de téléphone valide. "
                "Écrivez-le par exemple 01 23 45 67 89 ou +33 1 23 45 67 89."
            ),
            code="phone",
            params={"value": raw},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164):
    """Display form: national for French numbers (``06 19 91 84 62``), international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

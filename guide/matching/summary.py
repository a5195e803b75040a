"""The questionnaire's answers in one line, above its results: « Commerce · Vitry-sur-Seine ·
3 salariés · investir · investissement 25 000 € ». What was understood, not what was typed: a
wrong answer (which counts as skipped) is not in it."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guide.formatting import format_euros, format_number
from guide.matching.facts import MOVING_IN, NOT_ESTABLISHED
from guide.matching.projects import PROJECTS_BY_KEY
from guide.matching.rules import jobs_text, staff_text, years_text

SEPARATOR = " · "


def place_text(answers):
    place = answers.place
    if answers.establishment == MOVING_IN:
        return _("%(place)s (en cours d'installation)") % {"place": place.label}
    if answers.establishment == NOT_ESTABLISHED:
        return _("%(place)s (pas encore installée)") % {"place": place.label}
    return place.label


def summary_items(answers):
    """The answers, each said in a few words, in the order a person introduces a business."""
    items = []
    if answers.sector is not None:
        items.append(answers.sector.label)
    if answers.place is not None:
        items.append(place_text(answers))
    if answers.staff is not None:
        items.append(_("sans salarié") if answers.staff == 0 else staff_text(answers.staff))
    if answers.age_years is not None:
        items.append(
            _("moins d'un an d'existence")
            if answers.age_years == 0
            else _("%(age)s d'existence") % {"age": years_text(answers.age_years)}
        )
    items.extend(
        str(PROJECTS_BY_KEY[key].short) for key in answers.projects if key in PROJECTS_BY_KEY
    )
    if answers.jobs is not None:
        items.append(jobs_text(answers.jobs))
    if answers.apprentices:
        items.append(
            ngettext(
                "%(n)s apprenti ou alternant", "%(n)s apprentis ou alternants", answers.apprentices
            )
            % {"n": format_number(answers.apprentices)}
        )
    if answers.investment is not None:
        items.append(_("investissement %(amount)s") % {"amount": format_euros(answers.investment)})
    return items


def summary_line(answers):
    return SEPARATOR.join(summary_items(answers))

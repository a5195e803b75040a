"""The questionnaire page's context (``<guide>/mon-projet/``, a route of the guide:
guide/routes.py): the form, and once answered the classified fiches with their estimate.

Once answered, the page opens on its results: the form is sent to ``…#resultats`` (the results'
heading, focusable), above them one line says what was understood (``summary.py``) with a link
to change it, and the form is folded below them (open when it has an error). The total's box
appears only when an amount is computed; otherwise one sentence says why (``no_amount_reason``).
"""

from django.utils.translation import gettext as _

from core.i18n import route_links
from guide.matching.estimate import NEEDS_INVESTMENT, NEEDS_JOBS
from guide.matching.projects import HIRING
from guide.matching.questionnaire import QuestionnaireForm, establishment_matters
from guide.matching.results import MAX_EVALUATED, classify
from guide.matching.summary import summary_items

ROUTE = "mon-projet/"
SELECTION_PARAM = "aide"
# Sent by the total's form: the aids it lists are then exactly the ones kept, possibly none.
SELECTION_SENT_PARAM = "total"
RESULTS_ANCHOR = "resultats"
TOTAL_ANCHOR = "estimation"


def no_amount_reason(outcome):
    """Why no amount is computed for the fiches that fit or may fit, in one sentence."""
    missing = outcome.missing_answers
    if NEEDS_INVESTMENT in missing and NEEDS_JOBS in missing:
        return _(
            "Les montants de ces aides dépendent de votre projet : indiquez le montant de votre "
            "investissement et le nombre d'emplois en CDI que vous créez, ou appelez "
            "l'opérateur."
        )
    if NEEDS_INVESTMENT in missing:
        return _(
            "Les montants de ces aides dépendent de votre projet : indiquez le montant de votre "
            "investissement, ou appelez l'opérateur."
        )
    if NEEDS_JOBS in missing:
        return _(
            "Les montants de ces aides dépendent de votre projet : indiquez le nombre d'emplois "
            "en CDI que vous créez, ou appelez l'opérateur."
        )
    return _(
        "Ces aides n'ont pas de montant calculable à partir du questionnaire (accompagnement, "
        "montant fixé selon votre dossier) : l'opérateur de chaque aide vous dira ce qu'elle "
        "peut vous apporter."
    )


def questionnaire_context(guide, request):
    form = QuestionnaireForm(request.GET or None, asks_establishment=establishment_matters(guide))
    context = {
        "form": form,
        "questionnaire": True,  # the header's menu marks its own link as the current page
        "hiring": HIRING,
        "results_anchor": RESULTS_ANCHOR,
        "total_anchor": TOTAL_ANCHOR,
        "page_title": _("Quelles aides pour mon projet ?"),
        **route_links(guide, request, ROUTE),
        # The language switcher keeps the route and the answers.
        "switcher_suffix": ROUTE + (f"?{request.GET.urlencode()}" if request.GET else ""),
    }
    if form.answered:
        selection = request.GET.getlist(SELECTION_PARAM)
        if not selection and SELECTION_SENT_PARAM not in request.GET:
            selection = None  # first visit: every fiche that fits
        answers = form.answers()
        outcome = classify(
            guide, answers, selected_keys=None if selection is None else set(selection)
        )
        answer_params = [
            (key, value)
            for key, values in request.GET.lists()
            if key in form.fields
            for value in values
        ]
        context.update(
            answers=answers,
            outcome=outcome,
            answer_params=answer_params,
            max_evaluated=MAX_EVALUATED,
            summary=summary_items(answers),
            no_amount_reason=None if outcome.has_amounts else no_amount_reason(outcome),
        )
    return context

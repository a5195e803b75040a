"""The questionnaire page's context (``<guide>/mon-projet/``, a route of the guide:
guide/routes.py): the form, and once answered the classified fiches with their estimate."""

from django.utils.translation import gettext as _

from core.i18n import route_links
from guide.matching.projects import HIRING
from guide.matching.questionnaire import QuestionnaireForm, establishment_matters
from guide.matching.results import MAX_EVALUATED, classify

ROUTE = "mon-projet/"
SELECTION_PARAM = "aide"
# Sent by the total's form: the aids it lists are then exactly the ones kept, possibly none.
SELECTION_SENT_PARAM = "total"


def questionnaire_context(guide, request):
    form = QuestionnaireForm(request.GET or None, asks_establishment=establishment_matters(guide))
    context = {
        "form": form,
        "questionnaire": True,  # the header's menu marks its own link as the current page
        "hiring": HIRING,
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
        )
    return context

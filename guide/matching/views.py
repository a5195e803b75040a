"""The questionnaire page, a route of the guide index (``<guide>/mon-projet/``)."""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from core.i18n import live_translations
from guide.matching.projects import HIRING
from guide.matching.questionnaire import QuestionnaireForm
from guide.matching.results import MAX_EVALUATED, classify

ROUTE = "mon-projet/"
SELECTION_PARAM = "aide"
# Sent by the total's form: the aids it lists are then exactly the ones kept, possibly none.
SELECTION_SENT_PARAM = "total"


def questionnaire(index, request):
    form = QuestionnaireForm(request.GET or None)
    context = {
        "page": index,
        "self": index,
        "form": form,
        "questionnaire": True,  # the header's menu marks its own link as the current page
        "hiring": HIRING,
        "page_title": _("Quelles aides pour mon projet ?"),
        "canonical": request.build_absolute_uri(index.get_url(request) + ROUTE),
        "alternates": [
            (code, request.build_absolute_uri(other.get_url(request) + ROUTE))
            for code, other in live_translations(index).items()
        ],
        # The language switcher keeps the route and the answers.
        "switcher_suffix": ROUTE + (f"?{request.GET.urlencode()}" if request.GET else ""),
    }
    if form.answered:
        selection = request.GET.getlist(SELECTION_PARAM)
        if not selection and SELECTION_SENT_PARAM not in request.GET:
            selection = None  # first visit: every fiche that fits
        answers = form.answers()
        outcome = classify(
            index, answers, selected_keys=None if selection is None else set(selection)
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
    response = TemplateResponse(request, "guide/matching/questionnaire.html", context)
    if form.answered:
        # A visitor's answers are theirs: the result is kept by no server-side or shared cache
        # (core/page_cache.py stores no "private" response), only by their browser.
        patch_cache_control(response, private=True)
    return response

"""The questionnaire page, a route of the guide index (``<guide>/mon-projet/``)."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from guide.matching.projects import HIRING
from guide.matching.questionnaire import QuestionnaireForm
from guide.matching.results import classify
from home.templatetags.site_tags import live_translations

ROUTE = "mon-projet/"
SELECTION_PARAM = "aide"


def questionnaire(index, request):
    form = QuestionnaireForm(request.GET or None)
    context = {
        "page": index,
        "self": index,
        "form": form,
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
        answers = form.answers()
        outcome = classify(index, answers, selected_keys=set(selection) if selection else None)
        answer_params = [
            (key, value)
            for key, values in request.GET.lists()
            if key in form.fields
            for value in values
        ]
        context.update(answers=answers, outcome=outcome, answer_params=answer_params)
    return TemplateResponse(request, "guide/matching/questionnaire.html", context)

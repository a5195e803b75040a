"""Admin panels of the fiche editor."""

from wagtail.admin.panels import InlinePanel, Panel

from guide.duplicates import similar_fiches
from guide.forms import NewLinesPrefilled
from guide.matching.case_hints import prose_case_hints, territories_named
from guide.matching.coverage import amount_rows, case_rows, criteria_rows, prose_hints
from guide.matching.facts import Term, fiche_facts
from guide.models.reference import Audience
from guide.models.territory import Territory
from guide.territory_overlap import covers_part


class PrefilledInlinePanel(InlinePanel):
    """An ``InlinePanel`` whose new lines the page's form pre-fills (``NewLinesPrefilled``):
    a fiche's contact lines start with the referral note of the fiche's site."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = NewLinesPrefilled
        return options


class DuplicateWarningPanel(Panel):
    """Lists the fiches that look like this one (same operator link, very close title).

    Shown only when there are some: on the edit view, and on the create view when a submitted
    form comes back with errors.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "guide/admin/duplicate_warning_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.candidates = similar_fiches(self.instance) if self.instance else []

        def is_shown(self):
            return bool(self.candidates)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["candidates"] = self.candidates
            return context


class QuestionnaireCoveragePanel(Panel):
    """What the questionnaire « Quelles aides pour mon projet ? » can read on this fiche, as
    last saved: the structured criteria, the amounts it can compute, and prose conditions
    that a field could hold (guide/matching/coverage.py)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "guide/admin/questionnaire_coverage_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            facts = fiche_facts(self.instance)
            context.update(
                criteria=criteria_rows(facts),
                cases=case_rows(facts),
                amounts=amount_rows(facts),
                hints=[*prose_hints(facts), *case_hints(self.instance, facts)],
            )
            return context


def case_hints(page, facts):
    """The prose lines of ``page`` that an eligibility case could hold (``case_hints.py``),
    with the names of the communes and départements, and which of those the lines name cover
    only a part of the fiche's territory."""
    if facts.cases or not facts.prose_conditions:
        return []
    territories = {
        t.cog_code: t for t in Territory.objects.filter(kind__in=("COM", "DEP")).order_by("pk")
    }
    places = [(t.name, code) for code, t in territories.items()]
    named = {code for line in facts.prose_conditions for code in territories_named(line, places)}
    area = list(page.territories.all())
    partial = frozenset(code for code in named if covers_part(territories[code], area))
    audiences = [Term(a.slug, a.label) for a in Audience.objects.all()]
    return prose_case_hints(facts, places, audiences, partial)

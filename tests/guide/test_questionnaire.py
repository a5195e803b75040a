"""The questionnaire page « Quelles aides pour mon projet ? » (guide/matching): where a business
is, the form's messages, the classification of a guide's open fiches, the total (the issue's
scenario on the demo guide: tests/guide/test_questionnaire_demo.py)."""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.http import QueryDict
from django.utils import timezone

from guide.matching.questionnaire import (
    QuestionnaireForm,
    establishment_matters,
    resolve_place,
)
from guide.matching.results import classify
from guide.models import AidPage, FinancialComponent, ProjectStage
from tests.support.cases import add_case
from tests.support.factories import AidPageFactory
from tests.support.pages import publish_translation, translate_guide

pytestmark = pytest.mark.django_db


def text(response):
    """The page's visible text, spaces normalised (French typography included)."""
    html = response.content.decode()
    html = re.sub(r"(?s)<(head|datalist|script)\b.*?</\1>", " ", html)
    plain = re.sub(r"<[^>]+>", " ", html).replace("\u202f", " ").replace("\xa0", " ")
    return " ".join(plain.replace("&#x27;", "'").replace("&amp;", "&").split())


def text_of(value):
    return value.replace("\u202f", " ").replace("\xa0", " ")


def section(page_text, start, end=None):
    begin = page_text.index(start)
    finish = page_text.index(end, begin) if end else len(page_text)
    return page_text[begin:finish]


class TestPlace:
    @pytest.mark.parametrize(
        "typed", ["Vitry-sur-Seine", "vitry sur seine", "VITRY", "94400", "94081", " Vitry\x00 "]
    )
    def test_a_commune_by_name_prefix_postal_or_insee_code(self, typed):
        place = resolve_place(typed.replace("\x00", ""))
        assert place.label == "Vitry-sur-Seine"
        assert {"COM-94081", "EPCI-200058014", "DEP-94", "REG-11", "PAYS-99100"} <= place.codes

    def test_accents_and_apostrophes_do_not_matter(self):
        assert resolve_place("l hay les roses").label == "L'Haÿ-les-Roses"

    def test_each_postal_code_of_a_commune(self):
        assert resolve_place("94390").label == "Orly"
        assert resolve_place("94310").label == "Orly"

    def test_an_ambiguous_prefix_is_not_guessed(self):
        # Villejuif, Villeneuve-le-Roi, Villeneuve-Saint-Georges
        assert resolve_place("Ville") is None

    @pytest.mark.parametrize(
        "postal_code, inside, outside",
        [
            ("94120", "DEP-94", "EPCI-200058014"),  # Fontenay-sous-Bois: Val-de-Marne only
            ("91300", "DEP-91", "DEP-94"),
            ("75011", "REG-11", "DEP-94"),
            ("13001", "PAYS-99100", "REG-11"),
        ],
    )
    def test_a_postal_code_elsewhere_places_the_business_in_its_area(
        self, postal_code, inside, outside
    ):
        place = resolve_place(postal_code)
        assert not place.is_commune and place.label == postal_code
        assert inside in place.codes and outside not in place.codes

    def test_unknown_text(self):
        assert resolve_place("Marseille") is None
        assert resolve_place("") is None


class TestForm:
    def test_an_unknown_commune_is_refused_in_french_and_the_rest_counts(self):
        form = QuestionnaireForm(QueryDict("commune=Atlantide&effectif=12&emplois=-1"))
        answers = form.answers()
        assert "Nous ne trouvons pas « Atlantide »" in form.errors["commune"][0]
        assert "emplois" in form.errors
        assert answers.place is None and answers.jobs is None
        assert answers.staff == 12

    def test_unknown_sector_or_project_is_an_error_not_a_crash(self):
        form = QuestionnaireForm(QueryDict("secteur=inconnu&projet=recruter&projet=voler"))
        answers = form.answers()
        assert "secteur" in form.errors and "projet" in form.errors
        assert answers.sector is None and answers.projects == ()

    def test_empty_answers_are_not_an_answer(self):
        assert not QuestionnaireForm(QueryDict("commune=&effectif=")).answered
        assert not QuestionnaireForm(QueryDict("utm_source=x")).answered
        assert QuestionnaireForm(QueryDict("effectif=0")).answered


def fiche(index, **values):
    values.setdefault("territories", ["DEP-94"])
    page = AidPageFactory(parent=index, **values)
    return page


class TestClassification:
    def test_closed_and_upcoming_fiches_are_left_out(self, guide_index):
        today = timezone.localdate()
        fiche(guide_index, title="Ouverte")
        fiche(guide_index, title="Close", closing_date=today - datetime.timedelta(days=1))
        fiche(guide_index, title="À venir", opening_date=today + datetime.timedelta(days=3))
        fiche(guide_index, title="Épuisée", manual_state="epuisee")
        answers = QuestionnaireForm(QueryDict("effectif=5")).answers()
        outcome = classify(guide_index, answers)
        every = outcome.fits + outcome.may_fit + outcome.does_not_fit
        assert [result.page.title for result in every] == ["Ouverte"]

    def test_groups_and_default_selection(self, guide_index):
        fits = fiche(guide_index, title="Pour vous", staff_max=49)
        FinancialComponent.objects.create(page=fits, aid_type=fits.aid_types.first(), amount=3000)
        fiche(guide_index, title="Peut-être", min_years_in_business=2)
        fiche(guide_index, title="Trop petite", staff_max=9)
        fiche(guide_index, title="Sans montant")
        outcome = classify(
            guide_index, QuestionnaireForm(QueryDict("commune=Vitry&effectif=12")).answers()
        )
        assert [r.page.title for r in outcome.fits] == ["Pour vous", "Sans montant"]
        assert [r.page.title for r in outcome.may_fit] == ["Peut-être"]
        assert [r.page.title for r in outcome.does_not_fit] == ["Trop petite"]
        assert [r.page.title for r in outcome.fits if r.selected] == ["Pour vous"]
        assert outcome.total.grants == Decimal("3000")

    def test_not_combinable_fiches_in_the_total(self, guide_index):
        first = fiche(guide_index, title="Première")
        second = fiche(guide_index, title="Seconde")
        for page, amount in ((first, 4000), (second, 6000)):
            FinancialComponent.objects.create(
                page=page, aid_type=page.aid_types.first(), amount=amount
            )
        first.not_combinable_with.set([second])
        first.save()
        outcome = classify(
            guide_index, QuestionnaireForm(QueryDict("commune=Orly&effectif=3")).answers()
        )
        assert outcome.total.grants == Decimal("6000")
        assert outcome.total.left_out == (
            (str(first.translation_key), str(second.translation_key)),
        )
        kept = classify(
            guide_index,
            QuestionnaireForm(QueryDict("commune=Orly&effectif=3")).answers(),
            selected_keys={str(first.translation_key)},
        )
        assert kept.total.grants == Decimal("4000")


class TestPage:
    def url(self, index, query=""):
        return f"{index.url}mon-projet/" + (f"?{query}" if query else "")

    def test_without_answers_only_the_form(self, client, guide_index):
        fiche(guide_index, title="Une aide")
        response = client.get(self.url(guide_index))
        assert response.status_code == 200
        page = text(response)
        assert "Quelles aides pour mon projet ?" in page
        assert "Une aide" not in page
        assert 'name="robots"' not in response.content.decode()
        assert f'href="http://testserver{self.url(guide_index)}"' in response.content.decode()

    def test_a_wrong_answer_keeps_what_was_typed(self, client, guide_index):
        fiche(guide_index, title="Une aide")
        response = client.get(self.url(guide_index, "commune=Atlantide&effectif=12"))
        html = response.content.decode()
        assert response.status_code == 200
        assert 'value="Atlantide"' in html and 'value="12"' in html
        assert 'aria-invalid="true"' in html
        assert "Nous ne trouvons pas « Atlantide »" in text(response)
        # The valid answer still gives results, marked not to be indexed.
        assert "Une aide" in text(response)
        assert '<meta name="robots" content="noindex, follow">' in html

    def test_answers_are_kept_by_no_server_or_shared_cache(self, client, guide_index, settings):
        settings.PAGE_CACHE_SECONDS = 60
        fiche(guide_index, title="Une aide")
        url = self.url(guide_index, "commune=Orly&effectif=4")
        first, second = client.get(url), client.get(url)
        assert "private" in first["Cache-Control"] and "public" not in first["Cache-Control"]
        assert "X-Cache" not in first and "X-Cache" not in second
        # The empty questionnaire is the same for everyone: cached as any page.
        client.get(self.url(guide_index))
        assert client.get(self.url(guide_index))["X-Cache"] == "hit"

    def test_hostile_input_is_escaped(self, client, guide_index):
        response = client.get(self.url(guide_index, "commune=<script>alert(1)</script>"))
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()

    def test_the_total_form_keeps_the_answers(self, client, guide_index):
        page = fiche(guide_index, title="Une aide")
        page.project_stages.set(ProjectStage.objects.filter(slug="recrutement"))
        page.save()
        FinancialComponent.objects.create(page=page, aid_type=page.aid_types.first(), amount=900)
        query = "commune=Orly&effectif=3&projet=recruter&projet=investir"
        response = client.get(self.url(guide_index, query))
        html = response.content.decode()
        assert '<input type="hidden" name="effectif" value="3">' in html
        assert html.count('<input type="hidden" name="projet"') == 2
        assert f'name="aide" value="{page.translation_key}" checked' in html

    def test_english(self, client, guide):
        home, index = guide
        french = fiche(index, title="Aide française", staff_max=49)
        english = translate_guide(guide)
        publish_translation(french, english.locale, title="English aid")
        response = client.get(f"{english.index.url}mon-projet/?effectif=12")
        assert response.status_code == 200
        page = text(response)
        assert "English aid" in page and "Aide française" not in page
        assert '<html lang="en">' in response.content.decode()
        assert "You have 12 employees: staff required, 49 employees at most" in page
        # The language switcher keeps the route and the answers.
        french_page = client.get(f"{index.url}mon-projet/?effectif=12").content.decode()
        assert f'href="{english.index.url}mon-projet/?effectif=12"' in french_page

    def test_not_combinable_holds_in_english(self, guide):
        """The English fiche's list points to French pages (a synchronised field): matched
        by translation key, the rule holds in both languages."""
        _home, index = guide
        english = translate_guide(guide)
        pages = []
        for title, amount in (("Petite", 4000), ("Grande", 6000)):
            page = fiche(index, title=title)
            FinancialComponent.objects.create(
                page=page, aid_type=page.aid_types.first(), amount=amount
            )
            pages.append(page)
        pages[0].not_combinable_with.set([pages[1]])
        pages[0].save_revision().publish()
        for page in pages:
            publish_translation(AidPage.objects.get(pk=page.pk), english.locale)
        translated = AidPage.objects.get(
            locale=english.locale, translation_key=pages[0].translation_key
        )
        assert list(translated.not_combinable_with.all()) == [pages[1]]
        answers = QuestionnaireForm(QueryDict("commune=Orly")).answers()
        outcome = classify(english.index, answers)
        assert outcome.total.grants == Decimal("6000")
        assert len(outcome.total.left_out) == 1


QUESTION = "Votre entreprise est-elle déjà installée dans cette commune ?"


def form_html(client, index, query=""):
    html = client.get(f"{index.url}mon-projet/" + (f"?{query}" if query else "")).content.decode()
    return html[html.index('<form class="questionnaire"') : html.index("</form>") + 7]


class QuestionCounter(HTMLParser):
    """Counts the questions directly in the form (a fieldset or div of class « question »)."""

    def __init__(self):
        super().__init__()
        self.depth, self.count = 0, 0

    VOID = ("input", "br", "img", "hr")

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.depth += 1
        if self.depth == 2 and "question" in (dict(attrs).get("class") or "").split():
            self.count += 1

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth -= 1


def top_level_questions(form):
    counter = QuestionCounter()
    counter.feed(form)
    return counter.count


class TestEstablishmentQuestionNotAsked:
    """Where no open fiche has a case requiring the business to be established, the
    questionnaire does not ask it (TestEstablishmentQuestion: where it does)."""

    def test_not_asked_without_such_a_case(self, client, guide_index):
        page = fiche(guide_index, title="Une aide")
        add_case(page, territories_cog=["DEP-94"], audiences=["pme"])  # no establishment
        form = form_html(client, guide_index)
        assert 'name="implantation"' not in form and QUESTION not in text_of(form)
        assert "question--group" not in form
        assert 'id="id_commune"' in form

    def test_a_closed_fiches_case_does_not_ask_it(self, guide_index):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        closed = fiche(guide_index, title="Close", closing_date=yesterday)
        add_case(closed, territories_cog=["DEP-94"], establishment="implantee")
        assert not establishment_matters(guide_index)
        add_case(fiche(guide_index, title="Ouverte"), audiences=["pmi"], establishment="implantee")
        assert establishment_matters(guide_index)

    def test_an_old_answer_where_it_is_not_asked_is_no_error(self, client, guide_index):
        fiche(guide_index, title="Une aide")
        response = client.get(f"{guide_index.url}mon-projet/?commune=Orly&implantation=bof")
        assert response.status_code == 200
        assert "Une réponse n'a pas pu être prise en compte" not in text(response)
        assert "Une aide" in text(response)

"""A fiche's eligibility cases in English: synchronised facts (``SynchronizedField``), copied
from the French fiche with their many-to-many values when it is translated and on every sync,
never shown to translators; the English questionnaire gives the French verdicts."""

import html
import json
import re

import pytest
from django.urls import reverse
from wagtail_localize.models import OverridableSegment, StringSegment

from guide.matching.facts import ESTABLISHED, MOVING_IN, Answers, Place, Term, fiche_facts
from guide.matching.rules import Verdict, evaluate
from guide.models import AidPage, Audience, EligibilityCase, Sector, Territory
from guide.models.eligibility_case import Establishment
from guide.roles import EDITORS, role_group
from tests.guide.test_translation_sync import translate
from tests.support.factories import AidPageFactory
from tests.support.pages import translate_guide

pytestmark = pytest.mark.django_db


def department(code):
    return Territory.objects.get(kind="DEP", code=code)


def audiences(*slugs):
    return list(Audience.objects.filter(slug__in=slugs))


@pytest.fixture
def english(guide):
    return translate_guide(guide).locale


@pytest.fixture
def alixio(guide):
    """Alixio with its two cases (seed 000), published in French."""
    page = AidPageFactory(parent=guide[1], title="Alixio", slug="alixio")
    page.territories = [department("94"), department("91")]
    page.audiences = audiences("pme", "pmi")
    page.eligibility_cases = [
        EligibilityCase(territories=[department("94")], audiences=audiences("pme", "pmi")),
        EligibilityCase(
            territories=[department("91")],
            audiences=audiences("pmi"),
            establishment=Establishment.ESTABLISHED_OR_MOVING,
        ),
    ]
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def cases_of(page):
    return [
        (
            sorted(t.code for t in case.territories.all()),
            sorted(a.slug for a in case.audiences.all()),
            sorted(s.slug for s in case.sectors.all()),
            case.staff_max,
            case.establishment,
        )
        for case in AidPage.objects.get(pk=page.pk).eligibility_cases.all()
    ]


def english_of(page, locale):
    return AidPage.objects.get(translation_key=page.translation_key, locale=locale)


def commune(name):
    territory = Territory.objects.get(kind="COM", name=name)
    return Place(name, frozenset(t.cog_code for t in territory.with_ancestors()))


SECTORS = {"industrie": Term("industrie", "Industrie"), "commerce": Term("commerce", "Commerce")}


def scenarios():
    return [
        Answers(place=commune("Athis-Mons"), sector=SECTORS["commerce"], staff=12, jobs=3),
        Answers(place=commune("Athis-Mons"), sector=SECTORS["industrie"], staff=30, jobs=4),
        Answers(place=commune("Vitry-sur-Seine"), sector=SECTORS["commerce"], staff=20, jobs=3),
        Answers(
            place=commune("Athis-Mons"),
            sector=SECTORS["industrie"],
            staff=30,
            jobs=3,
            establishment=MOVING_IN,
        ),
        Answers(place=commune("Athis-Mons"), staff=30, jobs=3, establishment=ESTABLISHED),
    ]


def verdicts(page):
    facts = fiche_facts(AidPage.objects.get(pk=page.pk))
    return [evaluate(facts, answers).verdict for answers in scenarios()]


def test_translating_a_fiche_copies_its_cases(alixio, english, django_capture_on_commit_callbacks):
    source, _translation = translate(alixio, english, django_capture_on_commit_callbacks)
    fiche_en = english_of(alixio, english)
    assert fiche_en.live
    assert (
        cases_of(fiche_en)
        == cases_of(alixio)
        == [
            (["94"], ["pme", "pmi"], [], None, ""),
            (["91"], ["pmi"], [], None, "implantee-ou-en-cours"),
        ]
    )
    # Rows of the English page's own, not the French ones.
    assert not set(fiche_en.eligibility_cases.values_list("pk", flat=True)) & set(
        alixio.eligibility_cases.values_list("pk", flat=True)
    )
    # Translators see no case: no segment, nothing to override.
    paths = {
        segment.context.path
        for model in (StringSegment, OverridableSegment)
        for segment in model.objects.filter(source=source).select_related("context")
    }
    assert paths and not any(path.startswith("eligibility_cases") for path in paths), paths
    # The same verdicts in both languages: the Essonne shop is refused, the Essonne PMI fits.
    assert verdicts(fiche_en) == verdicts(alixio)
    assert verdicts(alixio)[:3] == [Verdict.DOES_NOT_FIT, Verdict.FITS, Verdict.FITS]


def test_a_change_of_the_french_cases_reaches_the_english_fiche_on_sync(
    alixio, english, django_capture_on_commit_callbacks
):
    source, translation = translate(alixio, english, django_capture_on_commit_callbacks)
    # The Essonne case opens to every SME of industry, up to 250 staff; the Val-de-Marne case
    # goes. Published in French.
    fiche = AidPage.objects.get(pk=alixio.pk).get_latest_revision_as_object()
    _vdm, essonne = fiche.eligibility_cases.all()
    essonne.audiences = audiences("pme", "pmi")
    essonne.sectors = [Sector.objects.get(slug="industrie")]
    essonne.staff_max = 250
    fiche.eligibility_cases = [essonne]
    fiche.save_revision().publish()
    expected = [(["91"], ["pme", "pmi"], ["industrie"], 250, "implantee-ou-en-cours")]
    assert cases_of(alixio) == expected
    fiche_en = english_of(alixio, english)
    assert len(cases_of(fiche_en)) == 2  # not yet synchronised

    # wagtail-localize's « Sync translated pages ».
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert cases_of(fiche_en) == expected
    assert verdicts(fiche_en) == verdicts(alixio)
    # The Vitry-sur-Seine shop has no case left: refused in both languages.
    assert verdicts(alixio)[2] == Verdict.DOES_NOT_FIT


def test_the_english_questionnaire_names_the_case(
    client, alixio, english, django_capture_on_commit_callbacks
):
    translate(alixio, english, django_capture_on_commit_callbacks)
    fiche_en = english_of(alixio, english)
    index_en = fiche_en.get_parent()
    query = "commune=Athis-Mons&effectif=12&secteur=commerce&projet=recruter&emplois=3"
    page = client.get(f"{index_en.url}mon-projet/?{query}").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    # Refused, and the reason names the Essonne case, as in French.
    assert re.search(r"1 open aid does not fit you .*EN Alixio : Essonne \(91\) ?: ", text), text


def test_the_translation_editor_shows_no_case_field(client, django_user_model, alixio, english):
    user = django_user_model.objects.create_user(EDITORS, "r@exemple.example", "pw")
    user.groups.add(role_group(EDITORS))
    client.force_login(user)
    url = reverse("wagtail_localize:submit_page_translation", args=[alixio.pk])
    assert client.post(url, {"locales": [english.pk]}, follow=True).status_code == 200
    draft = english_of(alixio, english)
    assert len(cases_of(draft)) == 2
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert response.status_code == 200
    props = json.loads(
        html.unescape(re.search(r'data-props="([^"]*)"', response.content.decode())[1])
    )
    segments = props["segments"]
    assert segments and not any(
        "eligibility_cases" in json.dumps(segment) or "cas d" in json.dumps(segment).lower()
        for segment in segments
    )

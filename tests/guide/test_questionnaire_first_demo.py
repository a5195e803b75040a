"""The baker of issue 23 on the demo guide: the modernisation grant computed from the oven's price,
the answers said in one line, still six questions at most (the demo guide's part of
tests/guide/test_questionnaire_first.py)."""

import re

import pytest

from tests.guide.test_questionnaire import form_html, text, top_level_questions
from tests.guide.test_questionnaire_first import BAKER


@pytest.mark.django_db
class TestDemoBaker:
    """The baker in Vitry who needs an oven (25 000 €) and an apprentice."""

    def test_the_modernisation_grant_is_computed(self, client, demo_guide):
        response = client.get(f"{demo_guide.url}mon-projet/?{BAKER}")
        page = text(response)
        html = response.content.decode()
        card = page[page.index("Aide à la modernisation des commerces de proximité") :]
        assert "30 % de 25 000 € = 7 500 € (plafond 10 000 € non atteint)" in card
        assert (
            "Vos réponses : Commerce · Vitry-sur-Seine · 3 salariés · investir · recruter · "
            "1 apprenti ou alternant · investissement 25 000 € Modifier mes réponses"
        ) in page
        assert not re.search(r"(?<![\d ])0 €", page)
        assert "Estimation pour les aides choisies" in page
        # What was typed stays in the folded form.
        assert 'name="investissement" value="25 000"' in html

    def test_still_six_questions_at_most(self, client, demo_guide):
        assert top_level_questions(form_html(client, demo_guide)) == 6

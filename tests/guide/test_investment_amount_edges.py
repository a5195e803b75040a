"""The questionnaire's investment amount at its edges (issue 23 review): which « part de quoi »
the amount stands for is decided on words, not letters, and a credit, its interest or a lease
is never the project's expenses; an amount far too large is refused with one message."""

import re
from decimal import Decimal

import pytest

from guide.matching.estimate import estimate_component, is_investment_basis
from guide.matching.facts import Answers, Component, Term
from guide.matching.questionnaire import QuestionnaireForm
from tests.guide.test_questionnaire import text_of


@pytest.mark.parametrize(
    "basis",
    [
        # « rent » is a word of its own, not the end of « current »; « prêt » not in
        # « interprétation ».
        "of the current project's costs",
        "des dépenses d'interprétation du projet",
    ],
)
def test_the_projects_expenses_said_with_words_containing_other_ones(basis):
    assert is_investment_basis(basis)


@pytest.mark.parametrize(
    "basis",
    [
        "du coût du crédit",
        "des intérêts du crédit finançant le projet",
        "du coût du crédit-bail de l'équipement",
        "des capitaux propres investis dans le projet",
        "of the interest on the equipment's financing",
        "of the leasing cost of the equipment",
    ],
)
def test_a_credit_its_interest_or_a_lease_is_not_the_investment(basis):
    assert not is_investment_basis(basis)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", [str(10**30), "99999999999,99"])
def test_a_huge_amount_is_said_once(typed):
    """Too large is both above the maximum and too many digits: one message, not the same
    sentence twice under the field."""
    form = QuestionnaireForm({"investissement": typed})
    assert form.answers().investment is None
    assert [text_of(error) for error in form.errors["investissement"]] == [
        "Indiquez un montant d'au plus 1 milliard d'euros."
    ]


@pytest.mark.parametrize("investment", ["1", "3", "3.33"])
def test_a_share_under_one_euro_is_said_in_words_never_zero_euros(investment):
    """30 % of 3 € is less than a euro: no amount, and no « = 0 € » in the sentence either."""
    share = Component(
        "Subvention travaux",
        Term("subvention", "Subvention"),
        is_financial=True,
        ceiling=Decimal("10000"),
        max_share_percent=Decimal("30"),
        max_share_basis="des dépenses éligibles",
    )
    line = estimate_component(share, Answers(investment=Decimal(investment)))
    said = text_of(line.not_computed)
    assert line.amount is None and said
    assert not re.search(r"(^|= )0 €", said), said
    fixed = Component(
        "Forfait",
        Term("subvention", "Subvention"),
        is_financial=True,
        amount=Decimal("5000"),
        unit="beneficiaire",
        max_share_percent=Decimal("30"),
        max_share_basis="des dépenses éligibles",
    )
    line = estimate_component(fixed, Answers(investment=Decimal(investment)))
    said = text_of(line.not_computed)
    assert line.amount is None and said
    assert not re.search(r"(^|= )0 €", said), said

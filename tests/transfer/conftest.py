"""Fixtures of the import / export tests."""

import pytest

from tests.support.factories import ContactFactory, OrganisationFactory


@pytest.fixture
def actors(guide_index):
    operator = OrganisationFactory(name="Initiative Bièvre")
    contact = ContactFactory(
        name="Edith Blard", organisation=operator, email="edith@example.org", phone="+33619918462"
    )
    return operator, contact

import pytest

from tests.pages import make_guide


@pytest.fixture
def guide(db):
    """(home, guide index): a guide home page as the default site's root."""
    return make_guide()


@pytest.fixture
def home(guide):
    return guide[0]


@pytest.fixture
def guide_index(guide):
    return guide[1]


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editeur", "editeur@example.org", "pw")
    client.force_login(user)
    return client

"""Any address under /api/v1/ that is not the API's answers a JSON 404, a newline in it too
(the catch-all's « . » did not match « %0A »: the site's HTML 404 answered; found by the fuzz)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["aides/%2F%0A/", "%0A", "aides/x/%0A/y/"])
def test_an_unknown_address_with_a_newline_answers_a_json_404(client, path):
    response = client.get(f"/api/v1/{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "Adresse inconnue" in response.json()["detail"]

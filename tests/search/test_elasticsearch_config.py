"""ELASTICSEARCH_URL and its companion variables become the search backend's settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from guide.models import AidPage
from search.elasticsearch_config import backend_settings

FINGERPRINT = "AB:CD:" + ":".join(["12"] * 30)


def test_no_url_keeps_the_database_backend():
    assert backend_settings({}) is None
    assert backend_settings({"ELASTICSEARCH_URL": "  "}) is None


def test_a_url_alone_selects_elasticsearch_9_with_safe_defaults():
    settings = backend_settings({"ELASTICSEARCH_URL": "http://localhost:9200"})
    assert settings == {
        "BACKEND": "search.elasticsearch9",
        "URLS": ["http://localhost:9200"],
        "INDEX_PREFIX": "gosb_",
        "TIMEOUT": 10,
        "ATOMIC_REBUILD": True,
        "OPTIONS": {},
    }


def test_version_8_prefix_timeout_and_several_hosts():
    settings = backend_settings(
        {
            "ELASTICSEARCH_URL": "https://u:p@es1:9200, https://u:p@es2:9200",
            "ELASTICSEARCH_VERSION": "8",
            "ELASTICSEARCH_INDEX_PREFIX": "gosb_recette_",
            "ELASTICSEARCH_TIMEOUT": "30",
        }
    )
    assert settings["BACKEND"] == "search.elasticsearch8"
    assert settings["URLS"] == ["https://u:p@es1:9200", "https://u:p@es2:9200"]
    assert settings["INDEX_PREFIX"] == "gosb_recette_" and settings["TIMEOUT"] == 30


def test_tls_and_authentication_options_reach_the_client():
    settings = backend_settings(
        {
            "ELASTICSEARCH_URL": "https://es.example:9200",
            "ELASTICSEARCH_API_KEY": "aWQ6a2V5",
            "ELASTICSEARCH_CA_CERTS": "/etc/ssl/es-ca.pem",
            "ELASTICSEARCH_FINGERPRINT": FINGERPRINT,
            "ELASTICSEARCH_CLIENT_CERT": "/etc/ssl/client.pem",
            "ELASTICSEARCH_CLIENT_KEY": "/etc/ssl/client.key",
        }
    )
    assert settings["OPTIONS"] == {
        "api_key": "aWQ6a2V5",
        "ca_certs": "/etc/ssl/es-ca.pem",
        "ssl_assert_fingerprint": FINGERPRINT.replace(":", "").lower(),
        "client_cert": "/etc/ssl/client.pem",
        "client_key": "/etc/ssl/client.key",
    }


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"ELASTICSEARCH_URL": "localhost:9200"}, "ELASTICSEARCH_URL"),
        ({"ELASTICSEARCH_URL": "ftp://es:21"}, "ELASTICSEARCH_URL"),
        ({"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_VERSION": "6"}, "VERSION"),
        ({"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_TIMEOUT": "vite"}, "TIMEOUT"),
        ({"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_TIMEOUT": "0"}, "TIMEOUT"),
        ({"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_INDEX_PREFIX": "GOSB"}, "PREFIX"),
        ({"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_FINGERPRINT": "abc"}, "FINGER"),
        ({"ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_CLIENT_KEY": "/k"}, "CLIENT_KEY"),
        (
            {"ELASTICSEARCH_URL": "http://u:p@es:9200", "ELASTICSEARCH_API_KEY": "k"},
            "ELASTICSEARCH_URL",
        ),
    ],
)
def test_a_wrong_value_names_its_variable(environ, variable):
    with pytest.raises(ImproperlyConfigured, match=variable):
        backend_settings(environ)


@pytest.mark.parametrize("version", ["8", "9"])
def test_the_settings_build_a_client_without_contacting_a_server(version):
    """Wagtail's backend accepts the settings as they are (the client connects lazily)."""
    from wagtail.search.backends import get_search_backend

    settings = backend_settings(
        {
            "ELASTICSEARCH_URL": "https://elastic:secret@es.example:9243",
            "ELASTICSEARCH_VERSION": version,
            "ELASTICSEARCH_INDEX_PREFIX": "gosb_test_",
        }
    )
    if version == "8":
        pytest.importorskip(
            "modelsearch.backends.elasticsearch8",
            reason="the Elasticsearch 8 backend cannot be imported with this client",
        )
    backend = get_search_backend("default", **settings)
    assert backend.index_prefix == "gosb_test_"
    assert backend.get_index_for_model(AidPage).name == "gosb_test_wagtailcore_page"
    assert backend.hosts[0]["host"] == "es.example" and backend.hosts[0]["port"] == 9243


def test_replicas_reach_the_index_settings_next_to_the_french_analysis():
    from search.elasticsearch_backend import Elasticsearch9SearchBackend

    params = backend_settings(
        {"ELASTICSEARCH_URL": "http://localhost:9200", "ELASTICSEARCH_REPLICAS": "0"}
    )
    assert params["INDEX_SETTINGS"] == {"settings": {"index": {"number_of_replicas": 0}}}
    backend = Elasticsearch9SearchBackend({k: v for k, v in params.items() if k != "BACKEND"})
    assert backend.settings["settings"]["index"] == {"max_ngram_diff": 12, "number_of_replicas": 0}
    assert "french_stemmer" in str(backend.settings["settings"]["analysis"])
    for wrong in ("-1", "deux", "11"):
        with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_REPLICAS"):
            backend_settings(
                {"ELASTICSEARCH_URL": "http://localhost:9200", "ELASTICSEARCH_REPLICAS": wrong}
            )

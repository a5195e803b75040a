"""Stable addresses of the open data, mounted at ``/donnees/`` (config/urls.py):
``/donnees/`` (the dataset page), ``/donnees/dispositifs-aide.csv``,
``/donnees/dispositifs-aide.json`` and ``/donnees/contacts-dispositifs-aide.csv``.

Partners and data.gouv.fr link to these addresses: never rename them.
"""

from django.urls import path

from opendata import views
from opendata.export import CONTACTS_CSV, NATIONAL_CSV, PACKAGE_JSON

app_name = "opendata"
urlpatterns = [
    path("", views.dataset, name="dataset"),
    path(NATIONAL_CSV.filename, views.national_csv, name="national_csv"),
    path(PACKAGE_JSON.filename, views.package_json, name="package_json"),
    path(CONTACTS_CSV.filename, views.contacts_csv, name="contacts_csv"),
]

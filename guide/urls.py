"""The guide's addresses outside its pages (mounted at ``/recherche/``, config/urls.py)."""

from django.urls import path

from guide.listing.suggestions import suggestions

app_name = "guide"
urlpatterns = [
    path("suggestions/", suggestions, name="suggestions"),
]

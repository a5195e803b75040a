from django.urls import path

from embeds import views

app_name = "embeds"
urlpatterns = [
    path("aide/<str:code>/", views.fiche_card, name="fiche"),
    path("aides/", views.fiche_list, name="list"),
]

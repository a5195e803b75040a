from django.urls import path

from permalinks import views

app_name = "permalinks"
urlpatterns = [path("<str:code>/", views.short_link, name="short_link")]

from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("verifiez-vos-e-mails/", views.check_mailbox, name="check_mailbox"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desinscription/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("desinscription/<str:token>/un-clic/", views.one_click_unsubscribe, name="one_click"),
]

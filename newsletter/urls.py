from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.sign_up, name="sign_up"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("archive/", views.archive, name="archive"),
    path("archive/<str:week>/", views.issue_detail, name="issue"),
]

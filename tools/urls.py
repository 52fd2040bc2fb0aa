from django.urls import path

from tools import views

app_name = "tools"

urlpatterns = [
    path("<slug:slug>/", views.tool_detail, name="detail"),
]

from django.urls import path

from tools import views

app_name = "tools"

urlpatterns = [
    path("tools/", views.directory, name="directory"),
    path("tools/<slug:slug>/", views.tool_detail, name="detail"),
    path("tools/<slug:slug>/alternatives/", views.alternatives, name="alternatives"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
]

from django.contrib import admin
from django.urls import include, path

from compare import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tools/", include("tools.urls")),
    path("admin/", admin.site.urls),
]

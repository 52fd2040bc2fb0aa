from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("tools/<slug:slug>/report/", views.tool_report, name="tool"),
    path("compare/<str:pair>/report/", views.pair_report, name="pair"),
]

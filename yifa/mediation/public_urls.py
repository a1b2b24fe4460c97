"""Public pages of the mediation module, mounted at /tiaojie/ (no login)."""

from django.urls import path

from . import public_views

app_name = "mediation_public"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("apply/", public_views.apply, name="apply"),
    path("apply/done/", public_views.applied, name="applied"),
    path("rate/", public_views.rate, name="rate"),
]

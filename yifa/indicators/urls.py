from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/", views.overview, name="overview"),
    path("score/", views.my_score, name="my_score"),
    path("score/<int:org_pk>/", views.unit_score, name="unit_score"),
    path("score/<int:org_pk>/item/<int:node_pk>/", views.score_item, name="score_item"),
    path("records/<str:code>/", views.records, name="records"),
    path("schemes/", views.scheme_list, name="scheme_list"),
    path("schemes/load/", views.scheme_load, name="scheme_load"),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("schemes/<int:pk>/activate/", views.scheme_activate, name="scheme_activate"),
]

from django.urls import path

from . import public_views

app_name = "jianyi"

urlpatterns = [
    path("", public_views.results, name="results"),
    path("<int:pk>/", public_views.result, name="result"),
]

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("display/", views.set_display, name="set_display"),
    path("track/", views.track, name="track"),
]

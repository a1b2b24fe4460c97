from django.urls import path

from . import public_views

app_name = "pufa"

urlpatterns = [
    path("", public_views.menu, name="menu"),
    path("topics/<int:pk>/", public_views.order, name="order"),
    path("done/", public_views.done, name="done"),
    path("rate/", public_views.rate, name="rate"),
]

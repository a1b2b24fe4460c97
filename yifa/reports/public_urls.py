from django.urls import path

from . import public_views

app_name = "reports_public"

urlpatterns = [
    path("", public_views.report_list, name="list"),
    path("<int:pk>/", public_views.report_detail, name="detail"),
    path("<int:pk>/download/", public_views.report_download, name="download"),
]

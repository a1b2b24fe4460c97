from django.urls import path

from . import public_views as views

app_name = "enforcement_public"

urlpatterns = [
    path("", views.index, name="index"),
    path("quanze/", views.power_list, name="power_list"),
    path("quanze/<int:pk>/", views.power_detail, name="power_detail"),
    path("renyuan/", views.officer_list, name="officer_list"),
    path("zhengjian/<str:token>/", views.certificate, name="certificate"),
    path("zhengjian/<str:token>/qr.svg", views.certificate_qr, name="certificate_qr"),
    path("gongshi/", views.decision_list, name="decision_list"),
    path("gongshi/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("choucha/", views.draw_list, name="draw_list"),
    path("choucha/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("choucha/<int:pk>/draw.json", views.draw_json, name="draw_json"),
    path("shuju/", views.yearly_data, name="yearly_data"),
    path("shuju/<int:pk>/download/", views.yearly_data_download, name="yearly_data_download"),
]

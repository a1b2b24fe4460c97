from django.urls import path, register_converter

from . import public_views, views

app_name = "petitions"


class ActionConverter:
    regex = "|".join(sorted(views.ACTIONS, key=len, reverse=True))

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ActionConverter, "petition_action")

urlpatterns = [
    path("petitions/", views.petition_list, name="list"),
    path("petitions/new/", views.petition_create, name="create"),
    path("petitions/figures/", views.figures, name="figures"),
    path("petitions/ledger/template/", views.ledger_template, name="ledger_template"),
    path("petitions/ledger/export/", views.ledger_export, name="ledger_export"),
    path("petitions/ledger/import/", views.ledger_import, name="ledger_import"),
    path("petitions/<int:pk>/", views.petition_detail, name="detail"),
    path("petitions/<int:pk>/opinion.docx", views.opinion_docx, name="opinion_docx"),
    path("petitions/<int:pk>/attach/", views.attach, name="attach"),
    path("petitions/<int:pk>/<petition_action:action>/", views.act, name="act"),
    # 公众门户: 网上信访 (领导信箱)
    path("xinfang/", public_views.petition_form, name="public_form"),
    path("xinfang/done/<str:code>/", public_views.petition_done, name="public_done"),
]

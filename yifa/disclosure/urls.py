from django.urls import path, register_converter

from . import public_views, views

app_name = "disclosure"


class NameConverter:
    def __init__(self, names):
        self.regex = "|".join(sorted(names, key=len, reverse=True))

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class RequestAction(NameConverter):
    def __init__(self):
        super().__init__(views.REQUEST_ACTIONS)


class PublicationAction(NameConverter):
    def __init__(self):
        super().__init__(views.PUBLICATION_ACTIONS)


class LedgerKind(NameConverter):
    def __init__(self):
        super().__init__(views.LEDGERS)


register_converter(RequestAction, "request_action")
register_converter(PublicationAction, "publication_action")
register_converter(LedgerKind, "ledger_kind")

urlpatterns = [
    path("disclosure/requests/", views.request_list, name="request_list"),
    path("disclosure/requests/new/", views.request_create, name="request_create"),
    path("disclosure/requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("disclosure/requests/<int:pk>/reply.docx", views.reply_docx, name="reply_docx"),
    path("disclosure/requests/<int:pk>/<request_action:action>/", views.request_act, name="request_act"),
    path("disclosure/publications/", views.publication_list, name="publication_list"),
    path("disclosure/publications/new/", views.publication_create, name="publication_create"),
    path("disclosure/publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path("disclosure/publications/<int:pk>/<publication_action:action>/", views.publication_act,
         name="publication_act"),
    path("disclosure/attach/<str:kind>/<int:pk>/", views.attach, name="attach"),
    path("disclosure/ledger/<ledger_kind:kind>/template/", views.ledger_template, name="ledger_template"),
    path("disclosure/ledger/<ledger_kind:kind>/export/", views.ledger_export, name="ledger_export"),
    path("disclosure/ledger/<ledger_kind:kind>/import/", views.ledger_import, name="ledger_import"),
    path("disclosure/annual/", views.annual, name="annual"),
    # 公众门户
    path("gongkai/", public_views.index, name="public_index"),
    path("gongkai/<int:pk>/", public_views.publication, name="public_publication"),
    path("gongkai/shenqing/", public_views.apply, name="public_apply"),
    path("gongkai/shenqing/done/<str:code>/", public_views.done, name="public_done"),
    path("gongkai/niandu/", public_views.annual, name="public_annual"),
]

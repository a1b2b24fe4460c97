from django.urls import path

from . import public_views, views

app_name = "legal_review"

urlpatterns = [
    path("legal-review/", views.request_list, name="request_list"),
    path("legal-review/new/", views.request_create, name="request_create"),
    path("legal-review/import/", views.request_import, name="request_import"),
    path("legal-review/import/template.xlsx", views.request_template, name="request_template"),
    path("legal-review/<int:pk>/", views.request_detail, name="request_detail"),
    path("legal-review/<int:pk>/assign/", views.request_assign, name="request_assign"),
    path("legal-review/<int:pk>/return/", views.request_return, name="request_return"),
    path("legal-review/<int:pk>/resubmit/", views.request_resubmit, name="request_resubmit"),
    path("legal-review/<int:pk>/issue/", views.request_issue, name="request_issue"),
    path("legal-review/<int:pk>/adoption/", views.request_adoption, name="request_adoption"),
    path("legal-review/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("legal-review/<int:pk>/opinion.docx", views.opinion_docx, name="opinion_docx"),
    path("legal-advisers/", views.adviser_list, name="adviser_list"),
    path("legal-advisers/new/", views.adviser_create, name="adviser_create"),
    path("legal-advisers/import/", views.adviser_import, name="adviser_import"),
    path("legal-advisers/import/template.xlsx", views.adviser_template, name="adviser_template"),
    path("legal-advisers/services/", views.service_list, name="service_list"),
    path("legal-advisers/services/import/", views.service_import, name="service_import"),
    path("legal-advisers/services/import/template.xlsx", views.service_template, name="service_template"),
    path("legal-advisers/<int:pk>/", views.adviser_detail, name="adviser_detail"),
    path("legal-advisers/<int:pk>/edit/", views.adviser_edit, name="adviser_edit"),
    path("legal-advisers/<int:pk>/end/", views.adviser_end, name="adviser_end"),
    path("legal-advisers/<int:pk>/services/", views.service_log, name="service_log"),
    # public portal
    path("falvguwen/", public_views.advisers, name="public_advisers"),
]

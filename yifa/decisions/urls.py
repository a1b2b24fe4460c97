from django.urls import path

from . import public_views, views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/import/", views.decision_import, name="decision_import"),
    path("decisions/import/template.xlsx", views.decision_template, name="decision_template"),
    path("decisions/catalogues/", views.catalogue_list, name="catalogue_list"),
    path("decisions/catalogues/new/", views.catalogue_create, name="catalogue_create"),
    path("decisions/catalogues/<int:pk>/", views.catalogue_detail, name="catalogue_detail"),
    path("decisions/catalogues/<int:pk>/add/", views.catalogue_add, name="catalogue_add"),
    path("decisions/catalogues/<int:pk>/approve/", views.catalogue_approve, name="catalogue_approve"),
    path("decisions/catalogues/<int:pk>/publish/", views.catalogue_publish, name="catalogue_publish"),
    path("decisions/catalogues/<int:pk>/adjust/", views.catalogue_adjust, name="catalogue_adjust"),
    path("decisions/catalogues/<int:pk>/catalogue.docx", views.catalogue_docx, name="catalogue_docx"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/draft/", views.decision_draft, name="decision_draft"),
    path("decisions/<int:pk>/start/", views.decision_start, name="decision_start"),
    path("decisions/<int:pk>/steps/<str:kind>/", views.decision_step, name="decision_step"),
    path("decisions/<int:pk>/steps/<str:kind>/waive/", views.step_waive, name="step_waive"),
    path("decisions/<int:pk>/steps/<str:kind>/reinstate/", views.step_reinstate, name="step_reinstate"),
    path("decisions/<int:pk>/comment/open/", views.comment_open, name="comment_open"),
    path("decisions/<int:pk>/comments/<int:comment_pk>/answer/", views.comment_answer, name="comment_answer"),
    path("decisions/<int:pk>/adoption/", views.adoption_publish, name="adoption_publish"),
    path("decisions/<int:pk>/hearing/", views.hearing_record, name="hearing_record"),
    path("decisions/<int:pk>/experts/", views.expert_add, name="expert_add"),
    path("decisions/<int:pk>/experts/done/", views.expert_done, name="expert_done"),
    path("decisions/<int:pk>/risk/", views.risk_record, name="risk_record"),
    path("decisions/<int:pk>/legality/", views.legality_request, name="legality_request"),
    path("decisions/<int:pk>/meeting/", views.meeting_record, name="meeting_record"),
    path("decisions/<int:pk>/publish/", views.decision_publish, name="decision_publish"),
    path("decisions/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("decisions/<int:pk>/implementation/", views.implementation_add, name="implementation_add"),
    path("decisions/<int:pk>/evaluation/", views.evaluation_add, name="evaluation_add"),
    path("decisions/<int:pk>/archive/", views.decision_archive, name="decision_archive"),
    path("decisions/<int:pk>/withdraw/", views.decision_withdraw, name="decision_withdraw"),
    path("decisions/<int:pk>/notice.docx", views.notice_docx, name="notice_docx"),
    path("decisions/<int:pk>/adoption.docx", views.adoption_docx, name="adoption_docx"),
    # public portal: 决策预公开
    path("juece/", public_views.index, name="public_index"),
    path("juece/mulu/<int:pk>/", public_views.catalogue, name="public_catalogue"),
    path("juece/<int:pk>/", public_views.decision, name="public_decision"),
    path("juece/<int:pk>/comment/", public_views.comment, name="public_comment"),
]

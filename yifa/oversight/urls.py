from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("suggestions/", views.suggestion_list, name="suggestion_list"),
    path("suggestions/new/", views.suggestion_create, name="suggestion_create"),
    path("suggestions/import/", views.suggestion_import, name="suggestion_import"),
    path("suggestions/template.xlsx", views.suggestion_template, name="suggestion_template"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/<int:pk>/correct/", views.suggestion_correct, name="suggestion_correct"),
    path("suggestions/<int:pk>/assign/", views.suggestion_assign, name="suggestion_assign"),
    path("suggestions/<int:pk>/contact/", views.suggestion_contact, name="suggestion_contact"),
    path("suggestions/<int:pk>/co-opinion/", views.suggestion_co_opinion, name="suggestion_co_opinion"),
    path("suggestions/<int:pk>/reply/", views.suggestion_reply, name="suggestion_reply"),
    path("suggestions/<int:pk>/close/", views.suggestion_close, name="suggestion_close"),
    path("suggestions/<int:pk>/reopen/", views.suggestion_reopen, name="suggestion_reopen"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/import/", views.case_import, name="case_import"),
    path("cases/template.xlsx", views.case_template, name="case_template"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/correct/", views.case_correct, name="case_correct"),
    path("cases/<int:pk>/reply/", views.case_reply, name="case_reply"),
    path("cases/<int:pk>/hearing/", views.case_hearing, name="case_hearing"),
    path("cases/<int:pk>/conclude/", views.case_conclude, name="case_conclude"),
    path("cases/<int:pk>/performance/", views.case_performance, name="case_performance"),
    path("cases/<int:pk>/appeal/", views.case_appeal, name="case_appeal"),
    path("cases/<int:pk>/letter/", views.case_letter, name="case_letter"),
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/import/", views.letter_import, name="letter_import"),
    path("letters/template.xlsx", views.letter_template, name="letter_template"),
    path("letters/<int:pk>/answer/", views.letter_answer, name="letter_answer"),
    path("figures/", views.figures, name="figures"),
]

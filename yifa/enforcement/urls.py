from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/simple/", views.case_simple_new, name="case_simple_new"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/do/<slug:name>/", views.case_action, name="case_action"),
    path("cases/<int:pk>/decision.docx", views.case_decision_docx, name="case_decision_docx"),
    path("preservations/<int:pk>/do/<slug:name>/", views.preservation_action, name="preservation_action"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("annual/", views.annual_list, name="annual_list"),
    path("annual/<int:pk>/", views.annual_detail, name="annual_detail"),
    path("annual/<int:pk>/do/<slug:name>/", views.annual_action, name="annual_action"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("powers/", views.power_list, name="power_list"),
    path("powers/new/", views.power_new, name="power_new"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("powers/<int:pk>/edit/", views.power_edit, name="power_edit"),
    path("powers/<int:pk>/do/<slug:name>/", views.power_command, name="power_command"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/new/", views.officer_edit, name="officer_new"),
    path("officers/<int:pk>/", views.officer_edit, name="officer_edit"),
    path("officers/import/", views.register_import, {"kind": "officers"}, name="officer_import"),
    path("reviewers/new/", views.reviewer_new, name="reviewer_new"),
    path("targets/", views.target_list, name="target_list"),
    path("targets/new/", views.target_new, name="target_new"),
    path("targets/import/", views.register_import, {"kind": "targets"}, name="target_import"),
    path("draws/", views.draw_list, name="draw_list"),
    path("draws/new/", views.draw_new, name="draw_new"),
    path("draws/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/do/<slug:name>/", views.draw_command, name="draw_command"),
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("figures/", views.figures, name="figures"),
    path("reports/<slug:kind>.docx", views.report_docx, name="report"),
]

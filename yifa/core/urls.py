from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("workbench/", views.workbench, name="workbench"),
    path("switch-unit/", views.switch_unit, name="switch_unit"),
    path("system/orgs/", views.org_list, name="org_list"),
    path("system/orgs/new/", views.org_edit, name="org_create"),
    path("system/orgs/<int:pk>/", views.org_edit, name="org_edit"),
    path("system/users/", views.user_list, name="user_list"),
    path("system/users/new/", views.user_create, name="user_create"),
    path("system/users/<int:pk>/", views.user_detail, name="user_detail"),
    path("system/users/<int:pk>/reset-password/", views.user_reset_password, name="user_reset_password"),
    path("system/audit/", views.audit_list, name="audit_list"),
    path("system/logins/", views.login_log, name="login_log"),
    path("files/<int:pk>/", views.attachment_download, name="attachment_download"),
]

# Statutory time (core.deadlines): deadlines, the holiday calendar, the rule table, 督办.
from . import views_deadlines  # noqa: E402

urlpatterns += [
    path("deadlines/", views_deadlines.deadline_list, name="deadline_list"),
    path("deadlines/<int:pk>/", views_deadlines.deadline_detail, name="deadline_detail"),
    path("system/calendar/", views_deadlines.calendar_view, name="calendar"),
    path("system/calendar/<int:year>/", views_deadlines.calendar_view, name="calendar_year"),
    path("system/calendar/day/", views_deadlines.calendar_day_edit, name="calendar_day"),
    path("system/calendar/enter-year/", views_deadlines.calendar_year_enter, name="calendar_year_enter"),
    path("system/rules/", views_deadlines.rule_list, name="rule_list"),
    path("system/rules/<int:pk>/", views_deadlines.rule_edit, name="rule_edit"),
    path("supervision/", views_deadlines.supervision_board, name="supervision_board"),
    path("supervision/new/<int:org_pk>/", views_deadlines.supervision_new, name="supervision_new"),
    path("supervision/<int:pk>/", views_deadlines.supervision_detail, name="supervision_detail"),
    path("supervision/<int:pk>/answer/", views_deadlines.supervision_answer, name="supervision_answer"),
]

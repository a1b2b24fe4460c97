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

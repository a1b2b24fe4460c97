from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("board/", views.board, name="board"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/upload/", views.review_upload, name="review_upload"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/regenerate/", views.report_regenerate, name="regenerate"),
    path("<int:pk>/finalize/", views.report_finalize, name="finalize"),
    path("<int:pk>/reopen/", views.report_reopen, name="reopen"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/publish/", views.report_publish, name="publish"),
    path("<int:pk>/review/", views.report_review, name="review"),
    path("<int:pk>/download/", views.report_download, name="download"),
]

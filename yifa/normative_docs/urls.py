from django.urls import path

from . import public_views, views

app_name = "normative_docs"

urlpatterns = [
    path("normative/", views.document_list, name="document_list"),
    path("normative/new/", views.document_create, name="document_create"),
    path("normative/import/", views.document_import, name="document_import"),
    path("normative/import/template.xlsx", views.document_template, name="document_template"),
    path("normative/<int:pk>/", views.document_detail, name="document_detail"),
    path("normative/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("normative/<int:pk>/comment/open/", views.comment_open, name="comment_open"),
    path("normative/<int:pk>/comments/<int:comment_pk>/answer/", views.comment_answer, name="comment_answer"),
    path("normative/<int:pk>/comment/close/", views.comment_close, name="comment_close"),
    path("normative/<int:pk>/review/", views.review_request, name="review_request"),
    path("normative/<int:pk>/deliberate/", views.deliberate, name="deliberate"),
    path("normative/<int:pk>/register/", views.register, name="register"),
    path("normative/<int:pk>/publish/", views.publish, name="publish"),
    path("normative/<int:pk>/file/", views.file, name="file"),
    path("normative/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("normative/<int:pk>/notice.docx", views.notice_docx, name="notice_docx"),
    path("normative/<int:pk>/text.docx", views.text_docx, name="text_docx"),
    path("normative/filings/", views.filing_list, name="filing_list"),
    path("normative/filings/<int:pk>/", views.filing_detail, name="filing_detail"),
    path("normative/filings/<int:pk>/pass/", views.filing_pass, name="filing_pass"),
    path("normative/filings/<int:pk>/correct/", views.filing_correct, name="filing_correct"),
    path("normative/filings/<int:pk>/answer/", views.filing_answer, name="filing_answer"),
    path("normative/filings/<int:pk>/report.docx", views.filing_docx, name="filing_docx"),
    path("normative/cleanups/", views.cleanup_list, name="cleanup_list"),
    path("normative/cleanups/new/", views.cleanup_create, name="cleanup_create"),
    path("normative/cleanups/<int:pk>/", views.cleanup_detail, name="cleanup_detail"),
    path("normative/cleanups/<int:pk>/items/<int:item_pk>/", views.cleanup_item, name="cleanup_item"),
    path("normative/cleanups/<int:pk>/conclude/", views.cleanup_conclude, name="cleanup_conclude"),
    # public portal: 规范性文件库 and drafts open for comment
    path("wenjian/", public_views.library, name="public_library"),
    path("wenjian/<int:pk>/", public_views.document, name="public_document"),
    path("wenjian/<int:pk>/comment/", public_views.comment, name="public_comment"),
]

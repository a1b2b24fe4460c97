from django.contrib import admin
from django.urls import include, path

from yifa.core import views as core_views

admin.site.site_header = "依法 · 后台数据（只读）"
admin.site.site_title = "依法后台"

urlpatterns = [
    path("accounts/login/", core_views.login_view, name="login"),
    path("accounts/logout/", core_views.logout_view, name="logout"),
    path("accounts/password/", core_views.password_change, name="password_change"),
    path("", include("yifa.core.urls")),
    path("django-admin/", admin.site.urls),
    path("indicators/", include("yifa.indicators.urls")),
    path("mediation/", include("yifa.mediation.urls")),
    path("tiaojie/", include("yifa.mediation.public_urls")),
    path("enforcement/", include("yifa.enforcement.urls")),
    path("zhifa/", include("yifa.enforcement.public_urls")),
    path("oversight/", include("yifa.oversight.urls")),
    path("training/", include("yifa.training.urls")),
    path("pufa/", include("yifa.training.public_urls")),
    path("jianyi/", include("yifa.oversight.public_urls")),
    path("reports/", include("yifa.reports.urls")),
    path("baogao/", include("yifa.reports.public_urls")),
    path("", include("yifa.petitions.urls")),  # petitions/ (staff) and xinfang/ (portal)
    path("", include("yifa.disclosure.urls")),  # disclosure/ (staff) and gongkai/ (portal)
    path("", include("yifa.legal_review.urls")),  # legal-review/, legal-advisers/ (staff) and falvguwen/ (portal)
    path("", include("yifa.decisions.urls")),  # decisions/ (staff) and juece/ (portal)
    path("", include("yifa.normative_docs.urls")),  # normative/ (staff) and wenjian/ (portal)
    path("", include("yifa.portal.urls")),
]

handler403 = "yifa.core.errors.forbidden"
handler404 = "yifa.core.errors.not_found"
handler500 = "yifa.core.errors.server_error"

"""The project's URLs plus a benchmark-only admin site: the Django admin changelist a quick build would use for
the dispute register, with the mediation module's own list columns and filters and our page size (30)."""

from django.contrib import admin
from django.urls import path

from config.urls import urlpatterns as project_urls
from yifa.mediation.admin import DisputeCaseAdmin
from yifa.mediation.models import DisputeCase

site = admin.AdminSite(name="bench_admin")


class ChangeList30(DisputeCaseAdmin):
    list_per_page = 30


site.register(DisputeCase, ChangeList30)

urlpatterns = [path("bench-admin/", site.urls), *project_urls]

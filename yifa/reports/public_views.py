"""The portal's 法治政府建设年度报告 column: every published report, with its date of publication.

Only reports in the 已公开 state are shown (第二十四条: made public before 4月1日 each year, after the
保密审查). No login; the text is the published document's own.
"""

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from yifa.core.models import Org

from .builder import paragraphs_of
from .models import AnnualReport


def _published():
    return AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED).select_related("org", "org__parent")


def report_list(request):
    reports = _published().order_by("-year", "-published_on", "org__path")
    years = sorted(set(reports.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("year", "")
    if year.isdigit():
        reports = reports.filter(year=int(year))
    query = request.GET.get("q", "").strip()
    if query:
        reports = reports.filter(org__name__icontains=query)
    return render(request, "reports/public_list.html", {
        "page": Paginator(reports, 20).get_page(request.GET.get("page")), "years": years, "year": year,
        "query": query,
    })


def _report(pk) -> AnnualReport:
    return get_object_or_404(_published(), pk=pk)


def report_detail(request, pk):
    report = _report(pk)
    lines = paragraphs_of(report.text)
    blocks = []
    title_lines = []
    for index, line in enumerate(lines):
        if index < 2 and line in report.title:  # the title may be set on two lines
            title_lines.append(line)
            continue
        kind = "h2" if line[:1] in "一二三四五六七八九十" and "、" in line[:4] else \
            "h3" if line.startswith("（") and "）" in line[:5] else "p"
        blocks.append({"kind": kind, "text": line})
    return render(request, "reports/public_detail.html", {"report": report, "blocks": blocks})


def report_download(request, pk):
    report = _report(pk)
    if report.document is None:
        raise Http404
    handle = default_storage.open(report.document.stored_name, "rb")
    return FileResponse(handle, as_attachment=True, filename=f"{report.title}.docx",
                        content_type=report.document.content_type)

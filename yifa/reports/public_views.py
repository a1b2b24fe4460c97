"""The portal's 法治政府建设年度报告 column: every published report, with its date of publication.

Only reports in the 已公开 state are shown (第二十四条: made public before 4月1日 each year, after the
保密审查). No login; the text is the published document's own.
"""

import re

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

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


def document_blocks(report) -> list[dict]:
    """The published text as blocks for the page: headings, the 主送机关, body, and the signature lines."""
    lines = paragraphs_of(report.text)
    while lines and lines[0] in report.title:  # the title, possibly on two lines, is the page's h1
        lines.pop(0)
    blocks = []
    for index, line in enumerate(lines):
        if re.fullmatch(r"[一二三四五六七八九十]+、.{2,60}", line):
            kind = "h2"
        elif re.fullmatch(r"[（(][一二三四五六七八九十]+[)）].{2,60}", line) and not line.endswith("。"):
            kind = "h3"
        elif index == 0 and line.endswith("："):
            kind = "addressee"
        elif index >= len(lines) - 2 and (re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line)
                                          or index == len(lines) - 2 and len(line) <= 20):
            kind = "signature"
        else:
            kind = "p"
        blocks.append({"kind": kind, "text": line})
    return blocks


def report_detail(request, pk):
    report = _report(pk)
    return render(request, "reports/public_detail.html", {"report": report, "blocks": document_blocks(report)})


def report_download(request, pk):
    report = _report(pk)
    if report.document is None:
        raise Http404
    handle = default_storage.open(report.document.stored_name, "rb")
    return FileResponse(handle, as_attachment=True, filename=f"{report.title}.docx",
                        content_type=report.document.content_type)

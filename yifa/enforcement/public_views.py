"""执法公示 on the public portal (no login): 事前 (权责清单、流程图、裁量基准、执法人员), 事中 (证件查验),
事后 (行政处罚决定, 双随机抽查 with its seed so anyone can re-run it, 年度执法数据).

Only what is published is shown; natural persons' data were masked when the notice was made.
"""

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from yifa.core import deadlines
from yifa.core.models import Org

from . import draw as drawing
from . import qr
from .models import AnnualData, EnforcementCase, Inspection, Officer, Power, Publication, RandomDraw


def _units():
    """The 执法主体 shown here: units with published powers, notices or draws, or with officers or cases."""
    ids = set(Power.objects.filter(is_published=True).values_list("org_id", flat=True))
    ids |= set(Publication.objects.values_list("org_id", flat=True))
    ids |= set(RandomDraw.objects.exclude(status=RandomDraw.Status.PLANNED).values_list("org_id", flat=True))
    ids |= set(Officer.objects.values_list("org_id", flat=True))
    ids |= set(EnforcementCase.objects.values_list("org_id", flat=True))
    return Org.objects.filter(pk__in=ids, is_active=True).order_by("path")


def _unit_filter(request, qs, field="org"):
    unit = request.GET.get("unit", "")
    if unit.isdigit():
        qs = qs.filter(**{f"{field}_id": int(unit)})
    return qs, unit


@require_GET
def index(request):
    today = deadlines.today()
    return render(request, "enforcement/public/index.html", {
        "units": _units(),
        "decisions": Publication.objects.filter(status=Publication.Status.PUBLISHED).select_related("org")[:5],
        "draws": RandomDraw.objects.exclude(status=RandomDraw.Status.PLANNED).select_related("org")[:5],
        "power_count": Power.objects.filter(is_published=True, is_active=True).count(),
        "officer_count": sum(1 for o in Officer.objects.filter(status=Officer.Status.ACTIVE) if o.certified_on(today)),
    })


@require_GET
def power_list(request):
    powers = Power.objects.filter(is_published=True, is_active=True).select_related("org")
    powers, unit = _unit_filter(request, powers)
    kind = request.GET.get("kind", "")
    if kind in Power.Kind.values:
        powers = powers.filter(kind=kind)
    query = request.GET.get("q", "").strip()[:50]
    if query:
        powers = powers.filter(Q(name__icontains=query) | Q(basis_law__icontains=query) | Q(domain__icontains=query))
    return render(request, "enforcement/public/power_list.html", {
        "powers": sorted(powers, key=Power.listing_key), "units": _units(), "unit": unit,
        "kind": kind, "kinds": Power.Kind.choices, "query": query})


@require_GET
def power_detail(request, pk):
    power = get_object_or_404(Power.objects.select_related("org"), pk=pk, is_published=True)
    return render(request, "enforcement/public/power_detail.html", {
        "power": power, "steps": power.steps.all(), "levels": power.levels.all()})


@require_GET
def officer_list(request):
    today = deadlines.today()
    officers = Officer.objects.filter(status=Officer.Status.ACTIVE).exclude(cert_number="").select_related("org")
    officers, unit = _unit_filter(request, officers)
    listed = [o for o in officers.order_by("org__path", "name") if o.certified_on(today)]
    return render(request, "enforcement/public/officer_list.html", {
        "officers": listed, "units": _units(), "unit": unit, "today": today})


@require_GET
def certificate(request, token):
    """事中公示: the page an officer's QR code opens, so a party can check the certificate on the spot."""
    officer = get_object_or_404(Officer.objects.select_related("org"), public_token=token)
    if not officer.cert_number:
        raise Http404
    today = deadlines.today()
    url = request.build_absolute_uri(reverse("enforcement_public:certificate", args=[token]))
    return render(request, "enforcement/public/certificate.html", {
        "officer": officer, "valid": officer.certified_on(today), "today": today,
        "qr": qr.svg(url, label=f"{officer.name}执法证查验二维码"), "url": url})


@require_GET
def certificate_qr(request, token):
    officer = get_object_or_404(Officer, public_token=token)
    url = request.build_absolute_uri(reverse("enforcement_public:certificate", args=[officer.public_token]))
    return HttpResponse(qr.svg(url, module=8, label=f"{officer.name}执法证查验二维码"), content_type="image/svg+xml")


@require_GET
def decision_list(request):
    notices = Publication.objects.select_related("org")
    notices, unit = _unit_filter(request, notices)
    query = request.GET.get("q", "").strip()[:50]
    published = notices.filter(status=Publication.Status.PUBLISHED)
    if query:
        published = published.filter(Q(decision_number__icontains=query) | Q(cause__icontains=query)
                                     | Q(party__icontains=query))
    page = Paginator(published.order_by("-published_on", "-pk"), 20).get_page(request.GET.get("page"))
    withdrawn = notices.filter(status=Publication.Status.WITHDRAWN).order_by("-withdrawn_on")[:20]
    return render(request, "enforcement/public/decision_list.html", {
        "page": page, "withdrawn": withdrawn, "units": _units(), "unit": unit, "query": query})


@require_GET
def decision_detail(request, pk):
    notice = get_object_or_404(Publication.objects.select_related("org"), pk=pk)
    return render(request, "enforcement/public/decision_detail.html", {"notice": notice})


def _published_draw(pk) -> RandomDraw:
    return get_object_or_404(RandomDraw.objects.select_related("org", "power").exclude(
        status=RandomDraw.Status.PLANNED), pk=pk)


@require_GET
def draw_list(request):
    draws = RandomDraw.objects.exclude(status=RandomDraw.Status.PLANNED).select_related("org")
    draws, unit = _unit_filter(request, draws)
    page = Paginator(draws.order_by("-drawn_at"), 20).get_page(request.GET.get("page"))
    return render(request, "enforcement/public/draw_list.html", {"page": page, "units": _units(), "unit": unit})


@require_GET
def draw_detail(request, pk):
    """The published draw: seed, both lists, the result, the algorithm; ``?verify=1`` re-runs it here."""
    d = _published_draw(pk)
    names = {code: name for code, name in d.target_pool}
    inspectors = {code: name for code, name in d.inspector_pool}
    rows = [{"target": r["target"], "name": names.get(r["target"], ""),
             "inspectors": [f"{inspectors.get(c, '')}（{c}）" for c in r["inspectors"]]} for r in d.result]
    results = None
    if d.status == RandomDraw.Status.RESULTS_PUBLISHED:
        results = d.inspections.select_related("target").order_by("target__uscc")
    verification = None
    if request.GET.get("verify"):
        same, again = drawing.rerun(d)
        verification = {"same": same, "again": again}
    return render(request, "enforcement/public/draw_detail.html", {
        "draw": d, "rows": rows, "results": results, "verification": verification,
        "algorithm": drawing.ALGORITHM_TEXT, "code": drawing.REFERENCE_CODE,
        "result_labels": dict(Inspection.Result.choices)})


@require_GET
def draw_json(request, pk):
    d = _published_draw(pk)
    response = JsonResponse(drawing.published_data(d), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="draw-{d.pk}.json"'
    return response


@require_GET
def yearly_data(request):
    """年度行政执法数据 (国办发〔2018〕118号): what each unit published for the year, as it was published
    (a frozen snapshot), never a live computation; a unit that has not published says so."""
    today = deadlines.today()
    try:
        year = int(request.GET.get("year", today.year - 1))
    except ValueError:
        year = today.year - 1
    records = list(AnnualData.objects.filter(year=year).select_related("org", "document").order_by("org__path"))
    units = _units()
    unit = request.GET.get("unit", "")
    chosen = next((u for u in units if str(u.pk) == unit), None)
    record = next((r for r in records if chosen and r.org_id == chosen.pk), None)
    return render(request, "enforcement/public/yearly_data.html", {
        "year": year, "years": range(today.year - 1, today.year - 6, -1), "units": units, "unit": unit,
        "chosen": chosen, "record": record,
        "published": [r for r in records if r.status == AnnualData.Status.PUBLISHED],
        "withheld": [r for r in records if r.status != AnnualData.Status.PUBLISHED and r.version],
        "not_yet": [r for r in records if not r.version],
    })


@require_GET
def yearly_data_download(request, pk):
    """The published .docx of a unit's yearly data (only while it is published)."""
    record = get_object_or_404(AnnualData.objects.select_related("document"), pk=pk,
                               status=AnnualData.Status.PUBLISHED)
    if record.document is None:
        raise Http404
    handle = default_storage.open(record.document.stored_name, "rb")
    return FileResponse(handle, as_attachment=True, filename=record.document.original_name,
                        content_type=record.document.content_type)

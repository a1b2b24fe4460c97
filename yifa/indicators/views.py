"""Pages of the indicators app: the dashboard, the comparison of units below, a unit's score against the
scheme, the records behind any figure, and the scheme editions.

Each view: scope lookup (404 outside the user's units) → permission (403) → at most one action → redirect.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from yifa.core import deadlines
from yifa.core.excel import Column, export_response
from yifa.core.models import Deadline, Org
from yifa.core.scope import get_visible_or_404
from yifa.core.workflow import InvalidTransition

from . import actions, periods, registry, values
from . import permissions as perm
from .models import IndicatorNode, IndicatorScheme
from .periods import Period

PAGE_SIZE = 50
UNIT_KINDS = (Org.Kind.CITY, Org.Kind.COUNTY, Org.Kind.TOWNSHIP, Org.Kind.SUBDISTRICT)


# ---------------------------------------------------------------- shared lookups


def _default_org(user) -> Org:
    membership = getattr(user, "active_membership", None)
    if membership is not None:
        return membership.org
    org = Org.objects.visible_to(user).filter(is_active=True).order_by("depth", "path").first()
    if org is None:
        raise PermissionDenied("您还没有所属单位，请联系管理员。")
    return org


def _org(request, key: str = "org") -> Org:
    raw = request.GET.get(key, "")
    if raw.isdigit():
        return get_visible_or_404(Org, request.user, pk=int(raw))
    return _default_org(request.user)


def _period(request) -> Period:
    return Period.parse(request.GET.get("period"), default=Period.year_of(deadlines.today()))


def _query(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def records_url(code: str, org: Org, period: Period) -> str | None:
    """Where a figure drills down to: our records page, or the module's own filtered list."""
    indicator = registry.INDICATORS[code]
    if indicator.records is not None:
        return reverse("indicators:records", args=[code]) + "?" + _query(org=org.pk, period=period.key)
    if indicator.drill is not None:
        return indicator.drill([org], period.bounds)
    return None


def target_text(node: IndicatorNode) -> str:
    """不低于95% / 不高于0件."""
    indicator = registry.INDICATORS.get(node.indicator)
    return node.target_text + ("%" if indicator and indicator.is_rate else indicator.unit if indicator else "")


def score_url(org: Org, period: Period) -> str:
    return reverse("indicators:unit_score", args=[org.pk]) + "?" + _query(period=period.key)


def _unit_choices(user, current: Org) -> list[Org]:
    orgs = list(Org.objects.visible_to(user).filter(is_active=True, kind__in=UNIT_KINDS).order_by("path")[:300])
    if current not in orgs:
        orgs.insert(0, current)
    return orgs


@dataclass
class Figure:
    """A figure as shown: value, the counts it divides, its target in the scheme, and where it drills to."""

    code: str
    indicator: registry.Indicator
    measure: registry.Measure | None
    url: str | None
    node: IndicatorNode | None = None
    period: Period | None = None

    @property
    def text(self) -> str:
        return values.display(self.measure.value if self.measure else None, self.indicator.unit)

    @property
    def fraction(self) -> str:
        m = self.measure
        if m is None or not m.denominator:
            return ""
        return f"{m.numerator}/{m.denominator}"

    @property
    def target(self) -> str:
        return target_text(self.node) if self.node else ""

    @property
    def met(self) -> bool | None:
        if self.node is None or self.measure is None or self.measure.value is None:
            return None
        return values.score_value(self.node, self.measure.value)[1]


def _figure(board, code: str, org: Org, targets: dict | None = None) -> Figure:
    return Figure(code, registry.INDICATORS[code], board.measure(code, org), records_url(code, org, board.period),
                  (targets or {}).get(code))


def _chart(kind: str, name: str, unit: str, labels, numbers, links, horizontal=False) -> dict:
    return {"type": kind, "name": name, "unit": unit, "labels": list(labels), "values": list(numbers),
            "links": list(links), "horizontal": horizontal}


def _trend_codes() -> list[tuple[str, registry.Indicator]]:
    return [(code, ind) for code, ind in registry.available().items() if not ind.snapshot]


def trend_code(asked: str = "") -> str:
    """The figure of the trend: the one asked for, else the first key rate."""
    codes = _trend_codes()
    if asked in dict(codes):
        return asked
    return next((c for c, ind in codes if ind.key and ind.is_rate), codes[0][0] if codes else "")


# ---------------------------------------------------------------- dashboard


@login_required
def dashboard(request):
    """指标看板: key figures of a unit for a period, the trend by month, and the ranking of the units below."""
    org, period = _org(request), _period(request)
    board, scheme = values.Board(period), values.active_scheme()
    targets = values.targets_by_code(scheme)
    units = values.units_below(org)
    # Every figure of the page for the unit and those below it at once: one grouped query per count.
    card_codes = [code for code, ind in registry.available().items() if ind.key]
    board.prefetch(card_codes + ["core.deadline_overdue"], [org, *units])
    if scheme:
        board.prefetch_scores(scheme, [org, *units])
    cards = [_figure(board, code, org, targets) for code in card_codes]

    trend_codes = _trend_codes()
    code = trend_code(request.GET.get("code", ""))
    trend = []
    if code:
        for month, measure in board.trend(code, org):
            trend.append(Figure(code, registry.INDICATORS[code], measure, records_url(code, org, month), period=month))
    indicator = registry.INDICATORS.get(code)
    trend_chart = _chart("line" if indicator and indicator.is_rate else "bar", indicator.label if indicator else "",
                         indicator.unit if indicator else "", [f.period.short_label for f in trend],
                         [f.measure.value if f.measure else None for f in trend], [f.url for f in trend]) if trend else None

    own_score = board.unit_score(scheme, org) if scheme else None
    ranking = board.score_ranking(scheme, units) if scheme and units else []
    for row in ranking:
        row["url"] = score_url(row["org"], period)
        row["overdue"] = _figure(board, "core.deadline_overdue", row["org"])
    ranking_chart = _chart("bar", "考核得分率", "%", [r["org"].name for r in ranking],
                           [r["score"].rate for r in ranking], [r["url"] for r in ranking], horizontal=True) \
        if ranking else None
    return render(request, "indicators/dashboard.html", {
        "org": org, "period": period, "scheme": scheme, "cards": cards, "units": _unit_choices(request.user, org),
        "period_choices": periods.choices(deadlines.today()), "trend_codes": trend_codes, "code": code,
        "indicator": indicator, "trend": trend, "trend_chart": trend_chart, "own_score": own_score,
        "own_score_url": score_url(org, period), "ranking": ranking, "ranking_chart": ranking_chart,
        "can_supervise_board": deadlines.can_view_supervision_board(request.user),
        "overview_url": reverse("indicators:overview") + "?" + _query(org=org.pk, period=period.key),
    })


# ---------------------------------------------------------------- the overseer's view of every unit below


@login_required
def overview(request):
    """下级单位比较: every unit below, its score by 一级指标, overdue items, and the ranking by any figure."""
    org, period = _org(request), _period(request)
    board, scheme = values.Board(period), values.active_scheme()
    units = values.units_below(org)
    board.prefetch(["core.deadline_overdue"], units)
    tops = list(scheme.nodes.filter(level=1).order_by("sort_order")) if scheme else []
    rows = board.score_ranking(scheme, units) if scheme else [{"org": u, "rank": None} for u in units]
    with_units_below = values.with_units_below(units)
    for row in rows:
        row["url"] = score_url(row["org"], period)
        row["overdue"] = _figure(board, "core.deadline_overdue", row["org"])
        row["dashboard_url"] = reverse("indicators:dashboard") + "?" + _query(org=row["org"].pk, period=period.key)
        row["subtotals"] = [(top, *row["score"].subtotal(top)) for top in tops] if scheme else []
        row["has_below"] = row["org"].pk in with_units_below
        row["overview_url"] = reverse("indicators:overview") + "?" + _query(org=row["org"].pk, period=period.key)

    if request.GET.get("export") == "xlsx" and scheme:
        return _export_scores(org, period, rows, tops)

    compare_codes = [(c, ind) for c, ind in registry.available().items()]
    code = request.GET.get("code", "")
    if code not in dict(compare_codes):
        code = "core.deadline_on_time_rate"
    ranking = board.ranking(code, units) if units else []
    for row in ranking:
        row["figure"] = _figure(board, code, row["org"], values.targets_by_code(scheme))
    indicator = registry.INDICATORS[code]
    chart = _chart("bar", indicator.label, indicator.unit, [r["org"].name for r in ranking],
                   [r["measure"].value if r["measure"] else None for r in ranking],
                   [r["figure"].url for r in ranking], horizontal=True) if ranking else None
    return render(request, "indicators/overview.html", {
        "org": org, "period": period, "scheme": scheme, "units": _unit_choices(request.user, org),
        "period_choices": periods.choices(deadlines.today()), "rows": rows, "tops": tops,
        "compare_codes": compare_codes, "code": code, "indicator": indicator, "ranking": ranking, "chart": chart,
        "score_chart": _chart("bar", "考核得分率", "%", [r["org"].name for r in rows],
                              [r["score"].rate for r in rows], [r["url"] for r in rows], horizontal=True)
        if scheme and rows else None,
        "can_supervise_board": deadlines.can_view_supervision_board(request.user),
        "export_url": reverse("indicators:overview") + "?" + _query(org=org.pk, period=period.key, export="xlsx"),
        "parent_url": (reverse("indicators:overview") + "?" + _query(org=org.parent_id, period=period.key))
        if org.parent_id and perm.can_view(request.user, org.parent) else "",
    })


def _export_scores(org: Org, period: Period, rows: list[dict], tops: list[IndicatorNode]):
    """下级单位考核得分 as an Excel sheet: the table of the overview, one row per unit."""
    columns = [Column("rank", "排名", width=6), Column("unit", "单位", width=18), Column("score", "得分", width=10),
               Column("maximum", "满分", width=10), Column("rate", "得分率（%）", width=12),
               Column("pending", "定性待评（项）", width=14)]
    columns += [Column(f"top{top.pk}", f"{top.number}、{top.title}", width=16) for top in tops]
    columns += [Column("overdue", "当前逾期（件）", width=14)]
    data = []
    for row in rows:
        score = row["score"]
        line = {"rank": row["rank"], "unit": row["org"].name, "score": score.total, "maximum": score.maximum,
                "rate": score.rate, "pending": score.pending, "overdue": row["overdue"].measure.value}
        for top, got, _most in row["subtotals"]:
            line[f"top{top.pk}"] = got
        data.append(line)
    return export_response(columns, data, title="考核得分", filename=f"{org.name}{period.label}下级单位考核得分.xlsx")


# ---------------------------------------------------------------- a unit's score against the scheme


@login_required
def my_score(request):
    return redirect(score_url(_default_org(request.user), _period(request)))


@login_required
def unit_score(request, org_pk, errors=None):
    """考核得分: the scheme's tree for one unit and period, each item's figure, target, score and records."""
    org = get_visible_or_404(Org, request.user, pk=org_pk)
    period = _period(request)
    scheme = values.active_scheme()
    if scheme is None:
        return render(request, "indicators/unit_score.html", {"org": org, "period": period, "scheme": None})
    board = values.Board(period)
    score = board.unit_score(scheme, org)
    results = {item.node.pk: item for item in score.items}
    rows = []
    for node in values.scheme_tree(scheme):
        item = results.get(node.pk)
        row = {"node": node, "item": item, "level_name": scheme.level_name(node.level)}
        if item is None:
            row["subtotal"] = score.subtotal(node) if node.level == 1 else None
        elif node.is_quantitative:
            row["target"] = target_text(node)
            if registry.is_available(node.indicator):
                row["figure"] = _figure(board, node.indicator, org)
        elif node.is_qualitative:
            row["can_score"] = perm.can_score(request.user, node, org)
            row["error"] = (errors or {}).get(node.pk)
        rows.append(row)
    return render(request, "indicators/unit_score.html", {
        "org": org, "period": period, "scheme": scheme, "score": score, "rows": rows,
        "units": _unit_choices(request.user, org), "period_choices": periods.choices(deadlines.today()),
        "dashboard_url": reverse("indicators:dashboard") + "?" + _query(org=org.pk, period=period.key),
    }, status=400 if errors else 200)


@login_required
@require_POST
def score_item(request, org_pk, node_pk):
    """定性指标评分 (one action), then back to the unit's score page."""
    org = get_visible_or_404(Org, request.user, pk=org_pk)
    scheme = values.active_scheme()
    node = IndicatorNode.objects.select_related("scheme").filter(pk=node_pk, scheme=scheme).first()
    if node is None:
        raise Http404("该指标不在启用中的指标体系内。")
    if not perm.can_score(request.user, node, org):
        raise PermissionDenied("只有上级单位的督察可以对定性指标评分。")
    period = _period(request)
    try:
        actions.score_item(node, org, period.year, by=request.user, score=request.POST.get("score", ""),
                           note=request.POST.get("note", ""))
    except ValidationError as error:
        return unit_score(request, org_pk, errors={node.pk: "；".join(error.messages)})
    messages.success(request, f"已记录{org.name}{period.year}年“{node.title[:30]}”的评分。")
    return redirect(score_url(org, period) + f"#n-{node.pk}")


# ---------------------------------------------------------------- records behind a figure


def _row(obj, indicator: registry.Indicator, part_ids) -> dict:
    if isinstance(obj, Deadline):
        title, url = obj.target_repr, reverse("core:deadline_detail", args=[obj.pk])
        status = obj.get_status_display()
        if obj.status == Deadline.Status.OPEN and obj.due_on < deadlines.today():
            status = f"已逾期{(deadlines.today() - obj.due_on).days}日"
        extra = [("期限", obj.rule.name), ("依据", obj.basis)]
    else:
        title = str(obj)
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        status = obj.get_status_display() if hasattr(obj, "get_status_display") else ""
        extra = [(header, getattr(obj, attr, "")) for header, attr in indicator.columns]
    org = obj.parent if isinstance(obj, Org) else getattr(obj, "org", None)
    return {"title": title, "url": url, "org": org, "status": status, "extra": extra,
            "date": getattr(obj, indicator.date_field, None) if indicator.date_field else None,
            "counted": (obj.pk in part_ids) if part_ids is not None else None}


@login_required
def records(request, code):
    """明细: the rows that make one figure of one unit and period (for a rate, its denominator, each marked
    whether it counts above the line)."""
    indicator = registry.INDICATORS.get(code)
    if indicator is None or not registry.is_available(code):
        raise Http404("没有这个指标，或所属模块未启用。")
    org, period = _org(request), _period(request)
    if indicator.records is None:
        url = indicator.drill([org], period.bounds) if indicator.drill else None
        if not url:
            raise Http404("该指标没有可查看的明细。")
        return redirect(url)
    qs = indicator.records([org], period.bounds)
    if hasattr(qs, "visible_to"):
        qs = qs.visible_to(request.user)
    order = [f"-{indicator.date_field}", "-pk"] if indicator.date_field else ["-pk"]
    qs = qs.order_by(*order)
    part_ids = set(indicator.part([org], period.bounds).values_list("pk", flat=True)) if indicator.part else None
    only = request.GET.get("only", "") if part_ids is not None else ""
    if only == "in":
        qs = qs.filter(pk__in=part_ids)
    elif only == "out":
        qs = qs.exclude(pk__in=part_ids)
    if request.GET.get("export") == "xlsx":
        return _export_records(indicator, org, period, [_row(obj, indicator, part_ids) for obj in qs])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_row(obj, indicator, part_ids) for obj in page.object_list]
    board = values.Board(period)
    figure = _figure(board, code, org, values.targets_by_code(values.active_scheme()))
    return render(request, "indicators/records.html", {
        "code": code, "indicator": indicator, "org": org, "period": period, "figure": figure, "page": page,
        "has_part": part_ids is not None, "only": only,
        "tab_url": reverse("indicators:records", args=[code]) + "?" + _query(org=org.pk, period=period.key),
        "export_url": reverse("indicators:records", args=[code]) + "?" + _query(org=org.pk, period=period.key,
                                                                                 only=only, export="xlsx"),
        "rows": rows, "extra_headers": [header for header, _value in rows[0]["extra"]] if rows else [],
        "module_url": indicator.drill([org], period.bounds) if indicator.drill else "",
        "dashboard_url": reverse("indicators:dashboard") + "?" + _query(org=org.pk, period=period.key, code=code)
        if not indicator.snapshot else reverse("indicators:dashboard") + "?" + _query(org=org.pk, period=period.key),
        "supervision": indicator.snapshot and code == "core.deadline_overdue"
        and deadlines.can_view_supervision_board(request.user),
    })


def _export_records(indicator: registry.Indicator, org: Org, period: Period, rows: list[dict]):
    extra = [header for header, _value in rows[0]["extra"]] if rows else []
    columns = [Column("title", "事项", width=40), Column("unit", "单位", width=16)]
    columns += [Column("date", indicator.date_label, width=14)] if indicator.date_label else []
    columns += [Column(f"x{i}", header, width=20) for i, header in enumerate(extra)]
    columns += [Column("status", "状态", width=14)]
    columns += [Column("counted", "计入", width=8)] if indicator.part else []
    data = []
    for row in rows:
        line = {"title": row["title"], "unit": row["org"].name if row["org"] else "", "status": row["status"],
                "date": row["date"], "counted": "计入" if row["counted"] else "不计入"}
        line.update({f"x{i}": value for i, (_header, value) in enumerate(row["extra"])})
        data.append(line)
    return export_response(columns, data, title="明细", filename=f"{org.name}{period.label}{indicator.label}明细.xlsx")


# ---------------------------------------------------------------- scheme editions


@login_required
def scheme_list(request):
    schemes = sorted(IndicatorScheme.objects.all(), key=lambda s: (not s.is_active, s.code, -s.version))
    by_checksum = {s.checksum: s for s in schemes}
    files = [{"name": p.name, "loaded": by_checksum.get(actions.checksum_of(p.read_bytes()))}
             for p in actions.data_files()]
    return render(request, "indicators/scheme_list.html", {
        "schemes": schemes, "can_manage": perm.can_manage_schemes(request.user), "files": files,
    })


@login_required
def scheme_detail(request, pk):
    scheme = IndicatorScheme.objects.filter(pk=pk).first()
    if scheme is None:
        raise Http404("没有这个指标体系版本。")
    nodes = values.scheme_tree(scheme)
    for node in nodes:
        node.depth = len(node.ancestor_ids)
        if node.is_quantitative:
            node.indicator_entry = registry.INDICATORS.get(node.indicator)
            node.target_display = target_text(node)
            node.status_text = registry.status_text(node.indicator)
    leaves = [n for n in nodes if n.is_leaf]
    return render(request, "indicators/scheme_detail.html", {
        "scheme": scheme, "nodes": nodes, "can_activate": perm.can_activate(request.user, scheme),
        "structure": "，".join(f"{sum(1 for n in nodes if n.level == level)}个{scheme.level_name(level)}"
                               for level in sorted({n.level for n in nodes})),
        "quantitative": sum(1 for n in leaves if n.is_quantitative),
        "bound": sum(1 for n in leaves if n.is_quantitative and registry.is_available(n.indicator)),
        "points": sum(n.points for n in leaves),
    })


@login_required
@require_POST
def scheme_load(request):
    if not perm.can_manage_schemes(request.user):
        raise PermissionDenied("只有最上级单位的管理员可以载入指标体系。")
    upload = request.FILES.get("upload")
    try:
        if upload is not None:
            scheme = actions.load_scheme(upload.read(actions.MAX_FILE_BYTES + 1), by=request.user, source=upload.name)
        else:
            scheme = actions.load_shipped(request.POST.get("file", ""), by=request.user)
    except ValidationError as error:
        shown = error.messages[:12]
        more = len(error.messages) - len(shown)
        messages.error(request, "未能载入：" + "；".join(shown) + (f"；另有{more}处问题" if more > 0 else ""))
        return redirect("indicators:scheme_list")
    messages.success(request, f"已载入{scheme}。核对无误后请点击“启用”。")
    return redirect(scheme.get_absolute_url())


@login_required
@require_POST
def scheme_activate(request, pk):
    scheme = IndicatorScheme.objects.filter(pk=pk).first()
    if scheme is None:
        raise Http404("没有这个指标体系版本。")
    if not perm.can_manage_schemes(request.user):
        raise PermissionDenied("只有最上级单位的管理员可以启用指标体系。")
    try:
        actions.activate_scheme(scheme, by=request.user)
    except InvalidTransition as error:
        messages.error(request, str(error))
        return redirect(scheme.get_absolute_url())
    messages.success(request, f"已启用{scheme}，看板和考核得分改按此版本计算。")
    return redirect(scheme.get_absolute_url())

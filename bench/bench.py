"""The side-by-side benchmarks of issue 9. Run through ``bench/run`` (which starts PostgreSQL and sets
DATABASE_URL); the functions here are also called, on a tiny load, by the smoke test.

Every measurement alternates ours and theirs in the same loop and keeps the median, so a busy machine slows
both alike: the ratios are what count, absolute times are noise on a shared machine.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("YIFA_HTTPS", "0")

AIMS = {"list_vs_admin": (">=", 5), "list_vs_sql": ("<=", 3), "dashboard_vs_sql": ("<=", 1.5),
        "import_vs_django_import_export": (">=", 5), "deadlines_vs_naive": (">=", 50)}
SEED = 2026


def log(text: str):
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- setup


def ensure_database():
    """CREATE DATABASE for DATABASE_URL when it does not exist yet (scripts/pg.sh starts an empty cluster)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.replace(parts.path, "/postgres", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_load(scale: str, seed: int = SEED, until: dt.date | None = None) -> "LoadRun":  # noqa: F821
    """Generate the load unless the database already holds this scale and seed for every installed module."""
    from django.core.management import call_command

    from yifa.loadgen.generators import APPS
    from yifa.loadgen.models import LoadRun

    from django.apps import apps as django_apps

    wanted = [app for app in APPS.values() if app == "yifa.core" or django_apps.is_installed(app)]
    run = LoadRun.objects.order_by("-pk").first()
    if run and run.scale == scale and run.seed == seed and run.apps == wanted:
        log(f"数据已存在：{run.scale}，{run.total:,} 行（{run.until} 生成），跳过生成。")
        return run
    log(f"生成压测数据（{scale}）…")
    t0 = time.perf_counter()
    options = {"scale": scale, "seed": seed, "replace": True}
    if until:
        options["until"] = until
    call_command("generate_load", **options, stdout=sys.stderr)
    log(f"生成完成，用时 {time.perf_counter() - t0:.0f} 秒。")
    return LoadRun.objects.order_by("-pk").first()


def bench_users():
    """The city overseer (sees every unit: our lists and dashboard) and a superuser for the admin."""
    from yifa.core.models import Membership, Org, Role, User

    city = Org.objects.filter(kind=Org.Kind.CITY).order_by("pk").first()
    overseer = User.objects.filter(memberships__org=city, memberships__role=Role.OVERSEER).order_by("pk").first()
    admin, _ = User.objects.get_or_create(username="bench.superuser",
                                          defaults={"is_superuser": True, "is_staff": True, "full_name": "压测管理员"})
    town = Org.objects.filter(kind__in=Org.GRASSROOTS).order_by("pk").first()
    importer = Membership.objects.filter(org=town, role=Role.HANDLER).select_related("user").first().user
    return city, overseer, admin, town, importer


def client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def side_by_side(pairs: dict, repeat: int) -> dict:
    """``pairs``: name -> callable. One warm-up each, then ``repeat`` rounds alternating them; medians (s)."""
    for fn in pairs.values():
        fn()
    times = {name: [] for name in pairs}
    for _ in range(repeat):
        for name, fn in pairs.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(values) for name, values in times.items()}


def get_ok(client, url: str):
    def fetch():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} 返回 {response.status_code}")
        return response
    return fetch


# ---------------------------------------------------------------- lists


def lists(repeat: int) -> dict:
    """Our dispute register vs the Django admin changelist (same model, filter, order and page size) at
    pages 1 and 500, and vs the bare SQL that fetches a filtered page's rows."""
    from django.db import connection
    from django.test.utils import override_settings

    from yifa.core.models import Org
    from yifa.mediation.models import DisputeCase

    city, overseer, admin, _town, _importer = bench_users()
    ours, theirs = client_for(overseer), client_for(admin)
    closed = DisputeCase.objects.filter(status=DisputeCase.Status.CLOSED)
    deep = max(2, min(500, closed.count() // 30))
    # Our page 500 as a user reaches it: by the 下一页 link, which carries the key of page 499's last row.
    from urllib.parse import quote

    from yifa.core.pagination import encode_key
    from yifa.mediation.views import LIST_ORDER, PAGE_SIZE

    last_of_previous = closed.order_by(*LIST_ORDER)[(deep - 1) * PAGE_SIZE - 1]
    # The count the first page showed travels in its links (?total=), as when a person pages on.
    first = ours.get("/mediation/?status=closed").content.decode()
    total = re.search(r'[?&;]total=([^&"]+)', first)
    deep_url = (f"/mediation/?status=closed&after={quote(encode_key(last_of_previous, LIST_ORDER))}&n={deep}"
                + (f"&total={total.group(1)}" if total else ""))
    out = {"deep_page": deep, "closed_cases": closed.count(), "ours_deep_url": deep_url}
    with override_settings(ROOT_URLCONF="bench.urls"):
        pairs = {
            "ours_p1": get_ok(ours, "/mediation/?status=closed"),
            "admin_p1": get_ok(theirs, "/bench-admin/mediation/disputecase/?status__exact=closed"),
            "ours_deep": get_ok(ours, deep_url),
            "admin_deep": get_ok(theirs, f"/bench-admin/mediation/disputecase/?status__exact=closed&p={deep}"),
        }
        t = side_by_side(pairs, repeat)
    out.update({k: round(v * 1000, 1) for k, v in t.items()})
    out["list_vs_admin"] = (t["admin_p1"] + t["admin_deep"]) / (t["ours_p1"] + t["ours_deep"])

    # A filtered page: one district, one dispute type; our full response vs the bare SQL that fetches what its 30
    # rows show (number, title, parties and the first one's phone, type, channel, unit, status, dates).
    district = Org.objects.filter(kind=Org.Kind.COUNTY).order_by("pk").first()
    url = f"/mediation/?org={district.pk}&type=neighbour"
    agg = ("string_agg(p.name, '、' ORDER BY p.sort_order, p.id)" if connection.vendor == "postgresql"
           else "group_concat(p.name, '、')")
    sql = f"""
        SELECT c.id, c.number, c.title, c.dispute_type, c.channel, c.status, c.registered_on, c.resolve_due_on,
               c.outcome_on, c.closed_on, o.name,
               (SELECT {agg} FROM mediation_party p WHERE p.case_id = c.id) AS parties,
               (SELECT p.phone FROM mediation_party p WHERE p.case_id = c.id ORDER BY p.sort_order, p.id LIMIT 1)
        FROM mediation_disputecase c
        JOIN core_org o ON o.id = c.org_id
        WHERE o.path LIKE %s AND c.dispute_type = 'neighbour'
        ORDER BY c.registered_on DESC, c.id DESC
        LIMIT 30"""

    def bare_sql():
        with connection.cursor() as cursor:
            cursor.execute(sql, [district.path + "%"])
            return cursor.fetchall()

    # The same page when its filter's estimated count is not kept yet (a minute after the last view of the filter in
    # this worker): counted with the rows, then EXPLAINed; and cold (the first view of the filter by this user in this
    # worker, or ten minutes after the last): its statements compiled by the ORM too. Reported beside the ratio.
    from yifa.core.pagination import forget_estimates, forget_kept_lists

    fetch = get_ok(ours, url)

    def ours_first_view():
        forget_estimates()
        return fetch()

    def ours_cold():
        forget_estimates()
        forget_kept_lists()
        return fetch()

    t = side_by_side({"ours_filtered": fetch, "sql_filtered": bare_sql, "ours_filtered_first_view": ours_first_view},
                     repeat)
    # Apart: a cold view drops every kept statement, which would make the next round's warm view a compiling one.
    t.update(side_by_side({"ours_filtered_cold": ours_cold}, repeat))
    fetch()  # the filter's statements kept again for whatever is measured next
    out.update({k: round(v * 1000, 2) for k, v in t.items()})
    out["list_vs_sql"] = t["ours_filtered"] / t["sql_filtered"]
    out["list_vs_sql_first_view"] = round(t["ours_filtered_first_view"] / t["sql_filtered"], 2)
    out["list_vs_sql_cold"] = round(t["ours_filtered_cold"] / t["sql_filtered"], 2)
    out["filtered_url"] = url
    return out


# ---------------------------------------------------------------- dashboard


def page_figures(scheme, org) -> list[str]:
    """The figures the dashboard of ``org`` computes: its cards, the scheme's items (for it and each unit below)
    and the overdue count of each unit below."""
    from yifa.indicators import registry, values

    codes = [code for code, ind in registry.available().items() if ind.key]
    if scheme:
        codes += [n.indicator for n in values.scheme_leaves(scheme) if n.is_quantitative]
    return [code for code in dict.fromkeys(codes + ["core.deadline_overdue"]) if registry.is_available(code)]


def _compiled(qs):
    from django.core.exceptions import EmptyResultSet

    try:
        return qs.query.sql_with_params()
    except EmptyResultSet:  # rows known to be none without asking the database
        return None


def _grouped_sql(codes, city, districts, period, trend_code, batched=False):
    """The SQL a person would write by hand for the same numbers: for every count of every figure on the page
    (both counts of a rate, each count once), one query over the city's rows grouped by 区县 (the path of the
    row's unit cut after its 区县; the city's figure is the sum), COUNT(DISTINCT id) only where rows repeat; the
    trend's counts grouped by month. ``batched``: counts of the same rows in one query, a COUNT ... FILTER each
    (as our side takes them). Compiled once to SQL text with the Python parts of a definition (late matters
    without a clock…) already worked out. A figure that is not a count of rows (学时达标率, 考试合格率) runs the
    statements its grouped form runs."""
    from django.db import connection
    from django.db.models import Count, Value
    from django.db.models.functions import ExtractMonth, StrIndex, Substr
    from django.test.utils import CaptureQueriesContext

    from yifa.indicators import registry

    def statements(requests, orgs, bounds, key):
        batches = registry.batches_of(requests) if batched else [[request] for request in dict.fromkeys(requests)]
        for batch in batches:
            if len(batch) > 1:
                qs, aggregates = registry.batch_query(batch, orgs, bounds)
            else:
                qs = batch[0][0](orgs, bounds).order_by()
                distinct, qs.query.distinct = bool(qs.query.distinct), False
                aggregates = {"n": Count("pk", distinct=distinct)}
            field = batch[0][1] if batch[0][1] is not None else getattr(qs.model, "scope_org_field", "org")
            compiled = _compiled(qs.annotate(group=key(field)).values("group").annotate(**aggregates))
            if compiled:
                yield compiled

    cut = len(city.path)

    def district(field):
        path = f"{field}__path" if field else "path"
        return Substr(path, 1, StrIndex(Substr(path, cut + 1), Value("/")) + cut)

    queries, requests = [], []
    for code in codes:
        form = registry.INDICATORS[code].form
        if form is None:
            with CaptureQueriesContext(connection) as captured:
                registry.INDICATORS[code].grouped(registry.Units([city, *districts]), period)
            queries += [(q["sql"], None) for q in captured.captured_queries]
        else:
            requests += [(records, form.by) for records in form.counts]
    queries += statements(requests, [city], period, district)
    trend = registry.INDICATORS[trend_code]
    if trend.form is not None and trend.month_field:
        queries += statements([(records, trend.form.by) for records in trend.form.counts], [city], period,
                              lambda field: ExtractMonth(trend.month_field))
    return queries


def dashboard(repeat: int) -> dict:
    """The city-wide 指标看板 for a year (cards, the trend, the scheme's scores of the city and every 区县, overdue
    per 区县) vs the hand-written grouped SQL for the same figures: one statement per count (``dashboard_vs_sql``)
    and, in the details, counts of the same rows batched into one statement as our side does."""
    from django.db import connection

    from yifa.core import deadlines
    from yifa.indicators import values, views
    from yifa.indicators.periods import Period

    city, overseer, _admin, _town, _importer = bench_users()
    year = deadlines.today().year - 1
    period = Period("year", year)
    districts = values.units_below(city)
    scheme = values.active_scheme()
    codes = page_figures(scheme, city)
    client = client_for(overseer)
    url = f"/indicators/?org={city.pk}&period={year}"
    queries = _grouped_sql(codes, city, districts, period.bounds, views.trend_code())
    batched = _grouped_sql(codes, city, districts, period.bounds, views.trend_code(), batched=True)

    def runner(statements):
        def run():
            with connection.cursor() as cursor:
                for sql, params in statements:
                    cursor.execute(sql, params)
                    cursor.fetchall()
        return run

    t = side_by_side({"dashboard": get_ok(client, url), "grouped_sql": runner(queries),
                      "batched_sql": runner(batched)}, repeat)
    return {"dashboard_ms": round(t["dashboard"] * 1000, 1), "grouped_sql_ms": round(t["grouped_sql"] * 1000, 1),
            "dashboard_vs_sql": t["dashboard"] / t["grouped_sql"], "batched_sql_ms": round(t["batched_sql"] * 1000, 1),
            "dashboard_vs_batched_sql": round(t["dashboard"] / t["batched_sql"], 2), "indicators": len(codes),
            "units": 1 + len(districts), "sql_queries": len(queries), "batched_sql_queries": len(batched), "url": url,
            "trend": views.trend_code(), "figures": codes, "scheme": scheme.code if scheme else None}


# ---------------------------------------------------------------- Excel 台账 import


# The ledger of import_vs_django_import_export: 100,000 rows as issue 9 asks at city scale, 20,000 (one upload) for
# --quick so the quick run stays within about 20 minutes. Another size, or one side alone (for a size the other
# takes too long at): YIFA_BENCH_IMPORT_ROWS=100000 YIFA_BENCH_IMPORT_SIDES=ours bench/run --quick --only imports
IMPORT_ROWS = {"tiny": 200, "quick": 20_000, "city": 100_000}


def imports(rows: int, workdir: Path, sides: tuple[str, ...] = ("ours", "django_import_export")) -> dict:
    """The same ledger (``rows`` rows, in uploads of at most 20,000) through our import page and through
    django-import-export with the same validation (``sides``: both, or one of them alone for a size the other
    takes too long at). Each runs inside a transaction that is rolled back."""
    import importlib.util

    from django.db import transaction

    from bench import ledger_file
    from yifa.core import deadlines

    if importlib.util.find_spec("import_export") is None:
        return {"skipped": "django-import-export 未安装（bench/run 会安装 bench 可选组件）"}
    from bench import import_export_side

    _city, _overseer, _admin, town, importer = bench_users()
    files = ledger_file.write(workdir / "ledger", rows, seed=SEED, until=deadlines.today())
    client = client_for(importer)

    def ours():
        for path in files:
            with open(path, "rb") as fh:
                response = client.post("/mediation/ledger/import/", {"file": fh})
            if response.status_code != 302:
                errors = re.findall(r"第 \d+ 行[^<]{0,80}", response.content.decode())[:3]
                raise RuntimeError(f"我们的导入失败：{response.status_code} {errors}")

    def theirs():
        for path in files:
            import_export_side.import_file(path, org=town, user=importer)

    # Alternated, twice for a small ledger (the machine's load changes between runs), once for larger ones.
    runs = {name: [] for name in sides}
    loads = [round(os.getloadavg()[0], 2)]
    for _round in range(2 if rows <= 5_000 else 1):
        for name, fn in (("ours", ours), ("django_import_export", theirs)):
            if name not in sides:
                continue
            with transaction.atomic():
                t0 = time.perf_counter()
                fn()
                runs[name].append(time.perf_counter() - t0)
                transaction.set_rollback(True)
            loads.append(round(os.getloadavg()[0], 2))
    times = {name: statistics.median(values) for name, values in runs.items()}
    out = {"rows": rows, "files": len(files), "load_average": loads}
    for name, took in times.items():
        out.update({f"{name}_s": round(took, 2), f"{name}_rows_per_s": round(rows / took),
                    f"{name}_ms_per_row": round(1000 * took / rows, 2)})
    if len(times) == 2:
        out["import_vs_django_import_export"] = times["django_import_export"] / times["ours"]
    return out


# ---------------------------------------------------------------- memory: pages and exports


def _rss_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _peak_growth(fn) -> tuple[float, object]:
    """(MB the process grew to at its peak while ``fn`` ran, fn's result): resets the kernel's peak-RSS mark
    (/proc/self/clear_refs), else falls back to tracemalloc (slower)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        before = _rss_kb("VmRSS")
        value = fn()
        return round((_rss_kb("VmHWM") - before) / 1024, 1), value
    except (OSError, TypeError):
        tracemalloc.start()
        value = fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return round(peak / 1048576, 1), value


def memory() -> dict:
    """How much the process grows at its peak for the deepest list page, the dashboard and the city-wide export."""
    from yifa.core import deadlines
    from yifa.mediation.models import DisputeCase

    city, overseer, _admin, _town, _importer = bench_users()
    client = client_for(overseer)
    out = {}
    for name, url in (("list_deep_page_by_offset", "/mediation/?status=closed&page=500"),
                      ("dashboard", f"/indicators/?org={city.pk}&period={deadlines.today().year - 1}"),
                      ("export_citywide", "/mediation/ledger/export/")):
        def fetch():
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            return response.status_code, len(body)

        t0 = time.perf_counter()
        peak, (status, size) = _peak_growth(fetch)
        out[name] = {"status": status, "peak_mb": peak, "ms": round((time.perf_counter() - t0) * 1000), "bytes": size}
    out["export_citywide"]["table_rows"] = DisputeCase.objects.count()
    return out


# ---------------------------------------------------------------- deadlines (issue 3's benchmark)


def deadlines_bench(n: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "YIFA_VAR_DIR")}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "deadlines.py"), str(n)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=1800)
    match = re.search(r"ratio: ([\d.]+)x\s+mismatches on the sample: (\d+)", proc.stdout)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"bench/deadlines.py 失败：{proc.stdout[-500:]} {proc.stderr[-500:]}")
    return {"due_dates": n, "deadlines_vs_naive": float(match.group(1)), "mismatches": int(match.group(2))}


# ---------------------------------------------------------------- concurrent load: gunicorn + wrk


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def concurrent_load(seconds: int, users: int = 50) -> dict:
    """50 connections for ``seconds`` against gunicorn on loopback, a mix of the staff pages people open all day
    (lists, filtered lists, deep pages, matter pages, the workbench); latency percentiles and errors."""
    from django.conf import settings
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from yifa.mediation.models import DisputeCase
    from yifa.petitions.models import Petition

    wrk, gunicorn = shutil.which("wrk"), Path(sys.executable).with_name("gunicorn")
    if not wrk or not gunicorn.exists():
        return {"skipped": "wrk 或 gunicorn 不可用"}
    _city, overseer, _admin, _town, _importer = bench_users()
    session = import_module(settings.SESSION_ENGINE).SessionStore()  # as a sign-in writes it
    session[SESSION_KEY] = str(overseer.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = overseer.get_session_auth_hash()
    session.create()
    case_ids = list(DisputeCase.objects.order_by("-pk").values_list("pk", flat=True)[:200:10])
    petition_ids = list(Petition.objects.order_by("-pk").values_list("pk", flat=True)[:100:10])
    paths = (["/mediation/", "/mediation/?status=mediating", "/mediation/?type=neighbour&page=3",
              "/mediation/?status=closed&page=200", "/petitions/", "/"]
             + [f"/mediation/{pk}/" for pk in case_ids] + [f"/petitions/{pk}/" for pk in petition_ids])
    port = _free_port()
    workers = max(2, (os.cpu_count() or 2) * 2)
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120",
         "--log-level", "warning"], cwd=ROOT, env={**os.environ, "DB_CONN_MAX_AGE": "60"},  # as docs/deploy.md says
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        script = Path(tempfile.mkdtemp(prefix="yifa-wrk-")) / "paths.lua"
        script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
        cookie = f"Cookie: sessionid={session.session_key}"
        _wait_until_served(f"http://127.0.0.1:{port}/accounts/login/")
        # Warm every worker (the first requests of a process load templates, URLs and the calendar).
        subprocess.run([wrk, "-t1", f"-c{workers * 2}", "-d10s", "--timeout", "30s", "-s", str(script), "-H", cookie,
                        f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=120)
        proc = subprocess.run([wrk, "-t2", f"-c{users}", f"-d{seconds}s", "--timeout", "30s", "--latency", "-s",
                               str(script), "-H", cookie, f"http://127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=seconds + 120)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return _parse_wrk(proc.stdout, users, seconds, workers, len(paths))


def _wait_until_served(url: str, seconds: int = 240):
    """Until gunicorn's workers have imported the project and answer (the port opens before they do)."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn 未在 {seconds} 秒内响应")


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _parse_wrk(output: str, users: int, seconds: int, workers: int, paths: int) -> dict:
    out = {"users": users, "seconds": seconds, "gunicorn_workers": workers, "urls": paths}
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M)
        out[f"p{pct}_ms"] = round(_ms(m.group(1)), 1) if m else None
    m = re.search(r"(\d+) requests in", output)
    out["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Requests/sec:\s+([\d.]+)", output)
    out["requests_per_s"] = float(m.group(1)) if m else 0.0
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if m:
        errors += sum(int(x) for x in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if m:
        errors += int(m.group(1))
    out["errors"] = errors
    if not out["requests"]:
        out["raw"] = output[-800:]
    return out


# ---------------------------------------------------------------- report


def machine() -> dict:
    from django.db import connection

    info = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "database": connection.vendor}
    try:
        info["load_average"] = [round(x, 1) for x in os.getloadavg()]
        with open("/proc/meminfo") as fh:
            info["memory_gb"] = round(int(fh.readline().split()[1]) / 1048576, 1)
        with open("/proc/cpuinfo") as fh:
            model = re.search(r"model name\s*:\s*(.+)", fh.read())
            info["cpu"] = model.group(1) if model else ""
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    return info


def verdict(name: str, value) -> str:
    if value is None:
        return "—"
    op, aim = AIMS[name]
    ok = value >= aim if op == ">=" else value <= aim
    return ("达到" if ok else "未达到") + f"（目标 {op} {aim}）"


def table(result: dict) -> str:
    lines = [f"规模 {result['scale']}：{result['records']:,} 行数据（{result['machine'].get('database')}）", ""]
    lines.append(f"{'比值':34} {'结果':>10}  判定")
    for name in AIMS:
        value = result.get(name)
        shown = f"{value:10.2f}" if isinstance(value, (int, float)) else f"{'—':>10}"
        lines.append(f"{name:34} {shown}  {verdict(name, value)}")
    detail = result["detail"]
    if "lists" in detail:
        d = detail["lists"]
        lines += ["", f"纠纷台账（已结案，第1页 / 第{d['deep_page']}页，ms）：我们 {d['ours_p1']} / {d['ours_deep']}，"
                      f"admin {d['admin_p1']} / {d['admin_deep']}",
                  f"筛选页（{d['filtered_url']}）：我们的完整响应 {d['ours_filtered']} ms，裸 SQL {d['sql_filtered']} ms；"
                  f"该筛选首次打开（计数并估算）{d.get('ours_filtered_first_view')} ms，"
                  f"冷启动（另编译查询）{d.get('ours_filtered_cold')} ms"]
    if "dashboard" in detail:
        d = detail["dashboard"]
        lines.append(f"指标看板（全市、全年，{d['indicators']} 项指标 × {d['units']} 个单位）：{d['dashboard_ms']} ms；"
                     f"分组 SQL（{d['sql_queries']} 条）{d['grouped_sql_ms']} ms，"
                     f"同表合并（{d['batched_sql_queries']} 条）{d['batched_sql_ms']} ms")
    if "imports" in detail and "rows" in detail["imports"]:
        d = detail["imports"]
        sides = [f"{label} {d[name + '_s']} s（{d[name + '_rows_per_s']:,} 行/秒）"
                 for name, label in (("ours", "我们"), ("django_import_export", "django-import-export"))
                 if name + "_s" in d]
        lines.append(f"台账导入（{d['rows']:,} 行，{d['files']} 个文件，负载 {d['load_average']}）：" + "，".join(sides))
    if "load" in detail and "requests" in detail["load"]:
        d = detail["load"]
        lines.append(f"并发（{d['users']} 用户，{d['seconds']} s，gunicorn {d['gunicorn_workers']} 进程）：{d['requests']:,} 次请求，"
                     f"{d['requests_per_s']}/s；p50 {d['p50_ms']} ms，p90 {d['p90_ms']} ms，p99 {d['p99_ms']} ms；"
                     f"错误 {d['errors']}")
    if "memory" in detail:
        for name, d in detail["memory"].items():
            lines.append(f"内存峰值 {name}：{d['peak_mb']} MB（{d['ms']} ms，{d['bytes']:,} 字节）")
    return "\n".join(lines)


def run(*, scale: str, quick: bool, parts: set[str] | None = None, repeat: int | None = None) -> dict:
    """Measure everything (or ``parts``) on the load already in the database; returns the result dict."""
    from yifa.loadgen.models import LoadRun

    parts = parts or {"lists", "dashboard", "imports", "deadlines", "load", "memory"}
    repeat = repeat or (5 if quick else 7)
    run_ = LoadRun.objects.order_by("-pk").first()
    result = {"scale": scale, "records": run_.total if run_ else 0, "machine": machine(), "detail": {}}
    detail = result["detail"]
    steps = [
        ("lists", lambda: lists(max(repeat, 20))),  # a few ms each: more rounds, steadier medians
        ("dashboard", lambda: dashboard(max(3, repeat // 2))),
        ("memory", memory),
        ("deadlines", lambda: deadlines_bench({"tiny": 5_000, "quick": 200_000}.get(scale, 1_000_000))),
        ("load", lambda: concurrent_load(20 if scale != "city" else 30)),
        ("imports", lambda: imports(int(os.environ.get("YIFA_BENCH_IMPORT_ROWS") or IMPORT_ROWS[scale]),
                                    Path(tempfile.mkdtemp(prefix="yifa-bench-")),
                                    tuple(os.environ.get("YIFA_BENCH_IMPORT_SIDES", "ours,django_import_export")
                                          .split(",")))),
    ]
    for name, fn in steps:
        if name not in parts:
            continue
        log(f"测量：{name} …")
        t0 = time.perf_counter()
        try:
            detail[name] = fn()
        except Exception as error:  # noqa: BLE001 - one broken part must not hide the others' figures
            if os.environ.get("YIFA_BENCH_RAISE"):
                raise
            import traceback

            traceback.print_exc()
            detail[name] = {"error": f"{type(error).__name__}: {error}"[:500]}
            result.setdefault("errors", []).append(name)
        log(f"  完成（{time.perf_counter() - t0:.0f} 秒）")
    for name in AIMS:
        for part in detail.values():
            if isinstance(part, dict) and name in part:
                result[name] = round(part[name], 2)
    return result


def summary(result: dict) -> dict:
    """The one-line JSON: the ratios, the load's percentiles and errors, scale and size."""
    line = {"scale": result["scale"], "records": result["records"]}
    line.update({name: result.get(name) for name in AIMS})
    load = result["detail"].get("load", {})
    for key in ("users", "seconds", "requests", "requests_per_s", "p50_ms", "p75_ms", "p90_ms", "p99_ms", "errors"):
        if key in load:
            line[f"load_{key}"] = load[key]
    if result.get("errors"):
        line["failed_parts"] = result["errors"]
    line["machine"] = {k: result["machine"].get(k) for k in ("cpus", "cpu", "load_average", "postgresql")}
    return line


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="依法 (yifa) city-scale benchmarks")
    parser.add_argument("--quick", action="store_true", help="quick scale (about a fifth of a city)")
    parser.add_argument("--scale", choices=("tiny", "quick", "city"), default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--only", default="", help="comma-separated parts: lists,dashboard,memory,deadlines,load,imports")
    parser.add_argument("--repeat", type=int, default=None,
                        help="rounds of each side-by-side timing (default 5 quick, 7 city, at least 20 for the lists; more on a busy machine)")
    args = parser.parse_args(argv)
    scale = args.scale or ("quick" if args.quick else "city")
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    log("迁移数据库 …")
    call_command("migrate", verbosity=0)
    ensure_load(scale)
    parts = set(filter(None, args.only.split(","))) or None
    result = run(scale=scale, quick=scale != "city", parts=parts, repeat=args.repeat)
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"result-{scale}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    print(table(result))
    if args.json:
        print(json.dumps(summary(result), ensure_ascii=False, default=str))
    load = result["detail"].get("load", {})
    return 1 if load.get("errors") or result.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())

"""Profile one 10,000-row Excel 台账 import end to end, through the import page, on SQLite or PostgreSQL.

    .venv/bin/python bench/import_profile.py [petitions|mediation] [ROWS] [--profile] [--stream]
    DATABASE_URL=postgres://... .venv/bin/python bench/import_profile.py petitions 10000

Builds the ledger as a real .xlsx (realistic cells: 身份证号, phones, addresses, a mix of finished and open
matters), then posts it to the module's import page as a logged-in 经办人 and times the request (reading,
checking and saving in one transaction). ``--stream`` asks for the NDJSON progress stream instead of the page
and prints the stages' times; ``--profile`` prints the 35 most expensive functions (cProfile, by own time).
SQLite: a throw-away file under /tmp; PostgreSQL: the database of DATABASE_URL (tables are created there).
"""

import cProfile
import datetime as dt
import io
import json
import os
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("YIFA_HTTPS", "0")
os.environ["YIFA_VAR_DIR"] = tempfile.mkdtemp(prefix="yifa-import-profile-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]


def petition_rows(n: int, today: dt.date):
    from yifa.loadgen import names

    rng = random.Random("petitions-ledger")
    for i in range(n):
        received = today - dt.timedelta(days=rng.randrange(70, 3 * 365))
        row = {"收到日期": received.isoformat(), "信访形式": rng.choice(["来访", "来信", "网上信访", "来电"]),
               "信访人": names.person(rng), "身份证号": names.id_number(rng), "联系电话": names.phone(rng),
               "住址": names.address(rng, "清河镇"), "人数": rng.choice([1, 1, 1, 2, 5]),
               "事项摘要": f"反映道路破损（台账第{i + 1}号）", "诉求、事实和理由": "村道破损多年，雨天积水，请求维修。",
               "事项类别": "申诉求决类", "问题分类": "城乡建设与管理"}
        kind = i % 20
        if kind == 0:  # registered recently, not yet told (告知 clock runs)
            row.update(收到日期=(today - dt.timedelta(days=rng.randrange(1, 10))).isoformat(), 办理状态="待告知")
        elif kind == 1:  # accepted, being handled (办理 clock runs)
            on = today - dt.timedelta(days=rng.randrange(1, 50))
            row.update(收到日期=(on - dt.timedelta(days=5)).isoformat(), 办理状态="办理中", 告知日期=on.isoformat())
        else:
            notified, replied = received + dt.timedelta(days=5), received + dt.timedelta(days=40)
            row.update(办理状态="已办结", 告知日期=notified.isoformat(), 处理意见="支持", 处理意见及依据="已安排维修。",
                       办结日期=replied.isoformat(), 满意度=rng.choice(["满意", "基本满意", "不满意"]))
        yield row


def workbook(headers, rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ledger(module: str, n: int, today: dt.date) -> tuple[str, bytes]:
    if module == "petitions":
        from yifa.petitions import ledger as petitions_ledger

        headers = [c.header for c in petitions_ledger.COLUMNS]
        return "/petitions/ledger/import/", workbook(headers, petition_rows(n, today))
    if module == "mediation":
        from bench import ledger_file
        from yifa.mediation import ledger as mediation_ledger

        rng = random.Random("mediation-ledger")
        rows = (ledger_file.row(rng, i, today) for i in range(n))
        headers = [c.header for c in mediation_ledger.COLUMNS]
        return "/mediation/ledger/import/", workbook(headers, ({c.header: r.get(c.key) for c in mediation_ledger.COLUMNS}
                                                             for r in rows))
    raise SystemExit(f"unknown module {module}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    module = args[0] if args else "petitions"
    n = int(args[1]) if len(args) > 1 else 10_000
    call_command("migrate", verbosity=0)
    from yifa.core import deadlines
    from yifa.core.models import AuditEntry
    from yifa.core.testing import build_tree

    tree = build_tree()
    today = deadlines.today()
    t0 = time.perf_counter()
    url, content = ledger(module, n, today)
    print(f"{module}: {n} 行, 文件 {len(content) / 1e6:.1f} MB（生成 {time.perf_counter() - t0:.1f} 秒）, "
          f"数据库 {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    client = Client()
    client.force_login(tree.township_handler)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("台账.xlsx", content)
    headers = {"HTTP_ACCEPT": "application/x-ndjson"} if "--stream" in sys.argv else {}
    audit_before = AuditEntry.objects.count()
    profiler = cProfile.Profile() if "--profile" in sys.argv else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    response = client.post(url, {"file": upload}, **headers)
    if response.streaming:
        last = start
        for line in b"".join(response.streaming_content).splitlines() if profiler else response.streaming_content:
            for part in line.splitlines():
                message = json.loads(part)
                now = time.perf_counter()
                if "stage" not in message or message["stage"] == "save" or message.get("done") == message.get("total"):
                    print(f"  {now - start:6.2f} 秒  {json.dumps(message, ensure_ascii=False)[:120]}")
                last = now
        del last
    if profiler:
        profiler.disable()
    took = time.perf_counter() - start
    if not response.streaming and response.status_code != 302:
        import re

        print(response.status_code, re.findall(r"第 \d+ 行[^<]{0,80}", response.content.decode())[:5])
    print(f"合计 {took:.2f} 秒（每行 {1000 * took / n:.2f} 毫秒）；新增审计记录 {AuditEntry.objects.count() - audit_before} 条")
    if profiler:
        stats = pstats.Stats(profiler)
        if os.environ.get("YIFA_PROFILE_OUT"):  # the raw profile, for pstats / snakeviz
            stats.dump_stats(os.environ["YIFA_PROFILE_OUT"])
        stats.sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(45)
    call_command("verify_audit", verbosity=1)


if __name__ == "__main__":
    main()

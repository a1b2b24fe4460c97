"""Benchmark: importing 10,000-row Excel 台账 (代表建议, 行政复议/应诉, 学法 attendance) end to end.

    .venv/bin/python bench/ledger_import.py [ROWS]

Builds each ledger as a real .xlsx, then times what the import page does: read and check every row
(``yifa.core.excel.read_rows`` and the module's cross-column checks), then save all rows in one transaction
(due dates computed once per distinct start date, running clocks for matters still open). A third of the
代表建议 rows and a tenth of the cases are still open. Uses a throw-away SQLite database.
"""

import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("YIFA_HTTPS", "0")
os.environ["YIFA_VAR_DIR"] = tempfile.mkdtemp(prefix="yifa-bench-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from yifa.core.excel import read_rows  # noqa: E402
from yifa.core.models import Org, User  # noqa: E402
from yifa.oversight import actions as oversight, ledgers as oversight_ledgers  # noqa: E402
from yifa.training import actions as training, ledgers as training_ledgers  # noqa: E402

TODAY = dt.date(2025, 12, 31)


def xlsx(columns, rows) -> io.BytesIO:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([c.header for c in columns])
    for row in rows:
        ws.append([row.get(c.key) for c in columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def suggestions(n):
    for i in range(n):
        day = dt.date(2020 + i % 6, 1 + i % 12, 1 + i % 28)
        answered = i % 3 != 0 and day < dt.date(2025, 6, 1)
        yield {"kind": "人大代表建议" if i % 4 else "政协委员提案", "our_role": "主办", "serial_no": f"第{i + 1}号",
               "session": f"第{i // 500 + 1}次会议", "title": f"关于第{i + 1}件民生实事的建议", "proposer": "王建平",
               "assigned_by": "区人大常委会代表工作委员会", "assigned_on": day.isoformat(), "lead_department": "党政办",
               "replied_on": (day + dt.timedelta(days=60)).isoformat() if answered else None,
               "reply_category": "A类" if answered else None}


def cases(n):
    for i in range(n):
        day = dt.date(2020 + i % 6, 1 + i % 12, 1 + i % 28)
        done = i % 10 != 0 and day < dt.date(2025, 6, 1)
        yield {"kind": "行政诉讼" if i % 2 else "行政复议", "instance": "一审" if i % 2 else None,
               "case_no": f"（{day.year}）甲行初{i + 1}号", "body": "甲区人民法院", "claimant": "某公司",
               "disputed_act": "行政处罚决定", "received_on": day.isoformat(),
               "replied_on": (day + dt.timedelta(days=8)).isoformat() if done else None,
               "outcome": ("驳回请求" if i % 2 else "维持") if done else None,
               "decided_on": (day + dt.timedelta(days=90)).isoformat() if done else None}


def attendance(n):
    for i in range(n):
        session = i // 50
        yield {"held_on": dt.date(2025, 1 + session % 12, 1 + session % 28).isoformat(), "kind": "专题讲座",
               "title": f"第{session + 1}次学法", "hours": 2, "name": f"干部{i % 50:02d}"}


def run(label, columns, rows, check, save, org, by):
    sheet = xlsx(columns, rows)
    start = time.perf_counter()
    result = read_rows(sheet, columns)
    check(result, org, TODAY)
    checked = time.perf_counter()
    assert result.ok, result.errors[:3]
    created = save(result.rows, by=by, org=org)
    done = time.perf_counter()
    print(f"{label:<12} {len(created):>6} 行  读取并检查 {checked - start:5.2f} 秒  保存 {done - checked:5.2f} 秒  "
          f"合计 {done - start:5.2f} 秒")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    call_command("migrate", verbosity=0)
    district = Org.objects.create(name="甲区", kind=Org.Kind.COUNTY,
                                  parent=Org.objects.create(name="甲市", kind=Org.Kind.CITY))
    orgs = [Org.objects.create(name=f"{i}镇", kind=Org.Kind.TOWNSHIP, parent=district) for i in range(3)]
    by = User.objects.create_user("bench", password="Bench#2026")
    run("代表建议", oversight_ledgers.SUGGESTION_COLUMNS, suggestions(n), oversight_ledgers.check_suggestions,
        oversight.import_suggestions, orgs[0], by)
    run("复议应诉", oversight_ledgers.CASE_COLUMNS, cases(n), oversight_ledgers.check_cases, oversight.import_cases,
        orgs[1], by)
    run("学法出勤", training_ledgers.ATTENDANCE_COLUMNS, attendance(n), training_ledgers.check_attendance,
        training.import_attendance, orgs[2], by)


if __name__ == "__main__":
    main()

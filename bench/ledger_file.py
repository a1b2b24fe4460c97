"""A realistic 矛盾纠纷调解台账 as .xlsx files (the import template's columns), for the import comparison."""

import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook

from yifa.core.excel import MAX_IMPORT_ROWS
from yifa.loadgen import names
from yifa.mediation import ledger
from yifa.mediation.models import Channel, DisputeType

TYPES = [label for _code, label in DisputeType.choices]
CHANNELS = [label for code, label in Channel.choices if code not in Channel.referrals()]


def row(rng: random.Random, i: int, until: dt.date) -> dict:
    day = until - dt.timedelta(days=rng.randrange(2, 5 * 365))
    a, b = names.person(rng), names.person(rng)
    values = {
        "registered_on": day.isoformat(), "title": f"{a[0]}某与{b[0]}某纠纷（台账第{i + 1}号）",
        "dispute_type": rng.choice(TYPES), "channel": rng.choice(CHANNELS),
        "description": f"{a}与{b}发生争执，申请调解。", "location": names.address(rng, "清河镇"),
        "amount": rng.randint(1, 500) * 100 if rng.random() < 0.3 else None,
        "party一_name": a, "party一_id": names.id_number(rng), "party一_phone": names.phone(rng),
        "party一_address": names.address(rng, "清河镇"),
        "party二_name": b, "party二_id": names.id_number(rng), "party二_phone": names.phone(rng),
        "party二_address": names.address(rng, "清河镇"),
    }
    if (until - day).days > 60:
        accepted, outcome = day + dt.timedelta(days=1), day + dt.timedelta(days=rng.randint(3, 40))
        values.update(result=rng.choice(("调解成功（书面协议）", "调解成功（口头协议）", "调解不成")),
                      accepted_on=accepted.isoformat(), outcome_on=outcome.isoformat(),
                      closed_on=(outcome + dt.timedelta(days=20)).isoformat())
    else:
        values.update(result="调解中", accepted_on=(day + dt.timedelta(days=1)).isoformat())
    return values


def write(directory: Path, rows: int, *, seed: int, until: dt.date) -> list[Path]:
    """``rows`` rows in files of at most MAX_IMPORT_ROWS (one upload each, as a user would split them)."""
    rng = random.Random(f"{seed}:ledger")
    directory.mkdir(parents=True, exist_ok=True)
    paths, done = [], 0
    while done < rows:
        n = min(MAX_IMPORT_ROWS, rows - done)
        path = directory / f"矛盾纠纷调解台账-{len(paths) + 1}.xlsx"
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("矛盾纠纷调解台账")
        ws.append([c.header for c in ledger.COLUMNS])
        for i in range(done, done + n):
            values = row(rng, i, until)
            ws.append([values.get(c.key) for c in ledger.COLUMNS])
        wb.save(path)
        paths.append(path)
        done += n
    return paths

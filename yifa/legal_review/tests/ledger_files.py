"""Ledger files for the import tests of the decision-and-rule modules: a sheet as a unit would fill it, and
the rows of a downloaded (streamed) workbook."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from yifa.core.testing import ledger_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(headers: list[str], rows: list[dict], name: str = "台账.xlsx") -> SimpleUploadedFile:
    """A workbook with ``headers`` in the first row and each row's values (keyed by header) below."""
    return ledger_file(headers, rows, name)


def body(response) -> bytes:
    """Templates and exports are streamed from a temporary file."""
    assert response.status_code == 200 and response.streaming
    return response.getvalue()


def table(response) -> list[dict]:
    """The rows of a downloaded workbook as dicts keyed by header (the required mark " *" removed)."""
    ws = load_workbook(io.BytesIO(body(response))).active
    rows = list(ws.iter_rows(values_only=True))
    headers = [str(h).replace(" *", "") for h in rows[0]]
    return [dict(zip(headers, r)) for r in rows[1:]]


def headers_of(response) -> list[str]:
    return [c.value for c in load_workbook(io.BytesIO(body(response))).active[1]]


def problems(response) -> list[str]:
    """The problems a refused import lists, as ``第 3 行“列”：…`` lines; nothing was saved."""
    from yifa.core.imports import page_problems

    page = response.content.decode()
    assert response.status_code == 200 and "未导入任何数据" in page, page[-2000:]
    return page_problems(page)

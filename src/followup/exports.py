"""Tables as CSV, XLSX and JSON downloads: the one export module every app uses.

A cell a spreadsheet would read as a formula is written as text (OWASP's CSV-injection rule):
in CSV a text starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe;
in XLSX every text is a typed string cell, never a formula, and keeps its value.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse, JsonResponse

FORMATS = ("csv", "xlsx", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """A CSV cell that no spreadsheet evaluates: texts that open a formula are quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(headers: list[str], rows: list[list], file_name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow([as_text(h) for h in headers])
    writer.writerows([as_text(v) for v in row] for row in rows)
    return response


def as_xlsx(headers: list[str], rows: list[list], file_name: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(file_name[:31])

    def cells(values):
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would make "=..." a formula
            yield cell

    sheet.append(list(cells(headers)))
    for row in rows:
        sheet.append(list(cells(row)))
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}.xlsx"'
    return response


def export_rows(columns: list[str], rows: list[list], export_format: str, name: str):
    """Any table as CSV, XLSX or JSON."""
    if export_format == "csv":
        return as_csv(columns, rows, name)
    if export_format == "xlsx":
        return as_xlsx(columns, rows, name)
    return JsonResponse(
        {"columns": columns, "rows": [dict(zip(columns, row, strict=True)) for row in rows]},
        json_dumps_params={"ensure_ascii": False},
    )

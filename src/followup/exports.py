"""Tables as CSV, XLSX and JSON downloads, and pages as PDF: the one export module every app
uses.

A cell a spreadsheet would read as a formula is written as text (OWASP's CSV-injection rule):
in CSV a text starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe;
in XLSX every text is a typed string cell, never a formula, and keeps its value.
"""

from __future__ import annotations

import csv
import io
from functools import wraps

from django.http import HttpResponse, JsonResponse

FORMATS = ("csv", "xlsx", "json")
PAGE_FORMATS = ("pdf",)
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


def as_pdf(response: HttpResponse, base_url: str, file_name: str) -> HttpResponse:
    """A rendered page, printed to PDF (its print stylesheet applies); headers are kept."""
    from followup.pdf import html_to_pdf

    html = response.content.decode(response.charset or "utf-8")
    response.content = html_to_pdf(html, base_url)
    response["Content-Type"] = "application/pdf"
    response["Content-Disposition"] = f'inline; filename="{file_name}.pdf"'
    return response


def page_with_pdf(file_name: str):
    """A page view that also answers ``?format=pdf`` with the same page as a PDF. The view itself
    runs first, so the PDF is refused exactly when the page is; ``file_name`` is formatted with
    the view's URL arguments, e.g. ``"report-{report_id}"``."""

    def decorate(view):
        @wraps(view)
        def page(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.GET.get("format") != "pdf" or response.status_code != 200:
                return response
            return as_pdf(response, request.build_absolute_uri(), file_name.format(**kwargs))

        return page

    return decorate

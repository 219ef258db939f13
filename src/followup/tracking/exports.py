"""Tables as CSV and XLSX downloads."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse


def as_csv(headers: list[str], rows: list[list], file_name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(headers)
    writer.writerows(rows)
    return response


def as_xlsx(headers: list[str], rows: list[list], file_name: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(file_name[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}.xlsx"'
    return response

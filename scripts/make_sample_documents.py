"""Write the demo corpus's PDF and DOCX documents from the text below (invented for the demo).

    .venv/bin/python scripts/make_sample_documents.py

The outputs are committed under src/followup/sample_corpus/; rerun this after editing the text,
then rebuild the demo snapshot (`followup demo --build-snapshot`). Dates inside both files are
fixed, so the same text always gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pymupdf

OUT = Path(__file__).resolve().parent.parent / "src" / "followup" / "sample_corpus"
FIXED = datetime(2026, 1, 15, 12, 0, 0)

# (style, text): "title", "heading" or "body".
PDF_TEXT = [
    ("title", "NATIONAL REPORT OF COLOMBIA ON THE IMPLEMENTATION OF THE SUMMIT MANDATES ON "
              "MIGRATION"),
    ("body", "Submitted to the Summits of the Americas Secretariat, February 2026"),
    ("heading", "1. Introduction"),
    ("body", "The Government of Colombia presents the measures adopted between January 2024 and "
             "December 2025 to implement the commitments of the Summit on safe, orderly and "
             "regular migration and on the protection of migrants in transit."),
    ("heading", "2. Measures adopted"),
    ("body", "Migración Colombia issued 410,000 temporary protection permits in 2025, bringing "
             "the total since the programme began to 1.9 million."),
    ("body", "On June 3, 2025, the Ministry of Education adopted a decree that allows migrant "
             "children to enrol in public schools with a simple declaration of identity. In "
             "2025, 620,000 migrant children attended public schools."),
    ("body", "The Ministry of Health included 480,000 migrants with temporary protection "
             "permits in the subsidized health insurance scheme."),
    ("body", "The Government opened 11 integration centres in Cúcuta, Riohacha, Barranquilla "
             "and Bogotá, which offer legal advice, job placement and psychosocial support."),
    ("heading", "3. Challenges"),
    ("body", "Migrants in transit towards the north through the Gulf of Urabá remain exposed "
             "to smuggling networks. Colombia will reinforce its presence in the area with "
             "mobile protection teams in 2026."),
    ("heading", "4. Recommendations to the Organization"),
    ("body", "Colombia recommends that the General Secretariat prepare a regional mechanism "
             "for sharing information on missing migrants, and requests support for the "
             "validation of the diplomas of migrant health professionals."),
]  # fmt: skip

DOCX_TEXT = [
    ("title", "Informe nacional del Perú sobre la implementación de los mandatos de las "
              "Cumbres en materia de registro civil y educación"),
    ("body", "Presentado a la Secretaría de Cumbres de las Américas, marzo de 2026"),
    ("heading", "1. Introducción"),
    ("body", "El Gobierno del Perú presenta las medidas adoptadas entre enero de 2024 y "
             "diciembre de 2025 para cumplir los compromisos de la Cumbre sobre el derecho a la "
             "identidad y la educación de calidad."),
    ("heading", "2. Medidas adoptadas"),
    ("body", "El Registro Nacional de Identificación y Estado Civil (RENIEC) instaló oficinas "
             "de registro en 45 hospitales públicos; en 2025 el 96% de los nacimientos en esos "
             "hospitales se inscribió antes del alta de la madre."),
    ("body", "El 1 de agosto de 2024 entró en vigor la gratuidad de la primera copia del acta "
             "de nacimiento y del documento nacional de identidad para menores de edad."),
    ("body", "El RENIEC realizó 230 campañas itinerantes en comunidades nativas de Loreto, "
             "Ucayali y Madre de Dios, con 18.000 inscripciones."),
    ("body", "El Ministerio de Educación puso en marcha un programa de lectura intensiva para "
             "400.000 estudiantes de primaria y contrató 3.500 docentes bilingües."),
    ("heading", "3. Desafíos"),
    ("body", "La conectividad de las escuelas rurales de la Amazonía sigue siendo limitada: "
             "solo 4 de cada 10 tienen acceso a internet."),
    ("heading", "4. Solicitud de cooperación"),
    ("body", "El Perú solicita el apoyo de la Secretaría General para la interoperabilidad "
             "entre el registro civil y el sistema de salud, y recomienda que los Estados "
             "Miembros compartan sus experiencias de registro en zonas de frontera."),
]  # fmt: skip


def write_pdf(path: Path) -> None:
    document = pymupdf.open()
    sizes = {"title": 15, "heading": 12.5, "body": 10.5}
    fonts = {"title": "helvetica-bold", "heading": "helvetica-bold", "body": "helvetica"}
    page, y = None, 0.0
    for style, text in PDF_TEXT:
        size = sizes[style]
        height = _height(text, size)
        if page is None or y + height > 790:
            page, y = document.new_page(width=595, height=842), 60.0
        rect = pymupdf.Rect(60, y, 535, y + height)
        page.insert_textbox(rect, text, fontsize=size, fontname=fonts[style])
        y += height + size * 0.6
    stamp = FIXED.strftime("D:%Y%m%d%H%M%S")
    document.set_metadata(
        {"title": PDF_TEXT[0][1], "creationDate": stamp, "modDate": stamp, "producer": ""}
    )
    path.write_bytes(document.tobytes(garbage=4, deflate=True, no_new_id=True))


def _height(text: str, size: float) -> float:
    """A generous box height for the text at this size in a 475-point column."""
    width = pymupdf.get_text_length(text, fontname="helvetica", fontsize=size)
    lines = int(width // 440) + 1
    return lines * size * 1.5 + size


def write_docx(path: Path) -> None:
    document = docx.Document()
    for style, text in DOCX_TEXT:
        if style == "title":
            document.add_heading(text, level=0)
        elif style == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    properties = document.core_properties
    properties.title, properties.author = DOCX_TEXT[0][1], ""
    properties.created = properties.modified = FIXED
    properties.last_modified_by, properties.revision = "", 1
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated FIXED, so its bytes do not depend on the day."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    write_pdf(OUT / "en_state_report_colombia_migration.pdf")
    write_docx(OUT / "es_informe_estado_peru_registro_educacion.docx")
    print(f"Wrote the PDF and the DOCX under {OUT}.")

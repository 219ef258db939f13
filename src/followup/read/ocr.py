"""OCR with Tesseract for scanned PDF pages and image files (PNG, JPEG, TIFF).

The language is chosen from the text itself: the first page is read with English data,
the detector names the language from that reading, and every page (the first one again,
unless it is English) is read with that language's data. The document's ``metadata`` records ``ocr``, the pages
read by OCR, the language used and ``ocr_confidence``, the mean word confidence (0-100).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import statistics
import subprocess

from .errors import ReadError
from .language import detect_language
from .layout import Line, Page, blocks_from_pages

TESSERACT_LANGUAGES = {"en": "eng", "es": "spa", "pt": "por", "fr": "fra"}
_FIRST_PASS = "eng"
# Bullets as Tesseract often reads them, at the start of a line.
_BULLET_READINGS = re.compile(r"^[¢«°©®+]\s(?=[A-ZÀ-Ý])")
_DPI = 300
_LEADING = 0.35  # of a line's ink height
_TIMEOUT_S = 120  # one page


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


class PageOcr:
    """OCR of the pages of one document, sharing the chosen language and the confidences."""

    def __init__(self, context):
        self.context = context
        self.language = ""
        self.confidences: list[float] = []
        self.pages: list[int] = []
        self.skipped_reason = ""

    def page_lines(self, page, number: int) -> list[Line]:
        """Lines of a PDF page rendered as an image, in the page's coordinates (points).

        A page that cannot be read by OCR here is left out with a warning: the rest of the
        PDF is still read (and a PDF with nothing else fails with that reason).
        """
        try:
            self._check_allowed()
        except ReadError as err:
            self.context.warn(f"page {number + 1}: {err}")
            self.skipped_reason = str(err)
            return []
        pixmap = page.get_pixmap(dpi=_DPI, colorspace="gray")
        if pixmap.width * pixmap.height > self.context.limits.max_image_pixels:
            raise ReadError(f"page {number + 1} is too large to OCR")
        return self.image_lines(pixmap.tobytes("png"), number, scale=72 / _DPI)

    def image_lines(self, png: bytes, number: int, scale: float) -> list[Line]:
        rows = None
        if not self.language:
            # English data reads the letters of all four languages well enough for the
            # detector; the page is read again only when it names another language.
            rows = _tesseract(png, _FIRST_PASS)
            code, _ = detect_language(" ".join(word for word, _ in _words(rows)))
            self.language = TESSERACT_LANGUAGES.get(code, _FIRST_PASS)
            rows = rows if self.language == _FIRST_PASS else None
        rows = rows if rows is not None else _tesseract(png, self.language)
        self.confidences.extend(conf for _, conf in _words(rows))
        self.pages.append(number + 1)
        return _lines(rows, number, scale)

    def _check_allowed(self) -> None:
        if not self.context.limits.ocr:
            raise ReadError("the file has no text layer and OCR is turned off")
        if not tesseract_available():
            raise ReadError("the file has no text layer and Tesseract OCR is not installed")
        if len(self.pages) >= self.context.limits.max_ocr_pages:
            raise ReadError(f"more than {self.context.limits.max_ocr_pages} pages need OCR")

    def finish(self) -> None:
        if not self.pages:
            return
        self.context.metadata.update(
            ocr=True,
            ocr_pages=self.pages,
            ocr_language=self.language,
            ocr_confidence=round(statistics.fmean(self.confidences), 1)
            if self.confidences
            else 0.0,
        )


def _tesseract(png: bytes, languages: str) -> list[dict]:
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "3", "tsv"],
            input=png,
            capture_output=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise ReadError(f"OCR took longer than {_TIMEOUT_S} s on one page") from err
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["failed"]
        raise ReadError(f"OCR failed ({reason[0]})")
    return list(csv.DictReader(io.StringIO(done.stdout.decode()), delimiter="\t", quoting=3))


def _words(rows: list[dict]):
    for row in rows:
        if row.get("level") == "5" and (row.get("text") or "").strip():
            yield row["text"], float(row["conf"])


def _lines(rows: list[dict], number: int, scale: float) -> list[Line]:
    """Tesseract's words grouped by its lines; a paragraph's lines share one size."""
    lines: dict[tuple, dict] = {}
    for row in rows:
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        left, top = int(row["left"]), int(row["top"])
        right, bottom = left + int(row["width"]), top + int(row["height"])
        line = lines.setdefault(key, {"words": [], "box": [left, top, right, bottom]})
        line["words"].append(row["text"])
        box = line["box"]
        box[:] = [min(box[0], left), min(box[1], top), max(box[2], right), max(box[3], bottom)]
    heights: dict[tuple, list[int]] = {}
    for key, line in lines.items():
        heights.setdefault(key[:2], []).append(line["box"][3] - line["box"][1])
    out = []
    for key, line in lines.items():
        x0, y0, x1, y1 = (v * scale for v in line["box"])
        height = statistics.median(heights[key[:2]]) * scale
        size = round(height * 0.75 * 2) / 2
        # OCR boxes hold the ink only; a text layer's lines include the leading below them,
        # which the layout's paragraph gaps are measured against.
        y1 += height * _LEADING
        text = _BULLET_READINGS.sub("• ", " ".join(line["words"]))
        out.append(Line(x0, y0, x1, y1, size, False, text, number))
    return out


class ImageReader:
    """A scanned page saved as an image; every frame of a TIFF is a page."""

    EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
    format = "image"

    def read(self, data, context):
        from PIL import Image, UnidentifiedImageError

        ocr = PageOcr(context)
        ocr._check_allowed()
        pages = []
        try:
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            if frames > context.limits.max_ocr_pages:
                raise ReadError(f"the image has {frames} pages (more than allowed)")
            for number in range(frames):
                image.seek(number)
                if image.width * image.height > context.limits.max_image_pixels:
                    raise ReadError(f"the image is too large ({image.width}×{image.height})")
                dpi = image.info.get("dpi", (_DPI, _DPI))[0] or _DPI
                png = io.BytesIO()
                image.convert("L").save(png, format="PNG")
                scale = 72 / float(dpi)
                lines = ocr.image_lines(png.getvalue(), number, scale)
                pages.append(Page(number, image.width * scale, image.height * scale, lines))
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
            raise ReadError(f"not a readable image ({err})") from err
        ocr.finish()
        blocks = blocks_from_pages(pages)
        if not blocks:
            raise ReadError("no text was found in the image")
        return blocks, ""

"""Every write to the corpus, as ``do_*`` functions, each in its own transaction."""

from .documents import IngestOutcome, clean_text, do_ingest_file, do_process_document, expand_paths
from .items import StageError, do_edit_item, do_extract_document, do_reclassify
from .registries import do_load_registries

__all__ = [
    "IngestOutcome",
    "StageError",
    "clean_text",
    "do_edit_item",
    "do_extract_document",
    "do_ingest_file",
    "do_load_registries",
    "do_process_document",
    "do_reclassify",
    "expand_paths",
]

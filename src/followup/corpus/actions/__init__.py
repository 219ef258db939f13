"""Every write to the corpus, as ``do_*`` functions, each in its own transaction."""

from .documents import IngestOutcome, do_ingest_file, expand_paths
from .items import do_edit_item, do_extract_document, do_reclassify
from .registries import do_load_registries

__all__ = [
    "IngestOutcome",
    "do_edit_item",
    "do_extract_document",
    "do_ingest_file",
    "do_load_registries",
    "do_reclassify",
    "expand_paths",
]

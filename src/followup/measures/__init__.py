"""Country measures: codebooks, the measures log, the daily panel and OxCGRT-compatible indices.

The modules ``codebook``, ``indices``, ``oxcgrt`` and ``panel`` are plain Python (no Django) and can
be used on data alone; the Django app stores the log and panel and serves them.
"""

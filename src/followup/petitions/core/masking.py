"""Masking confidential identities in free text, for readers who may not see them."""

from __future__ import annotations

import re


def mask_names(text: str, names, replacement: str) -> str:
    """``text`` with every whole-word occurrence of each name (any case, any spacing) replaced;
    longer names first, so that "Ana María Ruiz" is masked whole before "Ana María"."""
    for name in sorted({n for n in names if n and n.strip()}, key=len, reverse=True):
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in name.split()) + r"(?!\w)"
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text

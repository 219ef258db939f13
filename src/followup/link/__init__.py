"""link: vectors of items, nearest neighbours, near-duplicates."""

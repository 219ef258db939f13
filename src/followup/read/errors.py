class ReadError(Exception):
    """A file could not be read; the message says why, in words for the person who gave it."""

"""Language of a text, among the four the platform works in, with a model shipped in py3langid."""

from __future__ import annotations

from functools import lru_cache

LANGUAGES = ("en", "es", "pt", "fr")
_SAMPLE_CHARS = 5_000  # enough for a stable answer; keeps long documents cheap


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str, *, min_letters: int = 12) -> tuple[str, float]:
    """Return (code, probability); ('', 0.0) when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < min_letters:
        return "", 0.0
    code, probability = _identifier().classify(sample)
    return code, float(probability)

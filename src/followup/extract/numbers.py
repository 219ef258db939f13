"""Numbers as written in reports, in EN/ES/PT/FR: "5,231", "1.000", "63.8%", "$10,627,900",
"US$ 12.450.000", "Thirty-three", "dos mil", "1.5 million"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Number words by language; "one"/"uno"/"um"/"un" alone are articles far more often than counts.
NUMBER_WORDS = {
    "en": {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
    },
    "es": {
        "uno": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "doce": 12,
        "quince": 15,
        "veinte": 20,
        "treinta": 30,
        "cuarenta": 40,
        "cincuenta": 50,
        "cien": 100,
        "ciento": 100,
    },
    "pt": {
        "um": 1,
        "dois": 2,
        "duas": 2,
        "três": 3,
        "quatro": 4,
        "cinco": 5,
        "seis": 6,
        "sete": 7,
        "oito": 8,
        "nove": 9,
        "dez": 10,
        "vinte": 20,
        "trinta": 30,
        "cem": 100,
    },
    "fr": {
        "un": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "douze": 12,
        "quinze": 15,
        "vingt": 20,
        "trente": 30,
        "cent": 100,
    },
}
SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "billion": 1_000_000_000,
    "mil": 1_000,
    "millón": 1_000_000,
    "millones": 1_000_000,
    "milhão": 1_000_000,
    "milhões": 1_000_000,
    "mille": 1_000,
    "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
    "bilhão": 1_000_000_000,
    "bilhões": 1_000_000_000,
    "billón": 1_000_000_000_000,
}
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))

# Dollars in front: "$", "US$", "USD", "U.S.$"; reais "R$".
_CURRENCY = r"(?P<currency>(?:US\$|U\.S\.\s?\$|USD|R\$|\$|€|EUR)\s?)?"
# ... or named after: "2,5 millones de dólares", "3 million euros", "R$ 2 milhões de reais".
_CURRENCY_AFTER = (
    r"(?P<currency_after>\s(?:de\s)?(?:(?:US|U\.S\.)\s)?(?:dollars|dólares|"
    r"euros|reais|reales)\b(?:\s(?:estadounidenses|americanos|des États-Unis))?)?"
)
_DIGITS = r"(?P<digits>\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_PERCENT = r"(?P<percent>\s?(?:%|percent\b|per cent\b|por ciento\b|por cento\b|pour cent\b))?"
_SCALE_AFTER = rf"(?:\s(?P<scale>{_SCALE})\b)?"
NUMBER = re.compile(
    rf"(?<![\w/.-]){_CURRENCY}{_DIGITS}{_SCALE_AFTER}{_PERCENT}{_CURRENCY_AFTER}"
    r"(?![\w/]|[.,]\d|-\d)",
    re.I,
)
_CONNECTORS = ("and", "y", "e", "et")


def _word_pattern(words: dict[str, int]) -> re.Pattern:
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(
        rf"\b(?P<words>(?:{alternatives})(?:[\s-](?:(?:{'|'.join(_CONNECTORS)})\s)?(?:{alternatives}))*)"
        rf"(?:\s(?P<scale>{_SCALE})\b)?{_PERCENT}{_CURRENCY_AFTER}\b",
        re.I,
    )


WORD_NUMBERS = {language: _word_pattern(words) for language, words in NUMBER_WORDS.items()}
MAX_VALUE = 10**15  # beyond this a "number" is an identifier or a typo, not a quantity


@dataclass
class NumberMention:
    start: int
    end: int
    value: float | int | None
    unit: str  # "count", "percent", "USD", "EUR", "BRL"
    written: str
    reason: str = ""  # why value is None


def find_numbers(text: str, *, language: str = "en") -> list[NumberMention]:
    found = [_digit_mention(m, language) for m in NUMBER.finditer(text)]
    taken = [(m.start, m.end) for m in found]
    words = NUMBER_WORDS.get(language, NUMBER_WORDS["en"])
    for match in WORD_NUMBERS.get(language, WORD_NUMBERS["en"]).finditer(text):
        if not any(a < match.end() and match.start() < b for a, b in taken):
            found.append(_word_mention(match, words))
    return sorted(found, key=lambda m: m.start)


def _digit_mention(match: re.Match, language: str) -> NumberMention:
    value = parse_digits(match.group("digits"), language)
    reason = ""
    if value is not None and match.group("scale"):
        value = value * SCALES[match.group("scale").lower()]
    if value is not None and value > MAX_VALUE:
        value, reason = None, f"{match.group(0).strip()!r} is too large to be a quantity"
    return NumberMention(
        match.start(), match.end(), _tidy(value), _unit(match), match.group(0), reason
    )


def _word_mention(match: re.Match, numbers: dict[str, int]) -> NumberMention:
    words = [w for w in re.split(r"[\s-]+", match.group("words").lower()) if w not in _CONNECTORS]
    total = 0
    for word in words:
        value = numbers[word]
        total = total * value if value == 100 and total else total + value
    if match.group("scale"):
        total = (total or 1) * SCALES[match.group("scale").lower()]
    return NumberMention(match.start(), match.end(), total, _unit(match), match.group(0))


def _unit(match: re.Match) -> str:
    if match.groupdict().get("percent"):
        return "percent"
    currency = (match.groupdict().get("currency") or "").strip()
    named = (match.groupdict().get("currency_after") or "").lower()
    if currency in ("€", "EUR") or "euros" in named:
        return "EUR"
    if currency == "R$" or "reais" in named or "reales" in named:
        return "BRL"
    return "USD" if currency or named else "count"


def parse_digits(digits: str, language: str = "en") -> float | int | None:
    """'5,231' -> 5231; '1.000' (es/pt/fr) -> 1000; '63.8' -> 63.8; '12.450.000' -> 12450000."""
    digits = digits.replace("\u00a0", " ")
    groups = re.split(r"[,. ]", digits)
    separators = re.findall(r"[,. ]", digits)
    if not separators:
        return int(digits)
    last = separators[-1]
    thousands_only = all(len(g) == 3 for g in groups[1:])
    # "5,231" is thousands in any language; "1.000" is thousands except in English,
    # where "1.000" would be written "1,000" and a dot is decimal.
    if (
        len(set(separators)) == 1
        and thousands_only
        and (last in (",", " ") or language != "en" or len(separators) > 1)
    ):
        return int("".join(groups))
    decimal_mark = last
    integer_part = "".join(re.split(r"[,. ]", digits[: digits.rfind(decimal_mark)]))
    fraction = digits[digits.rfind(decimal_mark) + 1 :]
    try:
        return float(f"{integer_part}.{fraction}")
    except ValueError:
        return None


def _tidy(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value

"""Events: a dated meeting, session, webinar, visit or launch."""

from __future__ import annotations

import itertools
import re

from .actors import Actors
from .context import DocumentContext
from .dates import DateMention, find_dates, years_in
from .items import Item

# What happens at a date: a gathering or a visit (enough with a month) ...
EVENT_NOUNS = re.compile(
    r"\b(?:meeting|meetings|session|sessions|webinar|webinars|seminar|seminars|forum|fora|visit|"
    r"visits|visited|met|meet|conference|workshop|workshops|dialogue|round ?table|panel|training|"
    r"course|hearing|hearings|summit|assembly|talk|lecture|lectures|exhibition|mission|convened|"
    r"took place|reunión|reuniones|sesión|sesiones|seminario|foro|visita|conferencia|taller|"
    r"diálogo|mesa redonda|curso|audiencia|cumbre|asamblea|reunião|sessão|oficina|visitou|"
    r"conferência|réunion|séance|séminaire|atelier|visite|conférence)\b",
    re.I,
)
# A launch is an event even when only its month is known.
LAUNCH = re.compile(
    r"\b(?:launch|launched|officially presented|lanz(?:ó|aron|amiento)|lan[çc](?:ou|aram|amento)|"
    r"lancée?s?|lancement)\b",
    re.I,
)
# A formal gathering known by its number ("the 177th Period of Sessions") or its year.
GATHERING = re.compile(
    r"(?<!during the )(?<!part of the )(?<!, )(?<!and )(?<!\d\w\w )\b(?:\d+(?:st|nd|rd|th)|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|[A-Z][a-z]+teenth|[A-Z][a-z]+tieth)\s"
    r"(?:[A-Z][\w-]*\s){0,3}(?-i:Period of Sessions|Session|Meeting|Conference|Summit)\b|\b(?:General Assembly|Summit|Conference)\b[^.;]{0,40}\bin\s(?:19|20)\d{2}",
    re.I,
)
# ... or a dated act: a launch, an adoption, a publication (only with the day).
EVENT_VERBS = re.compile(
    r"\b(?:launch|launched|presentation|presented|discussion|held|installed|adopted|published|trained|"
    r"organized|organised|lanz(?:ó|aron|amiento)|presentó|presentaron|realizó|realizaron|celebró|"
    r"celebraron|publicó|publicaron|organizó|organizaron|lançou|lançaram|publicou|publicaram|"
    r"lancée?s?|publiée?s?|organisée?s?)\b",
    re.I,
)
# "... agreed to “...”": the event is the meeting, not what it agreed.
_AGREEMENT = re.compile(
    r"(?:,\s*when\s+(?:they|it)\s+|\s+)(?:agreed|decided|resolved|acordaron|decidieron)\s+(?:to\s+)?[“\"«]"
)


def extract_events(context: DocumentContext, actors: Actors) -> list[Item]:
    text = context.text
    items = []
    for sentence in context.sentences:
        year = context.year_for(sentence.start, sentence.end, sentence.block)
        block = context.document.blocks[sentence.block]
        segments = _segments(text, sentence.start, sentence.end, year)
        whole = sentence.text_in(text)
        for start, end in segments:
            content = text[start:end]
            agreement = _AGREEMENT.search(content)
            if agreement:
                end = start + agreement.start()
                content = text[start:end]
            dates = [
                d
                for d in find_dates(content, year=year)
                if "-" in d.date and not _reference_date(content, d)
            ] or _today(content, context.dateline)
            if not dates:
                gathering = GATHERING.search(content)
                if gathering and year and not _inside_quotes(content, gathering.start()):
                    named_year = years_in(gathering.group(0))
                    items.append(
                        _event(
                            context,
                            actors,
                            sentence,
                            start,
                            end,
                            str(named_year[0] if named_year else year),
                            None,
                        )
                    )
                continue
            first = dates[0]
            leading_date = first.start <= 2 and content[first.end : first.end + 1] == ":"
            listed_visit = (
                block.kind == "list_item"
                and start == block.start
                and first.start < 80
                and first.end_date
            )
            context_words = whole if len(segments) > 1 else content
            named = (
                _outside_relative_clause(EVENT_NOUNS, context_words)
                or LAUNCH.search(context_words)
                or (
                    first.date.count("-") == 2
                    and _outside_relative_clause(EVENT_VERBS, context_words)
                )
            )
            if not (leading_date or listed_visit or named):
                continue
            items.append(_event(context, actors, sentence, start, end, first.date, first.end_date))
    return items


_ORGANIZED_BY = re.compile(
    r"\b(?:organi[sz]ed|convened|hosted|sponsored|led|chaired|organizad[oa]s?|convocad[oa]s?|"
    r"organisée?s?|convoquée?s?)\s(?:jointly\s)?(?:by|por|par)\s(?:the\s|el\s|la\s|le\s)?",
    re.I,
)


# "an informal meeting of the CAM", "la sesión del Consejo Permanente": the body that meets.
_MEETING_OF = re.compile(
    r"\b(?:meeting|session|conference|reunión|sesión|conferencia|reunião|sessão|conferência|"
    r"réunion|séance)\s(?:of|de|del|da|do|du|des)\s(?:the\s|la\s|el\s|a\s|o\s|la\s|l’|l')?",
    re.I,
)


def organizer(actors: Actors, start: int, end: int) -> str | None:
    """'... organized by the Inter-American Teacher Education Network (ITEN)' -> 'ITEN';
    '... at an informal meeting of the CAM' -> 'CAM'."""
    text = actors.context.text
    match = _ORGANIZED_BY.search(text, start, end)
    if match:
        bodies = actors.bodies_in(match.end(), min(end, match.end() + 120))
        if bodies and bodies[0][0] - match.end() < 60:
            return bodies[0][1]
        return None
    for match in _MEETING_OF.finditer(text, start, end):
        body = actors.body_at(match.end(), end)
        if body:
            return body
    return None


def _event(context, actors, sentence, start, end, date, end_date) -> Item:
    return Item(
        "event",
        start,
        end,
        context.text[start:end],
        fields={
            "date": date,
            "end_date": end_date,
            "actor": organizer(actors, start, end)
            or actors.actor_for(sentence.start, sentence.end, sentence.block),
        },
    )


def _segments(text: str, start: int, end: int, year: int | None) -> list[tuple[int, int]]:
    """A sentence listing several dated events ("...: A (April 8); B (April 23)") gives one
    segment per event; any other sentence is one segment."""
    content = text[start:end]
    parts = [m for m in re.finditer(r"[^;]+", content)]
    dated = [p for p in parts if find_dates(p.group(0), year=year)]
    if len(dated) < 2:
        return _split_at_later_days(content, start, year)
    segments = []
    for number, part in enumerate(parts):
        seg_start, seg_end = start + part.start(), start + part.end()
        colon = text.find(": ", seg_start, seg_end)
        if number == 0 and colon != -1 and find_dates(text[colon:seg_end], year=year):
            seg_start = colon + 2  # drop the sentence's introduction
        while seg_start < seg_end and text[seg_start] in " ,":
            seg_start += 1
        while seg_end > seg_start and text[seg_end - 1] in " .,":
            seg_end -= 1
        segments.append((seg_start, seg_end))
    return segments


def _split_at_later_days(content: str, start: int, year: int | None) -> list[tuple[int, int]]:
    """ "... the webinar held on March 24 ..., on April 7, SARE published ...": a clause per day."""
    days = [d for d in find_dates(content, year=year) if d.date.count("-") == 2]
    cuts = []
    for day in days[1:]:
        comma = content.rfind(", ", 0, day.start)
        if (
            comma > 0
            and (not cuts or comma > cuts[-1])
            and content[comma + 2 : day.start].split()[:1] in (["on"], ["el"], ["le"], ["em"], [])
        ):
            cuts.append(comma)
    if not cuts:
        return [(start, start + len(content))]
    bounds = [0, *[c + 2 for c in cuts], len(content)]
    return [
        (start + a, start + (b - 2 if b != len(content) else b))
        for a, b in itertools.pairwise(bounds)
    ]


_TODAY = re.compile(r"\b(?:today|hoy|hoje|aujourd’hui|aujourd'hui)\b", re.I)


def _today(content: str, dateline: str | None) -> list[DateMention]:
    """ "... today launched ...": in a dated press release, the day of its dateline."""
    found = _TODAY.search(content) if dateline else None
    if not found:
        return []
    return [DateMention(found.start(), found.end(), dateline, None, True, found.group(0))]


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_SINCE = re.compile(r"\b(?:since|began in|begun in|desde|depuis|starting in)\s(?:\w+\s)?$", re.I)


_OF_A_TEXT = re.compile(
    r"\b(?:resolution|resolución|resolução|décision|decision|decree|decreto|law|ley|lei|agreement|acuerdo|report)\s+\S+\s+(?:of|de|du)\s+$",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:that|which|who|que|qui)\s+$", re.I)


def _inside_quotes(content: str, position: int) -> bool:
    return any(q.start() < position < q.end() for q in _QUOTED.finditer(content))


def _outside_relative_clause(pattern: re.Pattern, content: str) -> bool:
    """An event word that is not the verb of a relative clause ("violations that took place")."""
    return any(not _RELATIVE.search(content[: m.start()]) for m in pattern.finditer(content))


def _reference_date(content: str, mention) -> bool:
    """A date inside a quoted title, one that only says since when, or the date of a text
    ("resolution 4/19 of December 7, 2019") dates no event."""
    before = content[: mention.start]
    return _inside_quotes(content, mention.start) or bool(
        _SINCE.search(before) or _OF_A_TEXT.search(before)
    )

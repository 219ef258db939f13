"""Recommendations: what a body urges, calls on or recommends others to do."""

from __future__ import annotations

import re

from .actors import Actors
from .context import DocumentContext
from .items import Item

CUES = re.compile(
    r"\b(?:recommend(?:s|ed|ing|ation|ations)?|urg(?:e|es|ed)|call(?:s|ed)? (?:on|upon|for)|"
    r"encourag(?:e|es|ed)|exhort(?:s|ed)?|it is (?:important|essential|necessary|crucial) that|"
    r"should|must|the need (?:for|to|and)|"
    r"recomien(?:da|dan)|recomend(?:ó|aron|ación|aciones)|insta(?:n|ron)?|exhorta(?:n|ron)?|"
    r"llama(?:n|ron)? a|deben|debe|es (?:importante|necesario|fundamental) que|la necesidad de|"
    r"recomenda(?:m|ção|ções)?|devem|deve|é (?:importante|necessário) que|"
    r"recommande(?:nt)?|exhorte(?:nt)?|appelle(?:nt)?|doivent|doit|il est (?:important|essentiel) que)\b",
    re.I,
)
ADDRESSEE = re.compile(
    r"\b(?:(?:OAS |the |los |las |les |os )?(?:member states|states parties|States|Governments|"
    r"governments|Estados(?: Miembros| Membros| Parte)?|gobiernos|États(?: membres)?|gouvernements|"
    r"governos|international cooperation agencies))\b"
)
_HEADING_CUE = re.compile(r"recommend|recomend|recommand|key messages|mensajes clave", re.I)
_REPORTED = re.compile(
    r"\b(?:recommendations? (?:of|from|made by|issued)|follow(?:ed)? up on|implementation of|comply|complied|compliance)\b",
    re.I,
)


def extract_recommendations(context: DocumentContext, actors: Actors) -> list[Item]:
    text = context.text
    items = []
    for sentence in context.sentences:
        if context.is_claimed(sentence.start, sentence.end):
            continue
        content = sentence.text_in(text)
        block = context.document.blocks[sentence.block]
        under_heading = block.kind == "list_item" and _under_recommendation_heading(
            context, sentence.block
        )
        if not (under_heading or _is_recommendation(content)):
            continue
        addressee = ADDRESSEE.search(content)
        items.append(
            Item(
                "recommendation",
                sentence.start,
                sentence.end,
                content,
                fields={
                    "actor": actors.actor_for(sentence.start, sentence.end, sentence.block),
                    "addressee": addressee.group(0).removeprefix("the ") if addressee else None,
                },
            )
        )
    return items


def _is_recommendation(sentence: str) -> bool:
    cue = CUES.search(sentence)
    if not cue or _REPORTED.search(sentence):
        return False
    word = cue.group(0).lower()
    if word in ("should", "must", "deben", "debe", "devem", "deve", "doivent", "doit"):
        return bool(ADDRESSEE.search(sentence[: cue.start()]))  # "States must ..."
    return not word.startswith("recommendation")


def _under_recommendation_heading(context: DocumentContext, block_index: int) -> bool:
    heading = context.heading_for(block_index)
    if heading and _HEADING_CUE.search(context.document.block_text(heading)):
        return True
    # A list introduced by "... the following recommendations:" in the paragraph before it.
    blocks = context.document.blocks
    list_index = blocks[block_index].parent
    if list_index is not None and list_index > 0:
        before = blocks[list_index - 1]
        if before.kind == "paragraph" and _HEADING_CUE.search(
            context.document.block_text(before)[-200:]
        ):
            return True
    return False

"""What every route shares: bounded ids and pages, and the documented error answers."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination

# Database ids are 64-bit: a larger number names nothing, and is refused before any query.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_PAGE_LIMIT = 1000
MAX_OFFSET = 10**9


class Pagination(LimitOffsetPagination):
    """Limit and offset, bounded so that no page asks the database for the impossible."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str = Field(description="Why, in a sentence that names the field")
    errors: list[FieldError] | None = Field(None, description="Each invalid field (422 only)")


def answers(ok, *errors: int) -> dict:
    """The documented responses of a route: its success and the errors it can give
    (422, invalid input, always)."""
    return {
        **(ok if isinstance(ok, dict) else {200: ok}),
        **dict.fromkeys((*errors, 422), ErrorOut),
    }

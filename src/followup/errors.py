"""The refusals every layer shares. Each carries the HTTP status it is answered with and a
message for a person (translated where it is raised); pages and the API turn them into
responses in one place each (``web.errors`` and ``api``), the CLI into a clean error line."""

from __future__ import annotations


class ActionError(Exception):
    """A request that cannot be carried out; ``status`` is the HTTP status of the answer."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidInput(ActionError, ValueError):
    """Bad input, with the field it concerns; the message names the field. ``reason`` is the
    message alone, for a form that shows it next to the field under the field's own label."""

    status = 400

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class Forbidden(ActionError):
    """The user may see the object but may not do this to it."""

    status = 403


class NotFound(ActionError):
    """No such object, or one the user may not see: the two answers are the same, so that
    an answer never reveals that a hidden object exists."""

    status = 404


class Conflict(ActionError):
    """The object changed since the editor loaded it (its version moved on)."""

    status = 409

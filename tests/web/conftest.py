# The parties, accounts, items and reports the tracking tests use, for the pages of each role.
from tests.tracking.conftest import (  # noqa: F401
    file_report,
    items,
    make_user,
    parties,
    people,
    uploads,
)

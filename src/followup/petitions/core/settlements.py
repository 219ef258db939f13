"""Compliance of a friendly settlement agreement, computed from the compliance of its clauses."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# The tracking scale, from most to least complied.
SCALE = ("total", "partial_substantial", "partial", "pending", "non_compliance")
CLAUSE_KINDS = ("structural", "individual")


@dataclass
class AgreementCompliance:
    """An agreement's level on the scale and the count of clauses at each level."""

    level: str
    clauses: int
    by_level: Counter = field(default_factory=Counter)
    by_kind: dict = field(default_factory=dict)

    @property
    def advanced(self) -> int:
        """Clauses with some compliance (total or partial)."""
        return sum(self.by_level[level] for level in SCALE[:3])


def agreement_compliance(clauses) -> AgreementCompliance:
    """``clauses``: (kind, level or None when nobody reported yet) for each clause.

    Total when every clause is total; partial when at least one clause is total or partly
    complied; non-compliance when every clause is non-compliance; otherwise pending (the
    IACHR's three levels of agreement compliance, with the scale's two extremes kept apart)."""
    clauses = list(clauses)
    levels = Counter(level or "pending" for _kind, level in clauses)
    by_kind = {
        kind: Counter(level or "pending" for k, level in clauses if k == kind)
        for kind in CLAUSE_KINDS
    }
    if not clauses:
        return AgreementCompliance("pending", 0, levels, by_kind)
    if levels["total"] == len(clauses):
        level = "total"
    elif any(levels[level] for level in SCALE[:3]):
        level = "partial"
    elif levels["non_compliance"] == len(clauses):
        level = "non_compliance"
    else:
        level = "pending"
    return AgreementCompliance(level, len(clauses), levels, by_kind)

"""What the reviews measured: how many records a person checked, and the precision of each kind
with its uncertainty, for the status line, the snapshot and the brief."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .views import Dashboard


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default): honest with few reviews."""
    if not trials:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class KindStats:
    """What the reviews of one kind of record measured."""

    kind: str  # "position" or "figure"
    extracted: int  # records the extractor made
    reviewed: int  # of those, reviewed
    accepted: int  # of those, accepted as they were
    added: int  # records added by hand: what the extractor missed

    @property
    def precision(self) -> float | None:
        return self.accepted / self.reviewed if self.reviewed else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.accepted, self.reviewed)


@dataclass
class ReviewStats:
    reviewed: int
    total: int
    accepted: int
    kinds: list[KindStats] = field(default_factory=list)

    def describe(self) -> str:
        """The status line: how much is reviewed, and the precision measured, per kind."""
        if not self.total:
            return "no records"
        parts = [f"reviewed {self.reviewed}/{self.total} ({self.reviewed / self.total:.0%})"]
        for k in self.kinds:
            if k.reviewed:
                low, high = k.interval
                parts.append(f"{k.kind}s {k.precision:.0%} [{low:.0%}\u2013{high:.0%}]"
                             + (f" +{k.added} added" if k.added else ""))
            elif k.added:
                parts.append(f"{k.kind}s +{k.added} added")
        if not any(k.reviewed for k in self.kinds):
            parts.insert(1, "precision not measured yet")
        return " \u00b7 ".join(parts)

    def sentence(self) -> str:
        """One sentence an editor could print: what the reviews measured, with its uncertainty."""
        clauses = []
        for k in self.kinds:
            if k.reviewed:
                low, high = k.interval
                clauses.append(f"{k.accepted} of {k.reviewed} {k.kind}{'s' if k.reviewed != 1 else ''} checked "
                               f"{'was' if k.reviewed == 1 else 'were'} right as extracted "
                               f"({k.precision:.0%}; 95% interval {low:.0%} to {high:.0%})")
        text = ("A person checked a sample: " + "; ".join(clauses) if clauses else
                "No extracted item has been checked by a person yet, so their accuracy is not measured")
        added = [f"{k.added} {k.kind}{'s' if k.added != 1 else ''}" for k in self.kinds if k.added]
        if added:
            verb = "was" if sum(k.added for k in self.kinds) == 1 else "were"
            text += f"; {' and '.join(added)} that the extractor missed {verb} added by hand"
        return text + "."


def review_stats(dashboard: Dashboard) -> ReviewStats:
    """How much has been reviewed, and the precision measured so far, per kind. Edited counts as not
    accepted (the extractor got something wrong); records added by hand are counted apart."""
    kinds = []
    for kind in ("position", "figure"):
        extracted = reviewed = accepted = added = 0
        for record in dashboard.of_kind(kind):
            if record.get("added"):
                added += 1
            else:
                extracted += 1
                review = record.get("review")
                reviewed += bool(review)
                accepted += review == "accepted"
        kinds.append(KindStats(kind, extracted, reviewed, accepted, added))
    return ReviewStats(sum(k.reviewed for k in kinds), sum(k.extracted for k in kinds),
                       sum(k.accepted for k in kinds), kinds)

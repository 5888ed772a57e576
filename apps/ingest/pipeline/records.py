"""The pipeline's typed output: a figure, a target and an article's extraction (the Django side reads these)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Figure:
    """One deployment figure: who, how many, how many women, where, when, and the quote it rests on."""

    quote: str
    start: int | None
    end: int | None
    personnel_total: int | None = None
    women: int | None = None
    women_percent: float | None = None
    qualifier: str | None = None
    mission: list[str] = field(default_factory=list)
    unit: str | None = None
    scope: str = "current"
    as_of: str | None = None
    subject: str | None = None
    confidence: float = 0.5
    reasons: list[str] = field(default_factory=list)
    source: str = "text"  # "text" or "title"

    def key(self) -> tuple[int | None, int | None, float | None]:
        """The values that identify the population counted."""
        return (self.personnel_total, self.women, self.women_percent)

    def to_dict(self) -> dict:
        """The JSON shape the dry run prints and the review UI stores."""
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "in": self.source,
            "personnel_total": self.personnel_total,
            "women": self.women,
            "women_percent": self.women_percent,
            "qualifier": self.qualifier,
            "mission": sorted(self.mission),
            "unit": self.unit,
            "scope": self.scope,
            "as_of": self.as_of,
            "subject": self.subject,
            "confidence": round(self.confidence, 2),
            "reasons": list(self.reasons),
        }


@dataclass
class Target:
    """A target share of women cited by the article: the UN's, or a national goal (set_by an ISO3)."""

    quote: str
    start: int | None
    end: int | None
    target_percent_low: float
    target_percent_high: float | None = None
    category: str | None = None
    by_year: int | None = None
    set_by: str = "UN"
    source: str = "text"

    def to_dict(self) -> dict:
        """The JSON shape the dry run prints."""
        return {
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "in": self.source,
            "target_percent_low": self.target_percent_low,
            "target_percent_high": self.target_percent_high,
            "category": self.category,
            "by_year": self.by_year,
            "set_by": self.set_by,
        }


@dataclass
class Extraction:
    """Everything extracted from one article."""

    country: str | None
    is_relevant: bool
    figures: list[Figure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    other_targets: list[Target] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON shape the dry run prints."""
        return {
            "country": self.country,
            "is_relevant": self.is_relevant,
            "figures": [f.to_dict() for f in self.figures],
            "targets": [t.to_dict() for t in self.targets],
            "other_targets": [t.to_dict() for t in self.other_targets],
        }


def _consistency(fig: Figure) -> None:
    if fig.personnel_total and fig.women is not None:
        if fig.women > fig.personnel_total:
            fig.confidence -= 0.3
            fig.reasons.append(f"{fig.women} women is more than the total of {fig.personnel_total}")
            return
        ratio = 100.0 * fig.women / fig.personnel_total
        if fig.women_percent is not None:
            tolerance = 1.0 if fig.qualifier is None else 2.5
            if abs(ratio - fig.women_percent) <= tolerance:
                fig.confidence += 0.15
                fig.reasons.append(
                    f"states {fig.women_percent:g} percent; {fig.women} of {fig.personnel_total} is {ratio:.1f} percent"
                )
            else:
                fig.confidence -= 0.2
                fig.reasons.append(
                    f"states {fig.women_percent:g} percent but {fig.women} of {fig.personnel_total} is {ratio:.1f} percent"
                )
        else:
            fig.reasons.append(f"{fig.women} of {fig.personnel_total} is {ratio:.1f} percent women")

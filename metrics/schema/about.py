"""What a dataset says about itself, beside its tables: its name and source, the currency of its
amounts, whether it measures companies or only industries, and the conventions of its benchmark.
Conventions apply only where a dataset declares them (the defaults claim nothing)."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("company", "industry")
CHANGE_RULES = ("interval", "two_points")


@dataclass(frozen=True)
class About:
    name: str | None = None
    """The dataset's own name (else the file or folder name)."""
    source: str | None = None
    """Who published it, for source lines."""
    currency: str = "SEK"
    """Amounts (revenue, EBIT, assets) are millions of this currency."""
    level: str = "company"
    """"industry": respondents name only an industry, so each industry is the unit measured."""
    change_rule: str = "interval"
    """How a change between waves is judged where no sd is known: "interval" (not at all without
    an sd) or "two_points" (SKI's rule: more than 2 points is significant)."""
    nominations: int | None = None
    """The top N companies of each industry are nominated (ServiceScore names three), if any."""

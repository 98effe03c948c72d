"""The words of a finding: strength words that never claim more than an interval allows, labels as
used inside a sentence, and the finding row itself (every sentence in English and Swedish, from
the message catalogue)."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from metrics.text.i18n import LANGS, integer, interval, num, tr

FINDING_SCHEMA = {
    "key": pl.String,
    "sentence_en": pl.String,
    "sentence_sv": pl.String,
    "caveat_en": pl.String,
    "caveat_sv": pl.String,
    "value": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "n": pl.Int64,
    "strength": pl.String,
    "headline_en": pl.String,
    "headline_sv": pl.String,
}
"""`sentence_*` gives the numbers (n, interval, method); `headline_*` is the short sentence a card
leads with (the sentence itself where no shorter one is written)."""


def strength(r: float | None, low: float | None, high: float | None) -> str:
    """Words for a correlation that never claim more than its interval allows: 'insufficient'
    without r, 'open' without an interval, 'unclear' when it includes zero, else by size."""
    if r is None:
        return "insufficient"
    if low is None or high is None:
        return "open"
    if low <= 0 <= high:
        return "unclear"
    size = abs(r)
    return (
        "negligible"
        if size < 0.1
        else "weak"
        if size < 0.3
        else "moderate"
        if size < 0.5
        else "strong"
    )


def relation_words(stats: dict, lang: str) -> str:
    """ "r = 0,32 (95 % KI 0,24 till 0,38), n = 2 080: måttligt samband" — a subtitle's words for a
    relation, never stronger than its bootstrap interval; n is the number of points."""
    r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]
    if r is None:
        return tr("pack.too_few", lang)
    level = strength(r, low, high)
    return tr(
        "pack.relation_sub" if level != "open" else "pack.relation_sub_open",
        lang,
        r=num(r, lang, 2),
        ci=interval(low, high, lang),
        n=integer(stats["n"], lang),
        strength=tr(f"strength.{level}", lang),
    )


def in_sentence(text: str) -> str:
    """A label as used inside a sentence: 'Staff turnover' -> 'staff turnover', while 'EBIT margin',
    'eNPS' and 'ServiceScore' keep their capitals."""
    if (
        len(text) > 1
        and text[0].isupper()
        and text[1].islower()
        and not any(ch.isupper() for ch in text[1:])
    ):
        return text[0].lower() + text[1:]
    return text


def metric_label(metric: str, catalogue: pl.DataFrame, lang: str) -> str:
    """A metric's label from the catalogue, as used inside a sentence (its id if unknown)."""
    row = catalogue.filter(pl.col("metric_id") == metric)
    return in_sentence(metric if row.is_empty() else row[f"label_{lang}"][0])


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def industry_name(industries: pl.DataFrame, industry_id: str, lang: str) -> str:
    row = industries.filter(pl.col("industry_id") == industry_id)
    if row.is_empty():
        return industry_id
    name = row["name_en"][0] if lang == "en" else None
    return name or row["name_sv"][0]


def listing(items: list[str], lang: str) -> str:
    """'a', 'a and b', 'a, b and c' in the language."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {tr('finding.and', lang)} " + items[-1]


def finding(
    key: str,
    words: Callable[[str], tuple[str, str]],
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    n: int | None = None,
    level: str = "",
    short: Callable[[str], str] | None = None,
) -> dict:
    """One finding row: `words(lang)` gives its sentence and caveat in each language, `short(lang)`
    its headline (else the sentence)."""
    said = {lang: words(lang) for lang in LANGS}
    heads = {lang: short(lang) if short else said[lang][0] for lang in LANGS}
    return {
        "key": key,
        "sentence_en": said["en"][0],
        "sentence_sv": said["sv"][0],
        "caveat_en": said["en"][1],
        "caveat_sv": said["sv"][1],
        "value": value,
        "ci_low": low,
        "ci_high": high,
        "n": n,
        "strength": level,
        "headline_en": heads["en"],
        "headline_sv": heads["sv"],
    }

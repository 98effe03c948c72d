"""Key findings: the few sentences a board would quote, in English and Swedish, each with its numbers,
n, 95% interval and caveat. Every number comes from the analytics; the words follow the evidence —
when an interval includes zero, the sentence says the data show no clear link.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from metrics.aggregate import RATING_COUNTS
from metrics.analytics import dissatisfaction, rankings, relations
from metrics.text.i18n import integer, interval, num, tr

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
}
ASSOCIATION = (
    "Association, not proof of cause: companies differ in many ways at once.",
    "Samband, inte bevis för orsak: företagen skiljer sig åt på många sätt samtidigt.",
)


def strength(r: float | None, low: float | None, high: float | None) -> str:
    """Words for a correlation that never claim more than its interval allows."""
    if r is None:
        return "insufficient"
    if low is not None and high is not None and low <= 0 <= high:
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
    relation, never stronger than its bootstrap interval."""
    r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]
    if r is None:
        return tr("pack.too_few", lang)
    return tr(
        "pack.relation_sub",
        lang,
        r=num(r, lang, 2),
        ci=interval(low, high, lang),
        n=integer(stats["n"], lang),
        strength=tr(f"strength.{strength(r, low, high)}", lang),
    )


STRENGTH_WORDS = {
    "en": {
        "negligible": "a negligible",
        "weak": "a weak",
        "moderate": "a moderate",
        "strong": "a strong",
    },
    "sv": {
        "negligible": "ett försumbart",
        "weak": "ett svagt",
        "moderate": "ett måttligt",
        "strong": "ett starkt",
    },
}


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


def _label(metric: str, catalogue: pl.DataFrame, lang: str) -> str:
    row = catalogue.filter(pl.col("metric_id") == metric)
    return in_sentence(metric if row.is_empty() else row[f"label_{lang}"][0])


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _industry_name(industries: pl.DataFrame, industry_id: str, lang: str) -> str:
    row = industries.filter(pl.col("industry_id") == industry_id)
    if row.is_empty():
        return industry_id
    name = row["name_en"][0] if lang == "en" else None
    return name or row["name_sv"][0]


def _finding(
    key: str,
    words: Callable[[str], tuple[str, str]],
    value=None,
    low=None,
    high=None,
    n=None,
    level="",
) -> dict:
    en, caveat_en = words("en")
    sv, caveat_sv = words("sv")
    return {
        "key": key,
        "sentence_en": en,
        "sentence_sv": sv,
        "caveat_en": caveat_en,
        "caveat_sv": caveat_sv,
        "value": value,
        "ci_low": low,
        "ci_high": high,
        "n": n,
        "strength": level,
    }


def _relation_finding(
    key: str,
    stats: dict,
    x_label: Callable,
    y_label: Callable,
    extra_caveat: tuple[str, str] | None = None,
) -> dict:
    r, low, high = stats["pearson_r"], stats["pearson_boot_low"], stats["pearson_boot_high"]
    level = strength(r, low, high)

    def words(lang: str) -> tuple[str, str]:
        x, y = x_label(lang), y_label(lang)
        n = f"n = {num(stats['n'], lang, 0)} {'company-years from' if lang == 'en' else 'företagsår från'} {num(stats['clusters'], lang, 0)} {'companies' if lang == 'en' else 'företag'}"
        nums = f"r = {num(r, lang, 2)}, {'95% CI' if lang == 'en' else '95 % KI'} {interval(low, high, lang)}; {n}"
        if level == "insufficient":
            text = (
                f"There are too few data to relate {x} and {y}."
                if lang == "en"
                else f"Det finns för lite data för att jämföra {x} och {y}."
            )
        elif level == "unclear":
            text = (
                f"The data show no clear link between {x} and {y} ({nums})."
                if lang == "en"
                else f"Data visar inget tydligt samband mellan {x} och {y} ({nums})."
            )
        else:
            direction = (
                ("higher" if r > 0 else "lower")
                if lang == "en"
                else ("högre" if r > 0 else "lägre")
            )
            text = (
                f"Companies with better {x} tend to have {direction} {y}: "
                f"{STRENGTH_WORDS['en'][level]} link ({nums})."
                if lang == "en"
                else f"Företag med bättre {x} har ofta {direction} {y}: "
                f"{STRENGTH_WORDS['sv'][level]} samband ({nums})."
            )
        caveat = ASSOCIATION[0 if lang == "en" else 1]
        if extra_caveat:
            caveat += " " + extra_caveat[0 if lang == "en" else 1]
        return text, caveat

    return _finding(key, words, r, low, high, stats["n"], level)


def key_findings(
    tables: dict[str, pl.DataFrame],
    company_id: str | None = None,
    year: int | None = None,
    reps: int = 2000,
    pooled: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The key findings of a dataset (and of one company, if given) for the latest or given wave.

    Returns one row per finding: key, sentence and caveat in English and Swedish, the headline value
    with its 95% interval and n, and a strength word. Findings whose data are missing are left out.
    `pooled`: the findings over all waves (`pooled_findings`), when computed already: they do not
    depend on the wave or the company, and their bootstraps are most of the cost.
    """
    scores, companies, waves = tables["service_scores"], tables["companies"], tables["waves"]
    years = rankings.published_years(waves)
    year = year if year in years else (years[-1] if years else None)
    if year is None:
        return pl.DataFrame(schema=FINDING_SCHEMA)
    out = _ranking_findings(scores, companies, waves, tables["industries"], year, company_id)
    return pl.concat(
        [
            pl.DataFrame(out, schema=FINDING_SCHEMA),
            pooled_findings(tables, reps) if pooled is None else pooled,
        ]
    )


def pooled_findings(tables: dict[str, pl.DataFrame], reps: int = 2000) -> pl.DataFrame:
    """The findings over all waves and companies: how service goes with margin, eNPS and turnover,
    the quartile gap, monopolies, which leads which, hidden dissatisfaction."""
    scores, companies, catalogue = tables["service_scores"], tables["companies"], tables["metrics"]
    out: list[dict | None] = []
    values = relations.metric_values(scores, tables.get("commercial"), tables.get("employer"))
    present = set(values["metric_id"].unique())
    label = lambda m: lambda lang: _label(m, catalogue, lang)  # noqa: E731
    for key, outcome in (
        ("service_margin", "ebit_margin_pct"),
        ("service_enps", "enps"),
        ("service_turnover", "staff_turnover_pct"),
    ):
        if outcome in present:
            stats = relations.relation(values, companies, "servicescore", outcome, reps=reps)
            out.append(
                _relation_finding(
                    key, stats.row(0, named=True), label("servicescore"), label(outcome)
                )
            )
    if "ebit_margin_pct" in present:
        out.append(_quartile_finding(values, companies, catalogue, reps))
        out.append(_monopoly_finding(values, companies, label, reps))
    if "revenue_growth_pct" in present:
        out.append(_lead_lag_finding(values, companies, label, reps))
    if RATING_COUNTS in tables:
        out.append(_hidden_finding(tables[RATING_COUNTS], companies))
    return pl.DataFrame([f for f in out if f], schema=FINDING_SCHEMA)


def _ranking_findings(scores, companies, waves, industries, year, company_id) -> list[dict]:
    ranking = rankings.industry_ranking(scores, companies, waves)
    latest = ranking.filter(pl.col("year") == year).sort("rank")
    if latest.is_empty():
        return []
    top, bottom = latest.row(0, named=True), latest.row(-1, named=True)
    summary = rankings.quarter_summary(rankings.rank_history(ranking, waves))
    stuck = summary.filter(pl.col("industry_id") == bottom["industry_id"]).row(0, named=True)
    tied_top = latest.filter(pl.col("tie_group") == top["tie_group"]).height

    def words(lang: str) -> tuple[str, str]:
        t = _industry_name(industries, top["industry_id"], lang)
        b = _industry_name(industries, bottom["industry_id"], lang)
        m_top, m_bot = 1.96 * (top["se"] or 0), 1.96 * (bottom["se"] or 0)
        if lang == "en":
            text = (
                f"In {year}, {t} rank first of {top['n_ranked']} industries ({num(top['score'], lang)} ± {num(m_top, lang)}) "
                f"and {b} last ({num(bottom['score'], lang)} ± {num(m_bot, lang)}); {b} have been in the bottom quarter in "
                f"{stuck['waves_bottom_quarter']} of {stuck['waves_ranked']} waves."
            )
            caveat = (
                f"{tied_top} industries share the top within the margin of error."
                if tied_top > 1
                else "The top industry is ahead by more than the margin of error."
            )
        else:
            text = (
                f"{year} ligger {t} först av {top['n_ranked']} branscher ({num(top['score'], lang)} ± {num(m_top, lang)}) "
                f"och {b} sist ({num(bottom['score'], lang)} ± {num(m_bot, lang)}); {b} har legat i den nedersta kvartilen i "
                f"{stuck['waves_bottom_quarter']} av {stuck['waves_ranked']} mätningar."
            )
            caveat = (
                f"{tied_top} branscher delar förstaplatsen inom felmarginalen."
                if tied_top > 1
                else "Toppbranschen leder med mer än felmarginalen."
            )
        return text, caveat

    found = [
        _finding(
            "industry_ranking",
            words,
            top["score"],
            top["ci_low"],
            top["ci_high"],
            top["n_respondents"],
            "",
        )
    ]
    if company_id is not None:
        found += _company_finding(scores, companies, waves, industries, year, company_id)
    return found


def _company_finding(scores, companies, waves, industries, year, company_id) -> list[dict]:
    ranking = rankings.company_ranking(scores, companies, waves)
    row = ranking.filter(pl.col("company_id") == company_id, pl.col("year") == year)
    if row.is_empty():
        return []
    c = row.row(0, named=True)

    def words(lang: str) -> tuple[str, str]:
        industry = _industry_name(industries, c["industry_id"], lang)
        margin = num(c["margin_95"], lang) if c["margin_95"] is not None else "?"
        change = c["change"]
        if lang == "en":
            text = (
                f"{c['name']} ranks {ordinal(c['industry_rank'])} of {c['industry_n_ranked']} in {industry} in {year} "
                f"({num(c['score'], lang)} ± {margin}, n = {num(c['n'], lang, 0)}), "
                f"{num(c['vs_peers'], lang, sign=True)} points against the other companies' average."
            )
            if change is not None:
                text += (
                    f" Since {c['prev_year']}: {num(change, lang, sign=True)} points, "
                    f"{'a significant change' if c['change_significant'] else 'within the margin of error'}."
                )
            caveat = (
                "Low base (n < 50): the margin of error is wide."
                if c["low_base"]
                else f"Tied within the margin with {'others' if c['industry_tied'] else 'no one'} in its industry."
            )
        else:
            text = (
                f"{c['name']} ligger på plats {c['industry_rank']} av {c['industry_n_ranked']} inom {industry} {year} "
                f"({num(c['score'], lang)} ± {margin}, n = {num(c['n'], lang, 0)}), "
                f"{num(c['vs_peers'], lang, sign=True)} poäng mot övriga företags snitt."
            )
            if change is not None:
                text += (
                    f" Sedan {c['prev_year']}: {num(change, lang, sign=True)} poäng, "
                    f"{'en signifikant förändring' if c['change_significant'] else 'inom felmarginalen'}."
                )
            caveat = (
                "Låg bas (n < 50): felmarginalen är stor."
                if c["low_base"]
                else f"{'Delar placering inom felmarginalen med andra' if c['industry_tied'] else 'Skiljer sig från övriga mer än felmarginalen'}."
            )
        return text, caveat

    return [_finding("company_position", words, c["score"], c["ci_low"], c["ci_high"], c["n"], "")]


def _quartile_finding(values, companies, catalogue, reps) -> dict:
    gap = relations.quartile_gap(values, companies, ["ebit_margin_pct"], reps=reps).row(
        0, named=True
    )
    low, high = gap["ci_low"], gap["ci_high"]
    clear = low is not None and high is not None and not (low <= 0 <= high)

    def words(lang: str) -> tuple[str, str]:
        n = gap["n_top"] + gap["n_bottom"]
        if lang == "en":
            core = (
                f"Companies in the top service quartile had a median EBIT margin {num(abs(gap['difference']), lang)} points "
                f"{'higher' if gap['difference'] >= 0 else 'lower'} than those in the bottom quartile "
                f"(95% CI {interval(low, high, lang, 1)}; n = {num(n, lang, 0)} company-years)."
            )
            text = core if clear else core[:-1] + ", a difference the data cannot tell from zero."
        else:
            core = (
                f"Företag i den bästa servicekvartilen hade en medianrörelsemarginal som var {num(abs(gap['difference']), lang)} "
                f"procentenheter {'högre' if gap['difference'] >= 0 else 'lägre'} än i den sämsta "
                f"(95 % KI {interval(low, high, lang, 1)}; n = {num(n, lang, 0)} företagsår)."
            )
            text = core if clear else core[:-1] + ", en skillnad som inte går att skilja från noll."
        note = (
            " Monopolies and public authorities are left out."
            if lang == "en"
            else " Monopol och myndigheter ingår inte."
        )
        return text, ASSOCIATION[0 if lang == "en" else 1] + note

    return _finding(
        "margin_quartile_gap",
        words,
        gap["difference"],
        low,
        high,
        gap["n_top"] + gap["n_bottom"],
        "clear" if clear else "unclear",
    )


def _monopoly_finding(values, companies, label, reps) -> dict:
    no_link = companies.filter(
        pl.col("is_monopoly").fill_null(False) | (pl.col("ownership") == "public_authority")
    )
    stats = relations.relation(
        values, no_link, "servicescore", "ebit_margin_pct", exclude_no_link=False, reps=reps
    ).row(0, named=True)
    caveat = (
        "Monopolies and public authorities do not compete for customers, so the link is not expected there.",
        "Monopol och myndigheter konkurrerar inte om kunder, så sambandet förväntas inte där.",
    )
    finding = _relation_finding(
        "monopolies_margin", stats, label("servicescore"), label("ebit_margin_pct"), caveat
    )
    prefix = {
        "en": "Among monopolies and public authorities: ",
        "sv": "Bland monopol och myndigheter: ",
    }
    finding["sentence_en"] = (
        prefix["en"] + finding["sentence_en"][0].lower() + finding["sentence_en"][1:]
    )
    finding["sentence_sv"] = (
        prefix["sv"] + finding["sentence_sv"][0].lower() + finding["sentence_sv"][1:]
    )
    return finding


def _lead_lag_finding(values, companies, label, reps) -> dict:
    ll = relations.lead_lag(values, companies, "servicescore", "revenue_growth_pct", reps=reps)
    lead = ll.filter(pl.col("direction") == "service_leads").row(0, named=True)
    back = ll.filter(pl.col("direction") == "outcome_leads").row(0, named=True)
    # one direction is "clearly" stronger only when each estimate lies outside the other's interval
    clearly_ahead = (
        None not in (lead["pearson_boot_low"], back["pearson_boot_high"], lead["pearson_r"])
        and lead["pearson_boot_low"] > 0
        and lead["pearson_boot_low"] > back["pearson_r"]
        and back["pearson_boot_high"] < lead["pearson_r"]
    )

    def words(lang: str) -> tuple[str, str]:
        a = f"r = {num(lead['pearson_r'], lang, 2)} ({interval(lead['pearson_boot_low'], lead['pearson_boot_high'], lang)})"
        b = f"r = {num(back['pearson_r'], lang, 2)} ({interval(back['pearson_boot_low'], back['pearson_boot_high'], lang)})"
        if lang == "en":
            text = (
                f"Service one year goes with revenue growth the next, {a}; growth one year goes with service the next, {b}."
                + (
                    " Service leading is the stronger of the two."
                    if clearly_ahead
                    else " The data do not show clearly which way it runs."
                )
            )
            caveat = (
                "Lead–lag shows timing, not cause; the intervals overlap."
                if not clearly_ahead
                else ASSOCIATION[0]
            )
        else:
            text = (
                f"Service ett år hänger ihop med omsättningstillväxt året efter, {a}; tillväxt ett år med service året efter, {b}."
                + (
                    " Att service går före är det starkare sambandet."
                    if clearly_ahead
                    else " Data visar inte tydligt åt vilket håll det går."
                )
            )
            caveat = (
                "Före–efter visar tidsordning, inte orsak; intervallen överlappar."
                if not clearly_ahead
                else ASSOCIATION[1]
            )
        return text, caveat

    return _finding(
        "lead_lag_growth",
        words,
        lead["pearson_r"],
        lead["pearson_boot_low"],
        lead["pearson_boot_high"],
        lead["n"],
        strength(lead["pearson_r"], lead["pearson_boot_low"], lead["pearson_boot_high"]),
    )


def _hidden_finding(responses, companies) -> dict | None:
    flags = dissatisfaction.dissatisfaction(responses, companies)
    hidden = dissatisfaction.hidden_companies(flags)
    if flags.is_empty():
        return None
    example = hidden.row(0, named=True) if hidden.height else None

    def words(lang: str) -> tuple[str, str]:
        if example is None:
            text = (
                "No company's average hides a large dissatisfied minority in most of its waves."
                if lang == "en"
                else "Inget företags medelvärde döljer en stor missnöjd minoritet i de flesta mätningarna."
            )
        elif lang == "en":
            text = (
                f"{hidden.height} {'company has' if hidden.height == 1 else 'companies have'} an average at or above their industry's median "
                f"while a large minority is very dissatisfied, e.g. {example['name']}: mean {num(example['median_mean'], lang)} "
                f"but {num(example['median_share_dissatisfied_pct'], lang, 0)}% in the bottom two boxes."
            )
        else:
            text = (
                f"{hidden.height} företag har ett medelvärde i nivå med eller över branschens median "
                f"men en stor, mycket missnöjd minoritet, t.ex. {example['name']}: medel {num(example['median_mean'], lang)} "
                f"men {num(example['median_share_dissatisfied_pct'], lang, 0)} % i de två lägsta svarsalternativen."
            )
        caveat = (
            "A mean can hide a split: look at the distribution, not only the average."
            if lang == "en"
            else "Ett medelvärde kan dölja splittring: se fördelningen, inte bara snittet."
        )
        return text, caveat

    return _finding(
        "hidden_dissatisfaction",
        words,
        float(hidden.height),
        None,
        None,
        flags["company_id"].n_unique(),
        "",
    )

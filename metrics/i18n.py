"""English and Swedish: every user-facing text by key, and numbers and dates formatted by Babel.

`TEXT` maps a key to its (English, Swedish) pair. `tr()` raises `KeyError` on an unknown key, so a
missing translation fails loudly in tests instead of showing a raw key to a board. Numbers go through
Babel's CLDR data (Swedish: decimal comma, a space between thousands), never hand-written formats.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

Lang = Literal["en", "sv"]
LANGS: tuple[Lang, ...] = ("en", "sv")
LOCALES = {"en": "en_GB", "sv": "sv_SE"}
LANGUAGE_NAMES = {"en": "English", "sv": "Svenska"}


def lang_of(value: str | None) -> Lang:
    """A language code from a URL or flag; anything unknown is English."""
    return "sv" if str(value or "").lower().startswith("sv") else "en"


def tr(key: str, lang: str, /, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled in."""
    en, sv = TEXT[key]
    text = sv if lang == "sv" else en
    return text.format(**values) if values else text


def num(value: float | None, lang: str, digits: int = 1, sign: bool = False) -> str:
    """A number as the language writes it (Swedish: decimal comma, space between thousands)."""
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    if sign:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "en_GB"))


def integer(value: int | float | None, lang: str) -> str:
    return num(value, lang, 0)


def percent(value: float | None, lang: str) -> str:
    """A share (0.25) as a percentage in the language's own pattern ("25%" / "25 %")."""
    if value is None or value != value:
        return "–"
    return format_percent(value, locale=LOCALES.get(lang, "en_GB"))


def date(day: dt.date, lang: str) -> str:
    """A date in words: "23 November 2026" / "23 november 2026"."""
    return format_date(day, format="long", locale=LOCALES.get(lang, "en_GB"))


def interval(low: float | None, high: float | None, lang: str, digits: int = 2) -> str:
    return tr("interval", lang, low=num(low, lang, digits), high=num(high, lang, digits))


# fmt: off
TEXT: dict[str, tuple[str, str]] = {
    # --- general -------------------------------------------------------------------------------
    "app.tagline": ("Does good customer service pay? Benchmarks with their margins of error.",
                    "Lönar sig god service? Jämförelser med sina felmarginaler."),
    "interval": ("{low} to {high}", "{low} till {high}"),
    "source": ("Source: {dataset}. Service Mirror.", "Källa: {dataset}. Service Mirror."),
    "source.extra": ("Source: {dataset}. Service Mirror; {extra}.", "Källa: {dataset}. Service Mirror; {extra}."),
    "not_measured": ("not measured", "ej mätt"),
    "sample.name": ("Sample benchmark (fictional companies)", "Exempeldata (påhittade företag)"),
    "wave": ("wave", "mätning"),
    # --- charts -----------------------------------------------------------------------------------
    "chart.ranking_hover": ("<b>%{y}</b><br>Score %{x:.1f} ± %{customdata[4]:.1f}<br>n = %{customdata[3]:,}<br>Tie group %{customdata[1]}<br>Change %{customdata[2]:+.1f}<extra></extra>",
                            "<b>%{y}</b><br>Betyg %{x:.1f} ± %{customdata[4]:.1f}<br>n = %{customdata[3]:,}<br>Delad placering %{customdata[1]}<br>Förändring %{customdata[2]:+.1f}<extra></extra>"),
    "chart.score_axis": ("Score (0–100) with 95% interval", "Betyg (0–100) med 95 % intervall"),
    "chart.score_axis_short": ("Score (0–100)", "Betyg (0–100)"),
    "chart.rank_hover": ("%{x}: rank %{y}<extra></extra>", "%{x}: plats %{y}<extra></extra>"),
    "chart.rank_axis": ("Rank (1 = best)", "Placering (1 = bäst)"),
    "chart.industry_rank_axis": ("Rank in industry (1 = best)", "Placering i branschen (1 = bäst)"),
    "chart.trend": ("Trend (OLS)", "Trend (MK-skattning)"),
    "chart.trail": ("Trail", "Spår"),
    "chart.play": ("Play", "Spela"),
    "chart.pause": ("Pause", "Paus"),
    "chart.year": ("Year", "År"),
    "chart.quartile_hover": ("<b>%{y}</b><br>Difference %{x:.2f}<br>Top quartile median %{customdata[0]:.2f} (n %{customdata[2]})<br>Bottom quartile median %{customdata[1]:.2f} (n %{customdata[3]})<extra></extra>",
                             "<b>%{y}</b><br>Skillnad %{x:.2f}<br>Median i översta kvartilen %{customdata[0]:.2f} (n %{customdata[2]})<br>Median i nedersta kvartilen %{customdata[1]:.2f} (n %{customdata[3]})<extra></extra>"),
    "chart.quartile_axis": ("Top − bottom quartile (median, in each metric's units)",
                            "Översta − nedersta kvartilen (median, i varje måtts enhet)"),
    "chart.service_axis": ("Service score", "Servicebetyg"),
    "chart.transition_hover": ("From %{y}<br>to %{x}: %{z} moves<extra></extra>",
                               "Från %{y}<br>till %{x}: %{z} förflyttningar<extra></extra>"),
    "chart.to_axis": ("To (next wave)", "Till (nästa mätning)"),
    "chart.from_axis": ("From", "Från"),
    "chart.interval95": ("95% interval", "95 % intervall"),
    "chart.company": ("Company", "Företaget"),
    "chart.industry": ("Industry", "Branschen"),
    "chart.peers": ("Peers (excl.)", "Konkurrenter (exkl.)"),
    "chart.industry_median": ("Industry median", "Branschens median"),
    "chart.score_hover": ("%{x}: %{y:.1f} ± %{customdata[1]:.1f} (n = %{customdata[0]})<extra></extra>",
                          "%{x}: %{y:.1f} ± %{customdata[1]:.1f} (n = %{customdata[0]})<extra></extra>"),
    "chart.industry_hover": ("Industry %{x}: %{y:.1f}<extra></extra>", "Branschen %{x}: %{y:.1f}<extra></extra>"),
    "chart.vs_best": ("vs best", "mot bästa"),
    "chart.moment_hover": ("%{y}, %{x}: %{z:.1f} points from the industry's best<extra></extra>",
                           "%{y}, %{x}: %{z:.1f} poäng från branschens bästa<extra></extra>"),
    "chart.ip_hover": ("<b>%{text}</b><br>Importance r = %{x:.2f}<br>Score %{customdata[0]:.1f}; industry best %{customdata[1]:.1f}, mean %{customdata[2]:.1f}<extra></extra>",
                       "<b>%{text}</b><br>Vikt r = %{x:.2f}<br>Betyg %{customdata[0]:.1f}; branschens bästa %{customdata[1]:.1f}, medel %{customdata[2]:.1f}<extra></extra>"),
    "chart.importance_axis": ("Importance: correlation with the total score", "Vikt: korrelation med totalbetyget"),
    "chart.behind_axis": ("Points behind the industry's best", "Poäng efter branschens bästa"),
    "chart.rating": ("Rating", "Betyg"),
    "chart.rating_hover": ("Rating %{x}: %{y:.1f}%<extra></extra>", "Betyg %{x}: %{y:.1f} %<extra></extra>"),
    "chart.industry_rating_hover": ("Industry, rating %{x}: %{y:.1f}%<extra></extra>",
                                    "Branschen, betyg %{x}: %{y:.1f} %<extra></extra>"),
    "chart.share_axis": ("Share of respondents (%)", "Andel svarande (%)"),
    "quadrant.mirror_high": ("Good service, attractive employer", "God service, attraktiv arbetsgivare"),
    "quadrant.service_only": ("Good service only", "Endast god service"),
    "quadrant.employer_only": ("Attractive employer only", "Endast attraktiv arbetsgivare"),
    "quadrant.mirror_low": ("Neither", "Ingetdera"),
    "strength.negligible": ("negligible", "försumbart"),
    "strength.weak": ("weak", "svagt"),
    "strength.moderate": ("moderate", "måttligt"),
    "strength.strong": ("strong", "starkt"),
    "strength.unclear": ("no clear", "inget tydligt"),
    "strength.insufficient": ("too little data for a", "för lite data för ett"),
    # --- board pack ---------------------------------------------------------------------------------
    "pack.title": ("Service Mirror board pack", "Service Mirror – styrelseunderlag"),
    "pack.title_sub": ("{dataset} · wave {year} · {date}", "{dataset} · mätning {year} · {date}"),
    "pack.ours": ("our company: {name}", "vårt företag: {name}"),
    "pack.title_notes": ("Prepared with Service Mirror. {source}", "Framtaget med Service Mirror. {source}"),
    "pack.missing": ("The board pack needs the {tables} table(s), which this dataset does not have.", "Styrelseunderlaget behöver tabellen/tabellerna {tables}, som datamängden saknar."),
    "pack.no_wave": ("The dataset has no published wave to report.", "Datamängden har ingen publicerad mätning att rapportera."),
    "pack.unknown_company": ("No company with the id '{company}' in this dataset.", "Inget företag med id '{company}' i datamängden."),
    "pack.bad_suffix": ("The board pack is written as .pptx or .pdf, not {suffix}.", "Styrelseunderlaget skrivs som .pptx eller .pdf, inte {suffix}."),
    "pack.findings": ("Key findings", "Viktigaste resultaten"),
    "pack.findings_sub": ("Wave {year}; every figure with its 95% interval and n", "Mätning {year}; varje siffra med sitt 95 %-intervall och n"),
    "pack.findings_notes": ("Each finding is computed from the data; intervals are 95% company-cluster bootstrap intervals. When an interval includes zero the finding says there is no clear link. Associations are not proof of cause.",
                            "Varje resultat är beräknat ur data; intervallen är 95 % bootstrapintervall med företaget som kluster. När ett intervall omfattar noll säger resultatet att det inte finns något tydligt samband. Samband är inte bevis för orsak."),
    "pack.ranking": ("Industry ranking {year}", "Branschranking {year}"),
    "pack.ranking_sub": ("{n} industries · {respondents} respondents · {metric}, weighted by respondents · 95% intervals",
                         "{n} branscher · {respondents} svarande · {metric}, viktat efter svarande · 95 %-intervall"),
    "pack.ranking_notes": ("Industry score = mean of its companies' scores weighted by respondents; the interval is ±1.96 standard errors. Industries whose intervals overlap the leader of their tie group are not significantly different. {source}",
                           "Branschens betyg = medelvärdet av företagens betyg viktat efter antal svarande; intervallet är ±1,96 standardfel. Branscher vars intervall överlappar sin grupps ledare skiljer sig inte signifikant. {source}"),
    "pack.history": ("Rank history", "Placering över tid"),
    "pack.history_sub": ("Top three, bottom three and the chosen industry · 1 = best of {n} · gaps = no wave",
                         "De tre främsta, de tre sista och vald bransch · 1 = bäst av {n} · luckor = ingen mätning"),
    "pack.history_notes": ("Ranks per published wave; cancelled waves are left as gaps, never bridged. {source}",
                           "Placering per publicerad mätning; inställda mätningar lämnas som luckor. {source}"),
    "pack.too_few": ("too few companies for a correlation", "för få företag för en korrelation"),
    "pack.relation_sub": ("r = {r} (95% CI {ci}), n = {n}: {strength} link", "r = {r} (95 % KI {ci}), n = {n}: {strength} samband"),
    "pack.all_years": ("over all years", "över alla år"),
    "pack.commercial": ("Service and {outcome}", "Service och {outcome}"),
    "pack.commercial_notes": ("Company level, pooled over all published waves; monopolies and public authorities are excluded because they do not compete for customers. Interval: company-cluster bootstrap. Association, not proof of cause. {source}",
                              "Företagsnivå, alla publicerade mätningar; monopol och myndigheter är undantagna eftersom de inte konkurrerar om kunder. Intervall: bootstrap med företaget som kluster. Samband, inte bevis för orsak. {source}"),
    "pack.mirror": ("The Satisfaction Mirror: service and eNPS", "Nöjdhetsspegeln: service och eNPS"),
    "pack.medians": ("split at the medians", "delat vid medianerna"),
    "pack.mirror_notes": ("Quadrants split at the medians of the wave. Top right: good service and an attractive employer. The correlation is over all years. {source}",
                          "Kvadranterna delas vid mätningens medianer. Uppe till höger: god service och attraktiv arbetsgivare. Korrelationen avser alla år. {source}"),
    "pack.company": ("{name} · {industry}", "{name} · {industry}"),
    "pack.company_sub": ("Score over time with its 95% band; dotted = industry", "Betyg över tid med 95 %-band; prickat = branschen"),
    "pack.company_example": ("No company was chosen: the top company is shown as an example", "Inget företag valt: det främsta företaget visas som exempel"),
    "pack.company_score": ("Score {year}: {score} ± {margin} (n = {n})", "Betyg {year}: {score} ± {margin} (n = {n})"),
    "pack.company_rank": ("Rank in its industry: {rank} of {of}", "Placering i branschen: {rank} av {of}"),
    "pack.company_peers": ("Against peers (excluding itself): {gap} points", "Mot konkurrenterna (exklusive sig själv): {gap} poäng"),
    "pack.company_notes": ("The band is the 95% interval of the company's score (±1.96·sd/√n). {source}",
                           "Bandet är 95 %-intervallet för företagets betyg (±1,96·sd/√n). {source}"),
    "pack.methods": ("Methods and sources", "Metod och källor"),
    "pack.method_1": ("Scores are means of 0–100 ratings; \"don't know\" answers are left out.", "Betygen är medelvärden av betyg 0–100; \"vet ej\" räknas inte."),
    "pack.method_2": ("95% intervals: ±1.96 standard errors for scores, company-cluster bootstrap for correlations.", "95 %-intervall: ±1,96 standardfel för betyg, bootstrap med företaget som kluster för korrelationer."),
    "pack.method_3": ("A change is called significant when it exceeds 1.96·√(se₁² + se₂²).", "En förändring kallas signifikant när den överstiger 1,96·√(se₁² + se₂²)."),
    "pack.method_4": ("Fewer than 50 respondents is a low base: read such scores with care.", "Färre än 50 svarande är en låg bas: läs sådana betyg med försiktighet."),
    "pack.method_5": ("Monopolies and public authorities are left out of commercial relations.", "Monopol och myndigheter ingår inte i sambanden med lönsamhet."),
    "pack.method_6": ("Associations are not proof of cause: companies differ in many ways at once.", "Samband är inte bevis för orsak: företagen skiljer sig åt på många sätt samtidigt."),
    "pack.method_source": ("Data: {dataset}, published waves up to {year}. Definitions are in the speaker notes.", "Data: {dataset}, publicerade mätningar till och med {year}. Definitionerna finns i talaranteckningarna."),
    "pack.method_anonymised": ("Company names other than ours are replaced by stable labels (e.g. \"Bank A\").", "Andra företagsnamn än vårt är ersatta med fasta beteckningar (t.ex. \"Bank A\")."),
    "pack.definitions": ("Definitions:", "Definitioner:"),
    # --- navigation, sidebar ------------------------------------------------------------------------
    "nav.overview": ("Overview", "Översikt"),
    "nav.rankings": ("Industry rankings", "Branschranking"),
    "nav.commercial": ("Service & commercial performance", "Service och lönsamhet"),
    "nav.mirror": ("The Satisfaction Mirror", "Nöjdhetsspegeln"),
    "nav.company": ("Company profile", "Företagsprofil"),
    "nav.data": ("Data", "Data"),
    "nav.present": ("Presentation", "Presentation"),
    "filters.anonymise": ("Anonymise names", "Anonymisera namn"),
    "filters.anonymise_help": ("Replace every company name but ours by a stable label such as \"Bank A\" — on screen, in downloads and in the board pack.",
                               "Ersätt alla företagsnamn utom vårt med en fast beteckning som \"Bank A\" – på skärmen, i nedladdningar och i styrelseunderlaget."),
    "access.sign_in_needed": ("This dashboard shows confidential benchmark data. Please sign in.",
                              "Den här instrumentpanelen visar konfidentiella jämförelsedata. Logga in."),
    "access.sign_in": ("Sign in", "Logga in"),
    "access.sign_out": ("Sign out", "Logga ut"),
    "access.password": ("Password", "Lösenord"),
    "access.enter": ("Enter", "Gå in"),
    "access.wrong_password": ("That password is not right.", "Lösenordet stämmer inte."),
    "access.not_allowed": ("You do not have access to that dataset; showing the sample instead.",
                           "Du har inte tillgång till den datamängden; exempeldata visas i stället."),
    "filters.dataset": ("Dataset", "Datamängd"),
    "filters.dataset_help": ("The datasets listed in datasets.toml: folders, files or a database.",
                             "Datamängderna i datasets.toml: mappar, filer eller en databas."),
    "filters.dataset_failed": ("{name} cannot be used: {problem}. Showing the sample instead; other datasets still work.",
                               "{name} kan inte användas: {problem}. Exempeldata visas i stället; andra datamängder fungerar."),
    "filters.catalogue_problem": ("datasets.toml cannot be used: {problem}", "datasets.toml kan inte användas: {problem}"),
    "filters.read_at": ("Read at {time}; kept {ttl} min", "Läst {time}; sparas {ttl} min"),
    "filters.refresh": ("Refresh", "Läs om"),
    "filters.present": ("Presentation mode", "Presentationsläge"),
    "filters.present_help": ("For the projector: no sidebar, larger type, the board pack's views one per screen.",
                             "För projektorn: ingen sidopanel, större text, styrelseunderlagets vyer en i taget."),
    "filters.bad_link": ("The link asked for {key} = {value}, which this dataset does not have; showing the default instead.",
                         "Länken bad om {key} = {value}, som inte finns i datamängden; standardvalet visas i stället."),
    "filters.wave": ("Wave", "Mätning"),
    "filters.wave_help": ("Survey year (cancelled waves are not listed).", "Mätår (inställda mätningar visas inte)."),
    "filters.metric": ("Service metric", "Servicemått"),
    "filters.industries": ("Industries", "Branscher"),
    "filters.all_industries": ("All industries", "Alla branscher"),
    "filters.company": ("Our company", "Vårt företag"),
    "filters.company_placeholder": ("Search for a company…", "Sök efter ett företag…"),
    "filters.company_help": ("Type to search. The overview, the company profile and the board pack follow this choice.",
                             "Skriv för att söka. Översikten, företagsprofilen och styrelseunderlaget följer valet."),
    "filters.highlight": ("Highlighted companies", "Markerade företag"),
    "filters.highlight_placeholder": ("Select points in a chart, or pick here", "Markera punkter i ett diagram, eller välj här"),
    "filters.highlight_help": ("Selecting points in a chart (click, box or lasso) highlights them on every page.",
                               "Markerade punkter i ett diagram (klick, ruta eller lasso) framhävs på alla sidor."),
    "state.dataset": ("Dataset: {name}", "Datamängd: {name}"),
    "state.kept": ("the latest read failed ({problem}); still showing the version read at {time}",
                   "den senaste läsningen misslyckades ({problem}); visar fortfarande versionen läst {time}"),
    "state.sample": ("the bundled sample", "medföljande exempeldata"),
    "state.upload": ("your upload", "din uppladdning"),
    "state.errors": ("⚠ {n} errors in the validation report", "⚠ {n} fel i valideringsrapporten"),
    # --- shared pieces ------------------------------------------------------------------------------
    "ui.view": ("View", "Visa"),
    "ui.chart": ("Chart", "Diagram"),
    "ui.table": ("Table", "Tabell"),
    "ui.download": ("Download", "Ladda ned"),
    "ui.download_png": ("Image (PNG)", "Bild (PNG)"),
    "ui.download_svg": ("Vector image (SVG)", "Vektorbild (SVG)"),
    "ui.download_csv": ("Data (CSV)", "Data (CSV)"),
    "ui.download_xlsx": ("Data (Excel)", "Data (Excel)"),
    "ui.board_pack": ("Board pack", "Styrelseunderlag"),
    "ui.board_pack_help": ("A 16:9 deck of the current view: key findings, rankings, service and profitability, the Satisfaction Mirror, our company, methods and sources (in the speaker notes).",
                           "En 16:9-presentation av aktuell vy: viktigaste resultat, ranking, service och lönsamhet, Nöjdhetsspegeln, vårt företag, metod och källor (i talaranteckningarna)."),
    "ui.pack_pptx": ("PowerPoint", "PowerPoint"),
    "ui.pack_pdf": ("PDF", "PDF"),
    "ui.no_data": ("No dataset to show yet: the Data page says what is missing.", "Ingen datamängd att visa ännu: sidan Data berättar vad som saknas."),
    "ui.needs": ("This view needs the {tables} table(s), which this dataset does not have. Add it on the Data page (see the data dictionary there); the service pages work without it.",
                 "Vyn behöver tabellen/tabellerna {tables}, som datamängden saknar. Lägg till på sidan Data (se dataordlistan där); servicesidorna fungerar utan."),
    "label.industry": ("Industry", "Bransch"),
    "kpi.rank_in_industry": ("Rank in industry", "Placering i branschen"),
    "kpi.rank_of": ("{rank} of {of}", "{rank} av {of}"),
    "kpi.places": ("{n} places", "{n} placeringar"),
    "kpi.vs_peers": ("Against peers (excl. itself)", "Mot konkurrenterna (exkl. sig själv)"),
    # --- overview -----------------------------------------------------------------------------------
    "overview.caption": ("{dataset} · wave {year} · metric: {metric}", "{dataset} · mätning {year} · mått: {metric}"),
    "overview.since": ("{change} since {year}", "{change} sedan {year}"),
    "overview.significant": ("significant", "signifikant"),
    "overview.within_margin": ("within the margin", "inom felmarginalen"),
    "overview.score_help": ("± {margin} (95%), n = {n}. Change is {sig}.", "± {margin} (95 %), n = {n}. Förändringen är {sig}."),
    "overview.change_is": ("Change is", "Förändringen är"),
    "overview.first_wave": ("first wave", "första mätningen"),
    "overview.top_industry": ("Top industry: {name}", "Bästa bransch: {name}"),
    "overview.bottom_industry": ("Bottom industry: {name}", "Sämsta bransch: {name}"),
    "overview.margin_help": ("± {margin} (95%)", "± {margin} (95 %)"),
    "overview.companies_measured": ("Companies measured", "Mätta företag"),
    "overview.movers": ("Significant industry movers", "Branscher med signifikant förändring"),
    "overview.choose_company": ("Choose “Our company” in the sidebar to see its own figures here.", "Välj ”Vårt företag” i sidopanelen för att se dess siffror här."),
    "overview.industries": ("Industries", "Branscher"),
    "overview.industries_sub": ("{year} · {n} industries · 95% intervals", "{year} · {n} branscher · 95 %-intervall"),
    "overview.service_margin": ("Service and margin", "Service och marginal"),
    "overview.service_margin_sub": ("{year} · trend over all years r = {r}, n = {n}", "{year} · trend över alla år r = {r}, n = {n}"),
    "overview.no_commercial": ("Add a commercial table to relate service to margins and growth.", "Lägg till en tabell med lönsamhet för att jämföra service med marginal och tillväxt."),
    "overview.history_sub": ("Score with 95% band · {n} waves", "Betyg med 95 %-band · {n} mätningar"),
    "overview.bottom_three": ("Bottom three: rank over time", "De tre sista: placering över tid"),
    "overview.bottom_three_sub": ("of {n} industries · gaps = no wave", "av {n} branscher · luckor = ingen mätning"),
    # --- rankings -----------------------------------------------------------------------------------
    "rankings.weighting": ("Industry score", "Branschbetyg"),
    "rankings.weighting_respondents": ("Weighted by respondents", "Viktat efter svarande"),
    "rankings.weighting_equal": ("Mean of companies", "Medel av företagen"),
    "rankings.weighting_revenue": ("Weighted by revenue (as ACSI)", "Viktat efter omsättning (som ACSI)"),
    "rankings.no_revenue": ("Revenue weighting needs the commercial table; showing respondent weights instead.",
                            "Viktning efter omsättning kräver tabellen med lönsamhet; viktning efter svarande visas i stället."),
    "rankings.ties": ("Bars in the same shade are tied within the margin of error ({tied} of {n} industries share a tie group); ▲/▼ mark significant changes since the previous published wave.",
                      "Staplar i samma nyans är lika inom felmarginalen ({tied} av {n} branscher delar placering); ▲/▼ visar signifikanta förändringar sedan förra publicerade mätningen."),
    "rankings.sub": ("{n} industries · {respondents} respondents · 95% intervals", "{n} branscher · {respondents} svarande · 95 %-intervall"),
    "rankings.all_waves": ("Rank across all waves", "Placering i alla mätningar"),
    "rankings.history_sub": ("1 = best · shaded waves were not measured (no line drawn)", "1 = bäst · skuggade år mättes inte (ingen linje dras)"),
    "rankings.side_by_side": ("Years side by side", "År för år"),
    "rankings.nm": ("NM", "EM"),
    "rankings.nm_caption": ("NM = not measured. Changes are in per cent of the earlier score, as ACSI reports them.",
                            "EM = ej mätt. Förändringar i procent av det tidigare betyget, som ACSI redovisar dem."),
    "rankings.delta_previous": ("Δ% previous wave", "Δ% föregående mätning"),
    "rankings.delta_first": ("Δ% first wave", "Δ% första mätningen"),
    "rankings.within": ("Companies within an industry", "Företagen inom en bransch"),
    "rankings.companies_sub": ("{n} companies · top three nominated · {low} with a low base (n < 50)",
                               "{n} företag · de tre främsta nominerade · {low} med låg bas (n < 50)"),
    # --- commercial ---------------------------------------------------------------------------------
    "commercial.metric": ("Commercial metric", "Lönsamhetsmått"),
    "commercial.compare": ("Compare", "Jämför"),
    "commercial.mode_pooled": ("All years pooled", "Alla år tillsammans"),
    "commercial.mode_per_year": ("Year by year", "År för år"),
    "commercial.mode_within_industry": ("Within industries (z-scores)", "Inom branscher (z-värden)"),
    "commercial.lag": ("Service this year vs performance next year (t → t+1)", "Service i år mot resultat nästa år (t → t+1)"),
    "commercial.monopolies": ("Include monopolies and public authorities", "Ta med monopol och myndigheter"),
    "commercial.animate": ("Animate over the years (play, with trails for highlighted companies)", "Animera över åren (spela, med spår för markerade företag)"),
    "commercial.x_within": ("Service (z within industry and year)", "Service (z inom bransch och år)"),
    "commercial.x": ("Service: {metric}", "Service: {metric}"),
    "commercial.next_year": (" next year", " nästa år"),
    "commercial.monopolies_included": ("monopolies and authorities included", "monopol och myndigheter medräknade"),
    "commercial.monopolies_excluded": ("monopolies and authorities excluded", "monopol och myndigheter undantagna"),
    "commercial.subtitle": ("r = {r} (95% CI {ci}), n = {n} company-years from {clusters} companies · {strength} link · slope {slope}",
                            "r = {r} (95 % KI {ci}), n = {n} företagsår från {clusters} företag · {strength} samband · lutning {slope}"),
    "commercial.too_few": ("Too few companies with both values for a correlation.", "För få företag med båda värdena för en korrelation."),
    "commercial.caption": ("Bubble size = revenue; colour = industry. Select points (click, box or lasso) to highlight those companies on every page. The interval comes from resampling whole companies, because one company over many years is not many independent observations. Association is not causation.",
                           "Bubblans storlek = omsättning; färg = bransch. Markera punkter (klick, ruta eller lasso) för att framhäva företagen på alla sidor. Intervallet kommer från omsampling av hela företag, eftersom ett företag under många år inte är många oberoende observationer. Samband är inte orsak."),
    "commercial.quartiles": ("Top vs bottom service quartile", "Översta mot nedersta servicekvartilen"),
    "commercial.quartiles_title": ("Median difference, top minus bottom quartile", "Skillnad i median, översta minus nedersta kvartilen"),
    "commercial.quartiles_sub": ("95% bootstrap intervals; grey = cannot be told from zero", "95 % bootstrapintervall; grått = kan inte skiljas från noll"),
    "commercial.which_way": ("Which way does it run?", "Åt vilket håll går sambandet?"),
    "commercial.direction": ("Direction", "Riktning"),
    "commercial.same_year": ("Same year", "Samma år"),
    "commercial.service_leads": ("Service leads (t → t+1)", "Service först (t → t+1)"),
    "commercial.outcome_leads": ("Performance leads (t → t+1)", "Resultat först (t → t+1)"),
    "commercial.which_way_caption": ("If service leads more strongly than performance leads, the timing fits the service-profit chain. Overlapping intervals mean the data cannot tell which way it runs.",
                                     "Om service före resultat är starkare än resultat före service passar tidsordningen med service-profit-kedjan. Överlappande intervall betyder att data inte kan avgöra riktningen."),
    # --- mirror -------------------------------------------------------------------------------------
    "mirror.metric": ("Employer metric", "Arbetsgivarmått"),
    "mirror.title": ("Service and {metric}", "Service och {metric}"),
    "mirror.caption": ("Top right: good service and an attractive employer — the Satisfaction Mirror.", "Uppe till höger: god service och en attraktiv arbetsgivare – Nöjdhetsspegeln."),
    "mirror.reversed": ("For ranks and turnover lower is better, so the axis is turned: better is still up.", "För placering och personalomsättning är lägre bättre, så axeln är vänd: bättre är fortfarande uppåt."),
    "mirror.movement": ("Movement between waves", "Förflyttning mellan mätningar"),
    "mirror.movement_title": ("From one wave to the next", "Från en mätning till nästa"),
    "mirror.movement_sub": ("Company moves between quadrants, all waves", "Företagens förflyttningar mellan kvadranter, alla mätningar"),
    "mirror.together": ("Customer, employer and commercial metrics together", "Kund-, arbetsgivar- och lönsamhetsmått tillsammans"),
    "mirror.matrix_title": ("Correlations (Pearson r) with n per cell", "Korrelationer (Pearsons r) med n per ruta"),
    "mirror.matrix_sub": ("Same company and year; monopolies and authorities excluded", "Samma företag och år; monopol och myndigheter undantagna"),
    # --- company ------------------------------------------------------------------------------------
    "company.example": ("Showing {name}, the top company of {year}. Search for yours under “Our company” in the sidebar.",
                        "Visar {name}, det främsta företaget {year}. Sök efter ert under ”Vårt företag” i sidopanelen."),
    "company.score": ("Score", "Betyg"),
    "company.margin": ("Margin of error (95%)", "Felmarginal (95 %)"),
    "company.low_base": (" — a low base (under 50 respondents)", " – låg bas (under 50 svarande)"),
    "company.not_measured": ("{name} was not measured in {year}.", "{name} mättes inte {year}."),
    "company.score_history": ("Score over time", "Betyg över tid"),
    "company.score_history_sub": ("95% band; dotted = industry; no line where nothing was measured", "95 %-band; prickat = branschen; ingen linje där inget mättes"),
    "company.rank_sub": ("1 = best", "1 = bäst"),
    "company.fix_first": ("Which business moment to fix first", "Vilket affärsmoment som ska åtgärdas först"),
    "company.no_moments": ("This dataset has no business-moment scores (metrics named moment_…).", "Datamängden har inga betyg för affärsmoment (mått som heter moment_…)."),
    "company.moments_title": ("Business moments against the industry's best", "Affärsmoment mot branschens bästa"),
    "company.moments_sub": ("Points behind the best company of the industry, per wave", "Poäng efter branschens bästa företag, per mätning"),
    "company.ip_title": ("Importance and performance", "Vikt och prestation"),
    "company.ip_sub": ("{year} · top right = important and far behind: start there", "{year} · uppe till höger = viktigt och långt efter: börja där"),
    "company.start_with": ("**Start with {moment}**: {gap} points behind the industry's best, and it goes closely with the total score (r = {r}).",
                           "**Börja med {moment}**: {gap} poäng efter branschens bästa, och det hänger nära samman med totalbetyget (r = {r})."),
    "company.vs_peers": ("Commercial and employer metrics against peers", "Lönsamhets- och arbetsgivarmått mot konkurrenterna"),
    "company.against_industry": ("Against its industry", "Mot branschen"),
    "company.against_industry_sub": ("{year}; peers exclude the company itself", "{year}; konkurrenterna exklusive företaget självt"),
    "company.no_figures": ("No commercial or employer figures for this company and wave.", "Inga lönsamhets- eller arbetsgivarsiffror för företaget och mätningen."),
    "company.ratings": ("How its customers rate it", "Hur kunderna betygsätter det"),
    "company.no_responses": ("Rating distributions need respondent-level data (a responses table).", "Betygsfördelningar kräver svar på individnivå (en tabell med svar)."),
    "company.distribution": ("Rating distribution", "Betygsfördelning"),
    "company.distribution_sub": ("{year}; red = the bottom two boxes", "{year}; rött = de två lägsta betygen"),
    "company.hidden": ("Hidden dissatisfaction: the mean ({mean}) is at or above the industry median ({median}), yet {share}% of respondents are in the two lowest boxes — among the top tenth of all companies ({threshold}% or more). A fine average hides a large, very unhappy minority.",
                       "Dolt missnöje: medelvärdet ({mean}) ligger på eller över branschens median ({median}), men {share} % av de svarande ger de två lägsta betygen – bland den högsta tiondelen av alla företag ({threshold} % eller mer). Ett fint medelvärde döljer en stor, mycket missnöjd minoritet."),
    "company.not_hidden": ("{share}% of respondents are in the two lowest boxes (polarisation {polarisation} on a 0–1 scale): no hidden-dissatisfaction flag.",
                           "{share} % av de svarande ger de två lägsta betygen (polarisering {polarisation} på en skala 0–1): ingen flagga för dolt missnöje."),
    # --- presentation -------------------------------------------------------------------------------
    "present.building": ("Preparing the slides…", "Förbereder bilderna…"),
    "present.previous": ("Previous", "Föregående"),
    "present.next": ("Next", "Nästa"),
    "present.position": ("Slide {number} of {count}", "Bild {number} av {count}"),
    "present.exit": ("Exit", "Avsluta"),
    "present.full": ("Full screen", "Helskärm"),
    "present.notes": ("Speaker notes: sources and definitions", "Talaranteckningar: källor och definitioner"),
    # --- data page ----------------------------------------------------------------------------------
    "data.dataset": ("Dataset: {name} (from {source})", "Datamängd: {name} (från {source})"),
    "data.unusable": ("This dataset cannot be shown: it needs a companies table and service scores (or responses). The validation report below says what is missing or wrong.",
                      "Datamängden kan inte visas: den behöver en företagstabell och servicebetyg (eller svar). Valideringsrapporten nedan säger vad som saknas eller är fel."),
    "data.left_out": ("Part of this dataset is left out because of errors:", "En del av datamängden är utelämnad på grund av fel:"),
    "data.fact_companies": ("Companies", "Företag"),
    "data.fact_industries": ("Industries", "Branscher"),
    "data.fact_published_waves": ("Published waves", "Publicerade mätningar"),
    "data.fact_scores": ("Scores", "Betyg"),
    "data.fact_responses": ("Responses", "Svar"),
    "data.tab_tables": ("Tables", "Tabeller"),
    "data.tab_report": ("Validation report", "Valideringsrapport"),
    "data.tab_upload": ("Upload your data", "Ladda upp egna data"),
    "data.tab_definitions": ("Definitions and caveats", "Definitioner och förbehåll"),
    "data.tab_dictionary": ("Data dictionary", "Dataordlista"),
    "data.show_table": ("Show table", "Visa tabell"),
    "data.preview": ("{rows} rows × {columns} columns; first 1,000 rows shown.", "{rows} rader × {columns} kolumner; de första 1 000 raderna visas."),
    "data.no_problems": ("No problems found.", "Inga problem hittades."),
    "data.by_kind": ("By kind", "Per slag"),
    "data.every_problem": ("Every problem", "Alla problem"),
    "data.severity": ("Severity", "Allvarlighet"),
    "data.download_report": ("Download the full report (CSV)", "Ladda ned hela rapporten (CSV)"),
    "data.upload_help": ("Upload your own benchmark: CSV files (one per table, named after it), one Excel workbook (a sheet per table), one wide file (a row per company and year), Parquet, or a zip of a folder. Swedish headers, `;` separators, decimal commas and Windows encodings are fine. The data stays in your session only.",
                         "Ladda upp egna jämförelsedata: CSV-filer (en per tabell, namngivna efter den), en Excel-arbetsbok (ett blad per tabell), en bred fil (en rad per företag och år), Parquet eller en zip av en mapp. Svenska rubriker, `;` som avgränsare, decimalkomma och Windows-teckenkodning går bra. Data stannar i din session."),
    "data.files": ("Dataset files", "Datafiler"),
    "data.reading": ("Reading and validating your files…", "Läser och validerar dina filer…"),
    "data.dictionary_note": ("Generated from the schema module: every table, column, type, range and header alias the loader accepts.",
                             "Dataordlistan genereras ur schemamodulen och är på engelska: varje tabell, kolumn, typ, intervall och rubrik som inläsningen godtar."),
    "data.back_to_sample": ("Back to the bundled sample", "Tillbaka till exempeldata"),
    "data.caveats": ("""**Read every number with these in mind**

- **Association is not causation.** Companies with better service may have higher margins for many reasons at once; the app shows how things go together, never what causes what.
- **Links differ by industry and weaken for monopolies and public authorities**, which do not compete for customers. They are left out of commercial comparisons unless you switch them in.
- **A rank without its margin overstates differences.** Companies and industries whose scores differ by less than the margin of error are shown as tied. Below 50 respondents a score is a *low base*.
- **Cancelled waves are gaps.** Nothing is drawn across a wave that was not measured.
- **A mean can hide a split.** Look at the rating distribution and the share dissatisfied as well.""",
                     """**Läs varje siffra med detta i minnet**

- **Samband är inte orsak.** Företag med bättre service kan ha högre marginaler av många skäl samtidigt; appen visar hur saker hänger ihop, aldrig vad som orsakar vad.
- **Sambanden skiljer sig mellan branscher och är svagare för monopol och myndigheter**, som inte konkurrerar om kunder. De ingår inte i jämförelser med lönsamhet om du inte slår på dem.
- **En placering utan felmarginal överdriver skillnader.** Företag och branscher vars betyg skiljer sig mindre än felmarginalen visas som delad placering. Under 50 svarande är ett betyg en *låg bas*.
- **Inställda mätningar är luckor.** Inga linjer dras över en mätning som inte gjordes.
- **Ett medelvärde kan dölja en splittring.** Titta också på betygsfördelningen och andelen missnöjda."""),
    "data.sources": ("""**Methods.** Margin of error = 1.96·sd/√n. A change is significant when |Δ| > 1.96·√(se₁² + se₂²), or by more than 2 points where no sd is known (the SKI rule). Industry score = respondent-weighted mean of its companies by default. Correlations: Pearson and Spearman with Fisher-z intervals, and bootstrap intervals resampling whole companies. Peers' average excludes the company itself.
**Sources.** ServiceScore-style benchmark data as loaded (see Tables); the peers SKI/EPSI and ACSI publish comparable 0–100 indices. The bundled sample is fictional.""",
                     """**Metod.** Felmarginal = 1,96·sd/√n. En förändring är signifikant när |Δ| > 1,96·√(se₁² + se₂²), eller större än 2 poäng där sd saknas (SKI:s regel). Branschens betyg = företagens medel viktat efter svarande som standard. Korrelationer: Pearson och Spearman med Fisher-z-intervall, och bootstrapintervall som omsamplar hela företag. Konkurrenternas medel räknas utan företaget självt.
**Källor.** Jämförelsedata av ServiceScore-typ som de lästs in (se Tabeller); SKI/EPSI och ACSI publicerar jämförbara index 0–100. Exempeldata är påhittade."""),
    # --- validation report --------------------------------------------------------------------------
    "report.dataset": ("dataset", "datamängden"),
    "report.errors_one": ("{n} error", "{n} fel"),
    "report.errors_many": ("{n} errors", "{n} fel"),
    "report.in_tables_one": (" in {n} table", " i {n} tabell"),
    "report.in_tables_many": (" in {n} tables", " i {n} tabeller"),
    "report.warnings_one": ("{n} warning", "{n} varning"),
    "report.warnings_many": ("{n} warnings", "{n} varningar"),
    "report.valid": ("the dataset is valid", "datamängden är giltig"),
    "report.fix": ("fix the errors below", "rätta felen nedan"),
    "cli.dataset": ("Dataset: {path}", "Datamängd: {path}"),
    "cli.rows": ("  {table}: {n} rows", "  {table}: {n} rader"),
    "report.left_out": ("Left out of the analysis:", "Utelämnat ur analysen:"),
    "report.heading_error": ("ERRORS ({n})", "FEL ({n})"),
    "report.heading_warning": ("WARNINGS ({n})", "VARNINGAR ({n})"),
    "report.heading_note": ("NOTES ({n})", "NOTERINGAR ({n})"),
    "report.more": ("… and {n} more like this (the CSV report lists them)", "… och {n} till av samma slag (CSV-rapporten listar dem)"),
    "report.sheet": ("sheet '{sheet}'", "bladet '{sheet}'"),
    "report.row": ("row {row}", "rad {row}"),
    "report.column": ("column '{column}'", "kolumnen '{column}'"),
    "report.rows": (" ({n} rows)", " ({n} rader)"),
    "report.value": (" (value '{value}')", " (värde '{value}')"),
    "report.expected": ("; expected {expected}", "; väntat: {expected}"),
    # --- definitions of the default metrics (the speaker notes of the methods slide) -------------------
    "definition.servicescore": ("Perceived service, 0–100: everything beyond what you paid for. Rating rescaled as (rating − 1)/(scale points − 1)·100 and averaged over respondents.",
                                "Upplevd service, 0–100: allt utöver det man betalat för. Betyget räknas om som (betyg − 1)/(skalsteg − 1)·100 och medelvärdesbildas över de svarande."),
    "definition.revenue_growth_pct": ("Change in revenue from the previous fiscal year, % (consecutive years only).", "Förändring i omsättning från föregående räkenskapsår, % (endast på varandra följande år)."),
    "definition.ebit_margin_pct": ("Operating profit as % of revenue.", "Rörelseresultat i % av omsättningen."),
    "definition.roa_pct": ("Operating profit as % of total assets.", "Rörelseresultat i % av totala tillgångar."),
    "definition.revenue_msek": ("Net revenue, million SEK.", "Nettoomsättning, miljoner kronor."),
    "definition.enps": ("Employee Net Promoter Score: % 9–10 minus % 0–6 on 'would you recommend your workplace', −100..+100; +10..+30 counts as good.",
                        "Employee Net Promoter Score: andel 9–10 minus andel 0–6 på frågan om man skulle rekommendera sin arbetsplats, −100..+100; +10..+30 räknas som bra."),
    "definition.employer_rank": ("Position in an employer-attractiveness ranking; 1 is best.", "Placering i en ranking av attraktiva arbetsgivare; 1 är bäst."),
    "definition.employer_attractiveness": ("Employer attractiveness index among the general public or students, 0–100.", "Index för arbetsgivarattraktivitet bland allmänhet eller studenter, 0–100."),
    "definition.staff_turnover_pct": ("Share of staff leaving during the year, %.", "Andel anställda som slutar under året, %."),
    "definition.glassdoor_rating": ("Average employee review rating, 1–5 stars.", "Genomsnittligt betyg i medarbetarrecensioner, 1–5 stjärnor."),
    "definition.karriarforetag": ("1 if named a Karriärföretag (career company) that year, else 0.", "1 om företaget utsetts till Karriärföretag det året, annars 0."),
}
# fmt: on

"""The validation report in Swedish.

The loader writes its findings in English; this module turns each message and expectation into
Swedish by pattern (dynamic parts such as file names, values and limits are carried over as they
are). `translate()` returns the text unchanged when no pattern matches, and the test suite runs the
hostile-input corpus through it and fails on any message left in English.
"""

from __future__ import annotations

import re
from functools import cache

# (English pattern, Swedish template); groups are carried over as \1, \2 …
PATTERNS: list[tuple[str, str]] = [
    # reading files
    (r"the file is empty \(0 bytes\)", r"filen är tom (0 byte)"),
    (r"the file is empty", r"filen är tom"),
    (r"the file has no text in it", r"filen innehåller ingen text"),
    (r"the file has only a header row", r"filen har bara en rubrikrad"),
    (r"not a well-formed CSV file \((.*)\)", r"inte en korrekt CSV-fil (\1)"),
    (
        r"not a readable Parquet file \(truncated or damaged\)",
        r"inte en läsbar Parquet-fil (avkortad eller skadad)",
    ),
    (r"not a readable Excel workbook", r"inte en läsbar Excel-arbetsbok"),
    (
        r"the workbook expands to ([\d.,]+) MB; that looks like a zip bomb",
        r"arbetsboken packas upp till \1 MB; det ser ut som en zip-bomb",
    ),
    (r"an ordinary \.xlsx workbook", r"en vanlig .xlsx-arbetsbok"),
    (r"a date like (\S+) or (\S+)", r"ett datum som \1 eller \2"),
    (r"sheet '(.*)' cannot be read", r"bladet '\1' kan inte läsas"),
    (r"the file cannot be opened", r"filen kan inte öppnas"),
    (
        r"the file is ([\d.,]+) MB, over the limit of ([\d.,]+) MB",
        r"filen är \1 MB, över gränsen \2 MB",
    ),
    (
        r"the file is ([\d.,]+) MB, over the upload limit",
        r"filen är \1 MB, över gränsen för uppladdning",
    ),
    (
        r"the file is named \.csv but is an Excel workbook",
        r"filen heter .csv men är en Excel-arbetsbok",
    ),
    (r"the file is binary, not text", r"filen är binär, inte text"),
    (r"files ending in '(.*)' are not supported", r"filer som slutar på '\1' stöds inte"),
    (r"could not be read \((.*)\)", r"kunde inte läsas (\1)"),
    (r"the archive is refused: (.*)", r"arkivet avvisas: \1"),
    (r"read as (.*) text", r"läst som text i \1"),
    (r"hidden sheet; not read", r"dolt blad; läses inte"),
    (r"no such file or folder", r"filen eller mappen finns inte"),
    (
        r"the folder has no CSV, Parquet or Excel files",
        r"mappen har inga CSV-, Parquet- eller Excel-filer",
    ),
    # tables and columns
    (r"the column map's source '(.*)' was not found", r"kolumnkartans källa '\1' hittades inte"),
    (
        r"a second source for table '(.*)'; the first one is used",
        r"en andra källa för tabellen '\1'; den första används",
    ),
    (
        r"read as the wide form \(a row per company and year\)",
        r"läst som bred form (en rad per företag och år)",
    ),
    (
        r"not a table of the data model \(by its name\); ignored",
        r"inte en tabell i datamodellen (efter namnet); ignoreras",
    ),
    (
        r"missing column: the table cannot be used without it",
        r"kolumn saknas: tabellen kan inte användas utan den",
    ),
    (r"column not in the data model; ignored", r"kolumnen finns inte i datamodellen; ignoreras"),
    (
        r"two columns both mean '(.*)'; the second is ignored",
        r"två kolumner betyder båda '\1'; den andra ignoreras",
    ),
    (
        r"survey years missing from the waves table; taken as published",
        r"mätår saknas i tabellen waves; räknas som publicerade",
    ),
    (
        r"companies derived from ids have no industry; industry rankings are not available",
        r"företag härledda ur id saknar bransch; branschranking är inte möjlig",
    ),
    (
        r"companies derived from the ids the tables use",
        r"företag härledda ur de id som tabellerna använder",
    ),
    (
        r"([\d,\s]+) company scores computed from the responses",
        r"\1 företagsbetyg beräknade ur svaren",
    ),
    (r"no companies table found", r"ingen företagstabell hittades"),
    (r"no service scores found", r"inga servicebetyg hittades"),
    (
        r"nothing to show: a dataset needs a companies table and service scores \(or responses\)",
        r"inget att visa: en datamängd behöver en företagstabell och servicebetyg (eller svar)",
    ),
    # values
    (r"cannot be read as this column's type", r"kan inte läsas som kolumnens typ"),
    (r"the row has more fields than the header", r"raden har fler fält än rubrikraden"),
    (r"value too low", r"för lågt värde"),
    (r"value too high", r"för högt värde"),
    (r"value not allowed", r"otillåtet värde"),
    (r"value has the wrong format", r"värdet har fel format"),
    (r"duplicate value in a key column", r"dubblett i en nyckelkolumn"),
    (
        r"duplicate key: another row has the same key",
        r"dubblerad nyckel: en annan rad har samma nyckel",
    ),
    (r"missing value", r"värde saknas"),
    (r"missing column", r"kolumn saknas"),
    (r"wrong data type", r"fel datatyp"),
    (r"breaks a rule", r"bryter mot en regel"),
    (r"unknown company", r"okänt företag"),
    (r"unknown industry", r"okänd bransch"),
    (r"unknown metric", r"okänt mått"),
    (r"unknown wave", r"okänd mätning"),
    (r"not an? (\w+) metric", r"inte ett \1-mått"),
    (r"value outside the metric's scale", r"värdet ligger utanför måttets skala"),
    (r"a score in a cancelled wave", r"ett betyg i en inställd mätning"),
    (
        r"company has no industry; it is left out of industry rankings",
        r"företaget saknar bransch; det ingår inte i branschrankingen",
    ),
    (r"fieldwork ends before it starts", r"fältarbetet slutar innan det börjar"),
    (r"scale minimum not below the maximum", r"skalans minimum är inte under maximum"),
    (r"a score with no respondents", r"ett betyg utan svarande"),
    (r"shares add up to over 100", r"andelarna summerar till över 100"),
    (r"low base: few respondents, wide margin", r"låg bas: få svarande, bred felmarginal"),
    (r"rating above the scale", r"betyget ligger över skalan"),
    # expectations
    (r"a header row and data rows", r"en rubrikrad och datarader"),
    (r"a CSV file with quoted fields closed", r"en CSV-fil där citerade fält avslutas"),
    (r"data rows under the header", r"datarader under rubrikraden"),
    (r"a complete Parquet file", r"en hel Parquet-fil"),
    (r"an \.xlsx workbook with a sheet per table", r"en .xlsx-arbetsbok med ett blad per tabell"),
    (r"a sheet with a header row", r"ett blad med en rubrikrad"),
    (r"a readable file", r"en läsbar fil"),
    (r"a CSV text file", r"en CSV-textfil"),
    (r"at most ([\d.,]+) MB", r"högst \1 MB"),
    (
        r"a file of the data model; please report this case",
        r"en fil i datamodellen; rapportera gärna fallet",
    ),
    (r"a file or sheet of the dataset", r"en fil eller ett blad i datamängden"),
    (r"one file or sheet per table", r"en fil eller ett blad per tabell"),
    (
        r"a name like companies, service_scores, företag",
        r"ett namn som companies, service_scores, företag",
    ),
    (r"a column '(.*?)' \((.*?)\); (.*)", r"en kolumn '\1' (\2); \3"),
    (r"a row in waves for every survey year", r"en rad i waves för varje mätår"),
    (r"a zip of CSV/Parquet/Excel files", r"en zip med CSV-, Parquet- eller Excel-filer"),
    (
        r"a file or sheet named companies \(or företag\)",
        r"en fil eller ett blad som heter companies (eller företag)",
    ),
    (
        r"a file or sheet named service_scores or responses",
        r"en fil eller ett blad som heter service_scores eller responses",
    ),
    (r"one column per field", r"en kolumn per fält"),
    (r"as many fields as header columns", r"lika många fält som rubrikkolumner"),
    (r"a whole number", r"ett heltal"),
    (r"a number \(decimal comma or point\)", r"ett tal (decimalkomma eller -punkt)"),
    (r"at least (\d+) respondents", r"minst \1 svarande"),
    (r"at least (.*)", r"minst \1"),
    (r"more than (.*)", r"mer än \1"),
    (r"at most (.*)", r"högst \1"),
    (r"less than (.*)", r"mindre än \1"),
    (r"one of: (.*)", r"något av: \1"),
    (
        r"a lowercase id \(letters a–z, digits, '-' or '_'\)",
        r"ett id med gemener (a–z, siffror, '-' eller '_')",
    ),
    (r"an organisation number like (.*)", r"ett organisationsnummer som \1"),
    (r"text matching (.*)", r"text som matchar \1"),
    (r"each value once", r"varje värde en gång"),
    (r"each key once", r"varje nyckel en gång"),
    (r"a value \(this column is required\)", r"ett värde (kolumnen är obligatorisk)"),
    (r"the column to be present", r"att kolumnen finns"),
    (r"an? (\w+) from the (\w+) table", r"ett \1 från tabellen \2"),
    (r"an? (\w+)-domain metric from the catalogue", r"ett mått i domänen \1 från katalogen"),
    (r"a published wave", r"en publicerad mätning"),
    (r"an industry id", r"ett bransch-id"),
    (r"fieldwork start on or before fieldwork end", r"fältarbetets start senast dess slut"),
    (r"scale minimum below scale maximum", r"skalans minimum under dess maximum"),
    (r"n > 0 when a score is given", r"n > 0 när ett betyg anges"),
    (r"share positive \+ share negative at most 100", r"andel positiva + andel negativa högst 100"),
    (r"a rating from 1 to scale_points", r"ett betyg från 1 till scale_points"),
    # left out (banner)
    (
        r"(\w+): not used \(see the errors for this table\)",
        r"\1: används inte (se felen för tabellen)",
    ),
    (
        r"(\w+): ([\d,\s]+) of ([\d,\s]+) rows left out \(errors\)",
        r"\1: \2 av \3 rader utelämnade (fel)",
    ),
    (r"(.*) to (.*)", r"\1 till \2"),  # a scale such as "0 to 100": last, it matches much
]


THOUSANDS = re.compile(r"(\d),(\d{3})\b")


@cache
def _compiled() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(f"^{p}$", re.S), s) for p, s in PATTERNS]


def translate(text: str | None, lang: str) -> str | None:
    """The report text in the language (Swedish by pattern; anything else unchanged)."""
    if text is None or lang != "sv":
        return text
    for pattern, template in _compiled():
        if pattern.match(text):
            # counts in the English messages use a comma between thousands; Swedish uses a space
            return THOUSANDS.sub("\\1\N{NO-BREAK SPACE}\\2", pattern.sub(template, text))
    return text


def known(text: str) -> bool:
    """True when a Swedish pattern covers the text."""
    return any(p.match(text) for p, _ in _compiled())

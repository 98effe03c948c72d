"""The board pack: a 16:9 deck with native charts and speaker notes, the same pages as a PDF, and —
anonymised — not one real company name in any byte of it (PPTX XML and embedded chart workbooks,
PDF text, chart images)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import polars as pl
import polars.selectors as cs
import pytest
from PIL import Image
from typer.testing import CliRunner

from dashboard import theme
from dashboard.export import boardpack
from metrics.cli import app

TITLES_EN = [
    "Service Mirror board pack",
    "Key findings",
    "Telecom operators: rank 22 of 22 industries in 2025 (61.1); Pharmacies first (78.4)",
    "Telecom operators: last in 8 of 11 waves, rank 22 of 22 in 2025",
    "No clear link between service and EBIT margin in 2025",
    "Better service goes with higher eNPS in 2025: a moderate link",
    "A year after a company's service rises, 3 of 3 outcomes have clearly moved",
    "Havängs Telekom: 60.0 in 2025, rank 6 of 9 in Telecom operators",
    "Methods and sources",
]
"""Titles state the slide's finding with its number; the label moves to the subtitle."""


@pytest.fixture(scope="module")
def pack_en(sample) -> boardpack.BoardPack:
    return boardpack.build(
        sample.tables,
        "Sample benchmark",
        company="tele-03",
        lang="en",
        today=dt.date(2026, 11, 23),
        reps=200,
    )


@pytest.fixture(scope="module")
def pack_anon_sv(sample) -> boardpack.BoardPack:
    return boardpack.build(
        sample.tables, "Exempeldata", company="tele-03", lang="sv", anonymise=True, reps=200
    )


def real_names(sample, keep: str = "Havängs Telekom") -> list[str]:
    return [n for n in sample.tables["companies"]["name"] if n != keep]


def test_pack_has_the_story_in_order(pack_en):
    assert [s.title for s in pack_en.slides] == TITLES_EN
    assert (
        "wave 2025" in pack_en.slides[0].subtitle
        and "23 November 2026" in pack_en.slides[0].subtitle
    )
    assert pack_en.slides[2].subtitle.startswith("Industry ranking 2025 · 22 industries")
    assert pack_en.slides[4].subtitle.startswith("Service and EBIT margin · 2025 · r = ")
    answer = pack_en.slides[0].bullets[0][0]  # the title slide's one-line answer
    assert answer.startswith("Companies with better ServiceScore tend to have higher EBIT margin")
    findings = pack_en.slides[1].bullets
    assert len(findings) >= 5 and all(text and caveat for text, caveat in findings)
    assert all(s.notes for s in pack_en.slides)


def test_pptx_is_16_9_with_native_charts_and_notes(pack_en):
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation(io.BytesIO(boardpack.to_pptx(pack_en)))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(deck.slides)
    assert [s.shapes.title.text for s in slides] == TITLES_EN
    charts = {i: [sh.chart for sh in s.shapes if sh.has_chart] for i, s in enumerate(slides)}
    assert all(len(charts[i]) == 1 for i in (2, 3, 4, 5, 6, 7)), (
        "ranking, history, scatter ×2, within companies, company"
    )
    ranking = charts[2][0]
    assert ranking.chart_type is not None and len(ranking.plots[0].categories) == 22
    assert list(ranking.plots[0].categories)[-1] == "Pharmacies"  # best on top (drawn bottom-up)
    assert charts[3][0].value_axis.reverse_order  # rank 1 on top
    for slide in slides:
        assert slide.has_notes_slide and len(slide.notes_slide.notes_text_frame.text) > 20
    assert "Definitions" in slides[-1].notes_slide.notes_text_frame.text


def test_pdf_has_a_page_per_slide_and_renders(pack_en, pdftoppm, tmp_path, chromium):
    pdf = boardpack.to_pdf(pack_en)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    subprocess.run([pdftoppm, "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(TITLES_EN)
    for page in pages:
        image = Image.open(page).convert("L")
        assert image.size[0] / image.size[1] == pytest.approx(16 / 9, rel=0.02)
        low, high = image.getextrema()
        assert high == 255 and low < 100, f"{page.name} looks blank"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Key findings" in text and "Methods and sources" in text


def _all_bytes_of_pptx(data: bytes) -> bytes:
    """Every part of the deck, with embedded workbooks (chart data) opened as well."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            part = z.read(name)
            out.append(part)
            if name.endswith(".xlsx"):
                out.append(_all_bytes_of_pptx(part))
    return b"\n".join(out)


def test_anonymised_pack_names_no_other_company_anywhere(sample, pack_anon_sv, tmp_path, chromium):
    deck = _all_bytes_of_pptx(boardpack.to_pptx(pack_anon_sv)).decode("utf-8", "ignore")
    assert "Havängs Telekom" in deck  # ours keeps its name
    leaked = [n for n in real_names(sample) if n in deck]
    assert not leaked, leaked[:5]
    hovers = " ".join(s.figure.to_json() for s in pack_anon_sv.slides if s.figure is not None)
    assert re.search(r"Telekom [A-Z]\b", hovers)  # the others are there, under their labels
    orgs = [o for o in sample.tables["companies"]["org_nr"].drop_nulls() if o in deck]
    assert len(orgs) <= 1

    pdf = tmp_path / "anon.pdf"
    pdf.write_bytes(boardpack.to_pdf(pack_anon_sv))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Havängs Telekom" in text and not [n for n in real_names(sample) if n in text]
    # what the chart images show: render each figure as SVG (the same text as the PNG) and search
    from dashboard.export import images

    for slide in pack_anon_sv.slides:
        if slide.figure is not None:
            svg = images.render(slide.figure, "svg").decode("utf-8")
            assert not [n for n in real_names(sample) if n in svg], slide.title
            assert not [n for n in real_names(sample) if n in slide.figure.to_json()], slide.title
        if slide.data is not None:
            csv = slide.data.write_csv()
            assert not [n for n in real_names(sample) if n in csv], slide.title


def test_swedish_pack_is_in_swedish(pack_anon_sv):
    titles = [s.title for s in pack_anon_sv.slides]
    assert titles[:3] == [
        "Service Mirror – styrelseunderlag",
        "Viktigaste resultaten",
        "Telekom: plats 22 av 22 branscher år 2025 (61,1); Apotek först (78,4)",
    ]
    assert "mätning 2025" in pack_anon_sv.slides[0].subtitle
    assert "Rörelseresultat i % av omsättningen" in pack_anon_sv.slides[-1].notes
    assert all(s.notes for s in pack_anon_sv.slides)
    assert "38\N{NO-BREAK SPACE}465 betyg från" in pack_anon_sv.slides[2].subtitle


def test_no_company_chosen_shows_no_other_company_unless_asked(sample):
    pack = boardpack.build(sample.tables, "Sample", lang="en", reps=100)
    assert "company" not in [s.key for s in pack.slides]
    asked = boardpack.build(sample.tables, "Sample", lang="en", reps=100, example=True)
    assert "example" in asked.slides[-2].subtitle and asked.slides[-2].key == "company"


def test_a_dataset_without_commercial_or_employer_data_gets_a_shorter_pack(sample):
    tables = {
        k: v for k, v in sample.tables.items() if k not in ("commercial", "employer", "responses")
    }
    pack = boardpack.build(tables, "Sample", lang="en", reps=50)
    assert [s.key for s in pack.slides] == [
        "title",
        "findings",
        "ranking",
        "history",
        "methods",
    ]
    del tables["industries"]
    with pytest.raises(ValueError, match="needs the industries table"):
        boardpack.build(tables, "Sample", lang="en", reps=50)


def test_unknown_company_and_suffix_are_refused(sample, pack_en, tmp_path):
    with pytest.raises(ValueError, match="No company"):
        boardpack.build(sample.tables, "Sample", company="nope", reps=50)
    with pytest.raises(ValueError, match=r"\.pptx or \.pdf"):
        boardpack.write(pack_en, tmp_path / "deck.key")


def test_cli_writes_an_anonymised_swedish_deck(tmp_path, sample):
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(
        app,
        [
            "boardpack",
            "--out",
            str(out),
            "--company",
            "Havängs Telekom",
            "--lang",
            "sv",
            "--anonymise",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "9 bilder" in result.output  # the CLI speaks the language asked for
    deck = _all_bytes_of_pptx(out.read_bytes()).decode("utf-8", "ignore")
    assert "Viktigaste resultaten" in deck and not [n for n in real_names(sample) if n in deck]


def test_cli_refuses_unknown_company_and_bad_suffix(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app, ["boardpack", "--out", str(tmp_path / "d.pptx"), "--company", "Nope AB"]
    )
    assert result.exit_code == 2 and "No company 'Nope AB'" in result.output
    result = runner.invoke(app, ["boardpack", "--out", str(tmp_path / "d.docx")])
    assert result.exit_code == 2 and ".pptx or .pdf" in result.output
    assert not (tmp_path / "d.pptx").exists()


def test_cli_refuses_an_unusable_dataset(tmp_path):
    (tmp_path / "companies.csv").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["boardpack", str(tmp_path), "--out", str(tmp_path / "d.pdf")])
    assert result.exit_code == 1 and "error" in result.output
    assert not (tmp_path / "d.pdf").exists()


def test_pack_data_tables_match_the_ranking(sample, pack_en):
    from metrics.analytics import views

    ranking = (
        views.industry_ranking(sample.tables, "servicescore")
        .filter(pl.col("year") == 2025)
        .sort("rank")
    )
    slide = pack_en.slides[2]
    assert slide.data["label"].to_list() == ranking["label"].to_list()
    assert slide.native.series[0][1] == [round(v, 1) for v in ranking["score"]]


def test_scatter_series_are_longest_first(pack_en):
    # LibreOffice (and so many PDF converters) drops an XY series shorter than a later one
    for slide in pack_en.slides:
        if slide.native is not None and slide.native.kind == "scatter":
            lengths = [len(points) for _, points in slide.native.series]
            assert lengths == sorted(lengths, reverse=True) and sum(lengths) > 150


# --- the pack of any benchmark ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shaped(tmp_path_factory):
    from metrics.ingest.load import load_dataset
    from tests.shapes import build_all

    root = tmp_path_factory.mktemp("shapes")
    return {name: load_dataset(path) for name, path in build_all(root).items()}


@pytest.mark.parametrize(
    "shape",
    [
        "renamed",
        "published",
        "ten_point",
        "one_wave",
        "service_only",
        "no_industries",
        "industry_level",
    ],
)
def test_the_pack_of_every_shape_says_what_it_has_and_nothing_it_has_not(shaped, shape):
    from tests.app.test_shapes import NONE_WORD, ZERO_MARGIN

    dataset = shaped[shape]
    pack = boardpack.build(dataset.tables, dataset.name, lang="en", reps=100, about=dataset.about)
    words = [s.title for s in pack.slides] + [s.subtitle for s in pack.slides]
    words += [text for s in pack.slides for pair in s.bullets for text in pair]
    assert not [w for w in words if ZERO_MARGIN.search(w) or NONE_WORD.search(w)]
    assert pack.slides[0].subtitle.startswith(dataset.about.name or dataset.name)
    methods = " ".join(b for b, _ in pack.slides[-1].bullets)
    has_n = dataset.tables["service_scores"]["n"].is_not_null().any()
    assert ("no margins of error" in methods) == (not has_n)
    assert "SKI" not in methods and "Monopolies" not in methods  # no such convention or companies
    deck = boardpack.to_pptx(pack)
    assert deck[:2] == b"PK" and len(deck) > 10_000


def test_native_bars_keep_their_intervals(pack_en):
    """The ranking and the within-company bars carry the 95% interval as PowerPoint error bars."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(boardpack.to_pptx(pack_en)))
    slides = list(deck.slides)
    for number, slide in ((2, pack_en.slides[2]), (6, pack_en.slides[6])):
        chart = next(sh.chart for sh in slides[number].shapes if sh.has_chart)
        xml = chart._chartSpace.xml
        assert "<c:errBars>" in xml and '<c:errValType val="cust"/>' in xml
        plus = slide.native.errors[0][1]
        assert f"<c:v>{plus!r}</c:v>" in xml or f"<c:v>{float(plus)!r}</c:v>" in xml


# --- the pack as good as the screen ---------------------------------------------------------------


def _charts(data: bytes) -> dict[str, str]:
    """Each native chart's XML by its slide's key."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    out = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                out[len(out)] = shape.chart._chartSpace.xml
    return out


@pytest.fixture(scope="module")
def charts_en(pack_en) -> dict[str, str]:
    keys = [s.key for s in pack_en.slides if s.native is not None]
    return dict(zip(keys, _charts(boardpack.to_pptx(pack_en)).values(), strict=True))


@pytest.fixture(scope="module")
def pack_none(sample) -> boardpack.BoardPack:
    return boardpack.build(sample.tables, "Sample benchmark", lang="en", reps=200)


def test_every_native_chart_with_an_interval_has_error_bars(pack_en, charts_en):
    with_intervals = [
        s.key
        for s in pack_en.slides
        if s.native is not None and any(v for p in s.native.errors for v in p)
    ]
    assert set(with_intervals) == {"ranking", "within", "company"}
    for key in with_intervals:
        assert charts_en[key].count("<c:errBars>") > 0, key
        assert '<c:errValType val="cust"/>' in charts_en[key]
    # every bar has its value written beside it (the series' labels, not only the accent's)
    for key in ("ranking", "within"):
        series_labels = charts_en[key].split("<c:dLbls>", 1)[1].split("</c:dLbls>", 1)[0]
        assert '<c:showVal val="1"/>' in series_labels.rsplit("</c:dLbl>", 1)[-1], key
    # the ranking's whiskers are the screen's 95% intervals, bar by bar (drawn bottom-up)
    ranking = next(s for s in pack_en.slides if s.key == "ranking").native
    plus = re.search(r"<c:plus>(.*?)</c:plus>", charts_en["ranking"], re.S).group(1)
    values = [float(v) for v in re.findall(r"<c:v>([^<]+)</c:v>", plus)]
    assert values == [float(hi) for _, hi in ranking.errors[::-1]]


def test_the_scatter_has_its_linear_trend_line_and_the_mirror_its_medians(pack_en, charts_en):
    commercial = charts_en["commercial"]
    assert (
        commercial.count("<c:trendline>") == 1 and '<c:trendlineType val="linear"/>' in commercial
    )
    mirror = next(s for s in pack_en.slides if s.key == "mirror")
    names = [name for name, *_ in mirror.native.references]
    assert names == ["Median service", "Median eNPS"]
    assert all(name in charts_en["mirror"] for name in names)
    # stable order: one series of every company, in the order of their values, not by name
    points = mirror.native.series[0][1]
    assert points == sorted(points) and len(points) == mirror.data.height


def test_our_company_is_the_accent_with_its_label_and_nothing_is_without_one(
    pack_en, charts_en, pack_none
):
    accent = f'<a:srgbClr val="{theme.OURS[1:].upper()}"/>'
    for key in ("ranking", "commercial", "mirror"):
        xml = charts_en[key]
        assert "<c:dPt>" in xml and accent in xml.split("<c:dPt>", 1)[1], key
    for key in ("commercial", "mirror"):
        assert "Havängs Telekom" in charts_en[key].split("<c:dLbl>", 1)[1], key
    assert accent in charts_en["history"] and accent in charts_en["company"]
    for xml in _charts(boardpack.to_pptx(pack_none)).values():
        assert "<c:dPt>" not in xml and accent not in xml
    # peers grey
    assert f'<a:srgbClr val="{theme.PEER[1:].upper()}"/>' in charts_en["commercial"]


def test_the_title_slide_is_placed_for_16_9_and_says_something(pack_en):
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation(io.BytesIO(boardpack.to_pptx(pack_en)))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    cover = deck.slides[0]
    for shape in cover.shapes:  # nothing placed for 10 in (4:3) or off the page
        assert shape.left + shape.width <= deck.slide_width, shape.name
        assert shape.top + shape.height <= deck.slide_height, shape.name
    assert cover.shapes.title.width > Inches(11)
    text = " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
    for part in ("Sample benchmark", "wave 2025", "Havängs Telekom", "higher EBIT margin"):
        assert part in text, part
    covered = sum(s.width * s.height for s in cover.shapes) / (deck.slide_width * deck.slide_height)
    assert covered > 0.3


NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d+)*")


def _numbers_of(pack: boardpack.BoardPack, rename: dict[str, str]) -> list[list[str]]:
    """Every number a reader sees: the text of every slide, the native charts' data and the data
    tables (names replaced first, so that only the statistics are compared)."""

    def clean(text: str) -> list[str]:
        for old, new in rename.items():
            text = text.replace(old, new)
        return NUMBER.findall(text)

    out = []
    for slide in pack.slides:
        texts = [slide.title, slide.subtitle, *[t for pair in slide.bullets for t in pair]]
        out.append([n for t in texts for n in clean(t)])
        if slide.native is not None:
            out.append(
                clean(repr((slide.native.series, slide.native.errors, slide.native.references)))
            )
        if slide.data is not None:
            frame = slide.data.drop([c for c in ("company_id", "name") if c in slide.data.columns])
            # full-precision floats of the data tables agree to 9 decimals (summation order)
            frame = frame.with_columns(cs.float().round(9))
            # rows in the order of their ids: the same rows, each with the same numbers
            out.append(sorted(clean(frame.write_csv()), key=str))
    return out


def test_anonymising_never_changes_a_number(sample):
    """One number everywhere: the named and the anonymised pack carry identical numbers (the
    bootstrap's replicates no longer depend on names or ids)."""
    from metrics.text.anonymise import anonymous_names

    names = dict(sample.tables["companies"].select("company_id", "name").iter_rows())
    labels = anonymous_names(sample.tables["companies"], sample.tables.get("industries"))
    rename = {
        names[c]: label
        for c, label in labels.select("company_id", "anon_name").iter_rows()
        if c != "tele-03"
    }
    rename = dict(sorted(rename.items(), key=lambda kv: -len(kv[0])))  # longer names first
    kw = {"company": "tele-03", "lang": "en", "reps": 300, "today": dt.date(2026, 11, 23)}
    named = boardpack.build(sample.tables, "Sample", **kw)
    anonymous = boardpack.build(sample.tables, "Sample", anonymise=True, **kw)
    methods = len(named.slides) - 1  # the methods slide says it is anonymised: words, no numbers
    a, b = _numbers_of(named, rename), _numbers_of(anonymous, {})
    assert len(a) == len(b)
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        assert x == y, (i, [p for p in zip(x, y, strict=False) if p[0] != p[1]][:3])
    assert sum(len(x) for x in a) > 1500 and methods > 0


def _pdf_pages(pdf: bytes, tmp_path) -> list[tuple[float, list[tuple[str, float, float]]]]:
    """Per page: its height and each word with its top and bottom (points from the page's top)."""
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append((height, [(w, float(top), float(bottom)) for top, bottom, w in words]))
    return pages


def _fits(pages) -> None:
    """Every word on its page, and every word of the body above the source line at the foot."""
    for number, (height, words) in enumerate(pages, start=1):
        assert words and max(b for _, _, b in words) <= height, number
        source = max((t for w, t, _ in words if w == "Source:"), default=None)
        assert source is not None, number
        body = [b for _, t, b in words if t < source - 1]
        assert max(body) <= source, (number, max(body), source)


def test_the_pdf_fits_its_pages(pack_en, tmp_path, chromium):
    _fits(_pdf_pages(boardpack.to_pdf(pack_en), tmp_path))


@pytest.mark.parametrize("shape", ["published", "service_only"])
def test_the_pdf_of_a_shape_without_n_fits_and_shows_no_zero_margin(
    shaped, shape, tmp_path, chromium
):
    dataset = shaped[shape]
    pack = boardpack.build(dataset.tables, dataset.name, lang="en", reps=100, about=dataset.about)
    pdf = boardpack.to_pdf(pack)
    pages = _pdf_pages(pdf, tmp_path)
    _fits(pages)
    text = " ".join(w for _, words in pages for w, _, _ in words)
    has_n = bool(dataset.tables["service_scores"]["n"].is_not_null().any())
    assert not re.search(r"± ?0(?:[.,]0+)?(?![.,\d])", text)
    if not has_n:
        assert "±" not in text
    # no error bars of zero in the deck: without n a score has no interval to draw (the
    # within-company estimates keep theirs: clustered standard errors need no n)
    keys = [s.key for s in pack.slides if s.native is not None]
    charts = dict(zip(keys, _charts(boardpack.to_pptx(pack)).values(), strict=True))
    assert ("<c:errBars>" in charts["ranking"]) == has_n


# the order of a series' children in the chart schema (CT_BarSer, CT_LineSer, CT_ScatterSer):
# PowerPoint refuses ("repairs") a chart whose elements are out of this order
SERIES_ORDER = [
    "idx",
    "order",
    "tx",
    "spPr",
    "invertIfNegative",
    "pictureOptions",
    "marker",
    "dPt",
    "dLbls",
    "trendline",
    "errBars",
    "cat",
    "val",
    "xVal",
    "yVal",
    "smooth",
    "shape",
    "extLst",
]


def test_native_chart_series_keep_the_schema_order(charts_en):
    from lxml import etree

    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    for key, xml in charts_en.items():
        root = etree.fromstring(xml.encode("utf-8"))
        for series in root.iterfind(".//c:ser", ns):
            tags = [etree.QName(child).localname for child in series]
            positions = [SERIES_ORDER.index(t) for t in tags]
            assert positions == sorted(positions), (key, tags)
        for bars in root.iterfind(".//c:errBars", ns):
            tags = [etree.QName(child).localname for child in bars]
            order = [
                "errDir",
                "errBarType",
                "errValType",
                "noEndCap",
                "plus",
                "minus",
                "val",
                "spPr",
            ]
            assert [order.index(t) for t in tags] == sorted(order.index(t) for t in tags), tags

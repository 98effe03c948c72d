"""Chart exports (kaleido with the system Chromium) and data files (CSV, Excel) safe to open."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go
import polars as pl
import pytest
from PIL import Image

from dashboard.charts import rankings as ranking_charts
from metrics.analytics import views
from metrics.text import sheets


@pytest.fixture(scope="module")
def ranking_figure(sample) -> go.Figure:
    ranking = views.industry_ranking(sample.tables, "servicescore", lang="sv")
    now = ranking.filter(pl.col("year") == 2025)
    return ranking_charts.ranking_bars(
        now,
        title="Branschranking 2025",
        subtitle="22 branscher · n = 29 620",
        lang="sv",
        source="Källa: Exempeldata. Service Mirror.",
    )


def test_png_is_a_real_non_blank_image(chromium, ranking_figure):
    from dashboard.export import images

    png = images.render(ranking_figure, "png")
    image = Image.open(io.BytesIO(png))
    # a 1600 × 900 layout at 2× scale: 3200 × 1800 pixels, at least 1600 × 900
    assert images.SCALE == 2 and (images.WIDTH, images.HEIGHT) == (1600, 900)
    assert image.format == "PNG" and image.size == (3200, 1800)
    assert image.size[0] >= 1600 and image.size[1] >= 900
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # bars, text and whiskers, not a blank page
    assert image.convert("L").getextrema()[0] < 60  # dark ink is present


def test_svg_carries_title_subtitle_and_source(chromium, ranking_figure):
    from dashboard.export import images

    svg = images.render(ranking_figure, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    for text in ("Branschranking 2025", "22 branscher", "Källa: Exempeldata", "Apotek"):
        assert text in svg, text


def test_concurrent_exports_are_serialised_and_all_succeed(chromium, ranking_figure):
    from dashboard.export import images

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda fmt: images.render(ranking_figure, fmt), ["png", "svg"] * 3))
    assert all(r.startswith(b"\x89PNG") for r in results[::2])
    assert all(b"<svg" in r[:200] for r in results[1::2])


def test_unknown_format_is_refused(ranking_figure):
    from dashboard.export import images

    with pytest.raises(ValueError, match="png, svg, pdf"):
        images.render(ranking_figure, "gif")


def test_csv_and_excel_neutralise_formulas_and_keep_numbers():
    frame = pl.DataFrame(
        {
            "name": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "Åkes Bank"],
            "score": [-1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        }
    )
    csv = sheets.to_csv(frame)
    assert csv.startswith(b"\xef\xbb\xbf")
    back = pl.read_csv(csv)
    assert back["name"].to_list()[:4] == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)"]
    assert back["name"][6] == "Åkes Bank" and back["score"][0] == -1.5
    book = sheets.to_excel(frame, sheet="ranking", title="Ranking", source="Källa: test")
    read = pl.read_excel(io.BytesIO(book), read_options={"header_row": 3})
    assert read["name"][0] == '\'=HYPERLINK("x")' and read["score"].to_list()[0] == -1.5
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(book))["ranking"]
    assert ws["A1"].value == "Ranking" and ws["A2"].value == "Källa: test"
    assert all(not str(c.value).startswith("=") for row in ws.iter_rows() for c in row if c.value)


def test_nested_columns_are_written_as_text():
    frame = pl.DataFrame({"ids": [["a", "=b"]], "n": [1], "s": [{"x": 1}]})
    back = pl.read_csv(sheets.to_csv(frame))
    assert back["ids"][0] == "a, =b" and back["s"][0] == '{"x":1}'

"""No dataset value is ever rendered as HTML or Markdown: names full of markup reach the screen as
text, escaped wherever Streamlit would read Markdown; no page uses unsafe_allow_html."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import APP
from tests.hostile.corpus import HOSTILE_NAME, SCORES

EVIL = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) :red[red]"
ROOT = Path(__file__).resolve().parents[2]


def test_no_page_renders_raw_html():
    code = "\n".join(p.read_text() for p in (ROOT / "dashboard").rglob("*.py"))
    assert "unsafe_allow_html" not in code
    # st.html only for the app's own constants (the projector's CSS), never with data
    assert not re.findall(r"st\.html\((?![A-Z_]+\))", code)


def test_markup_in_names_is_shown_as_text(tmp_path, monkeypatch):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "companies.csv").write_text(
        f'company_id,name,industry_id\na,"{EVIL}",bank\nb,Beta Bank,bank\nc,Gamma Telekom,telekom\n'
    )
    (folder / "service_scores.csv").write_text(SCORES)
    (tmp_path / "datasets.toml").write_text(
        f'[datasets.evil]\nlabel = "Evil **dataset** <b>x</b>"\npath = "{folder}"\n'
    )
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(tmp_path / "datasets.toml"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["dataset"] = "evil"
    at.query_params["company"] = "a"
    at.run()
    at.switch_page("views/company.py").run()
    # the profile shows no example company: choose the hostile one as ours
    at.selectbox(key="company").set_value("a").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in (*at.subheader, *at.caption, *at.markdown, *at.info, *at.title)]
    heading = next(v for v in shown if "script" in v)
    assert r"\<script\>" in heading and r"\*\*bold\*\*" in heading and r"\:red\[" in heading
    for value in shown:  # nothing anywhere unescaped
        assert not re.search(r"(?<!\\)<script", value), value
        assert not re.search(r"(?<!\\)\*\*(bold|dataset)", value), value


# --- every page, every Markdown surface, with hostile names everywhere ------------------------------

UNESCAPED = [
    re.compile(p)
    for p in (
        r"(?<!\\)\]\(",  # a link or an image: [x](url), ![x](url)
        r"(?<!\\)!(?<!\\)\[",
        r"(?<!\\):red(?<!\\)\[",  # a Streamlit directive
        r"(?<!\\)\*(?<!\\)\*bold",
        r"(?<!\\)\$x\^2",  # LaTeX
        r"(?<!\\)<a href",
    )
]
"""The hostile name's pieces, as they would appear if the name were not escaped."""


def _hostile_folder(tmp_path: Path) -> Path:
    import polars as pl

    from metrics.schema import default_metrics
    from tests.conftest import SAMPLE_DIR

    folder = tmp_path / "hostile"
    folder.mkdir()
    for name in ("commercial", "employer", "service_scores", "waves"):
        (folder / f"{name}.csv").write_bytes((SAMPLE_DIR / f"{name}.csv").read_bytes())
    name = HOSTILE_NAME.replace("\x01", "").replace("\x1f", "")
    companies = pl.read_csv(SAMPLE_DIR / "companies.csv", infer_schema=False)
    companies.with_columns(
        name=pl.when(pl.col("company_id") == "tele-03").then(pl.lit(name)).otherwise("name")
    ).write_csv(folder / "companies.csv")
    industries = pl.read_csv(SAMPLE_DIR / "industries.csv", infer_schema=False)
    industries.with_columns(
        name_en=pl.when(pl.col("industry_id") == "telekom")
        .then(pl.lit("Ind " + name))
        .otherwise("name_en")
    ).write_csv(folder / "industries.csv")
    metrics = default_metrics().with_columns(
        label_en=pl.when(pl.col("metric_id") == "servicescore")
        .then(pl.lit("Score " + name))
        .otherwise("label_en")
    )
    metrics.write_csv(folder / "metrics.csv")
    return folder


def _markdown_texts(at: AppTest) -> list[str]:
    """Every text of the run that Streamlit reads as Markdown."""
    texts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning")
        for e in getattr(at, kind)
    ]
    texts += [e.value for e in (*at.error, *at.success)]
    texts += [m.label for m in at.metric] + [m.help or "" for m in at.metric]
    texts += [str(e.proto.label) for e in at.get("expandable")]
    return texts


@pytest.mark.parametrize("company", [None, "tele-03"])
def test_hostile_names_stay_text_on_every_page(tmp_path, monkeypatch, company):
    from tests.app.test_pages import PAGES

    folder = _hostile_folder(tmp_path)
    label = "Data " + HOSTILE_NAME.replace("\x01", "").replace("\x1f", "").replace('"', "'")
    (tmp_path / "datasets.toml").write_text(
        f'[datasets.hostile]\nlabel = "{label}"\npath = "{folder}"\n', encoding="utf-8"
    )
    monkeypatch.setenv("SERVICEMIRROR_DATASETS", str(tmp_path / "datasets.toml"))
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["dataset"] = "hostile"
    if company:
        at.session_state["company"] = company
    at.run()
    seen = 0
    for page in [*PAGES, "present"]:
        if page != "overview":
            at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        for value in _markdown_texts(at):
            seen += "HYPERLINK" in value
            for pattern in UNESCAPED:
                assert not pattern.search(value), (page, pattern.pattern, value)
    assert seen >= 3  # the hostile names were on the pages, escaped


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("company", "[Session expired - sign in again](http://evil.example/x)"),
        ("wave", "![x](http://evil.example/x.png)"),
        ("metric", ":red[**alarm**] $x^2$"),
        ("highlight", "<a href='http://evil.example/'>x</a>"),
    ],
)
def test_a_link_value_is_never_markdown_in_the_apps_own_warning(key, value):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params[key] = value
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(key in w for w in warnings), warnings
    for w in warnings:
        for pattern in UNESCAPED:
            assert not pattern.search(w), w
        assert "(http" not in w.replace("\\", "") or "\\(" in w

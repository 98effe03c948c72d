"""What every chart shares: title, subtitle with n and wave, a source line, the template."""

from __future__ import annotations

from contextvars import ContextVar

import plotly.graph_objects as go

from dashboard import theme
from dashboard.charts import margins
from dashboard.text import chart as plain
from dashboard.text import plain_figure
from metrics.text.i18n import tr

BREAK = "<br>"
WIDE = {"title": 84, "subtitle": 120, "source": 140, "xaxis": 70, "yaxis": 40, "note": 0}
"""Characters a line of each text may hold in a full-width chart on a laptop or projector (the
pages draw their charts full width: about 950 px at 1366×768 with the sidebar open)."""
NARROW = {"title": 26, "subtitle": 34, "source": 40, "xaxis": 18, "yaxis": 40, "note": 18}
"""On a phone (390 px): what fits the narrowest figure in its font size (`note`: the builders'
annotations, such as a band's note or a panel's title; 0: left as drawn)."""
SPLIT = "servicemirror_source"  # layout.meta: the source line `split_source` took out
_SCREEN: ContextVar[dict[str, int]] = ContextVar("screen", default=WIDE)


def narrow_screen(narrow: bool) -> None:
    """Wrap this script run's charts for a phone (`narrow`) or a wide screen; the shell sets it
    from the browser's user agent at the start of every run (a run is one thread)."""
    _SCREEN.set(NARROW if narrow else WIDE)


def is_narrow() -> bool:
    """Whether this run draws its charts for a phone (`narrow_screen`)."""
    return _SCREEN.get() is NARROW


def is_phone(user_agent: str | None) -> bool:
    """A phone's browser says "Mobile" in its user agent (iOS and Android alike)."""
    return "Mobile" in (user_agent or "")


GLUE = ("=", "±", "≈", "<", ">", "≤", "≥", "–", "·")
"""Words a line never breaks beside: "n = 1,954" and "± 1.2" stay on one line."""


def wrap(text: str, width: int) -> str:
    """`text` in lines of at most `width` characters (a longer word gets a line of its own), joined
    by Plotly's line break; existing breaks are kept."""
    if not text or len(text) <= width:
        return text
    lines: list[str] = []
    for part in text.split(BREAK):
        words = part.split(" ")
        line = ""
        for i, word in enumerate(words):
            glued = i > 0 and (word in GLUE or words[i - 1] in GLUE)
            if line and len(line) + 1 + len(word) > width and not glued:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return BREAK.join(lines)


def lines(text: str | None) -> int:
    return (text or "").count(BREAK) + 1 if text else 0


def decorate(
    fig: go.Figure,
    title: str,
    subtitle: str = "",
    source: str = "",
    height: int = 520,
    lang: str = "en",
) -> go.Figure:
    """Title, subtitle (n, wave, what the marks mean) and a source line under the plot; every text
    of the figure, which comes from the data, drawn as plain text (`dashboard.text.chart`); the
    title, subtitle, axis titles and source line wrapped to the screen's width (`WIDE`, or `NARROW`
    on a phone: `narrow_screen`), with
    margins that make room for their lines (the figure grows by what they take).

    Set property by property, each once: `update_layout` costs five times as much, and every page
    draws several charts on every rerun."""
    layout = fig.layout
    WRAP = _SCREEN.get()
    # a figure made after `dashboard.theme` was imported has the template already (the default)
    if layout.template.layout.colorway != tuple(theme.CATEGORICAL):
        layout.template = theme.TEMPLATE
    # Plotly's own number locale: Swedish writes a decimal comma and a space between thousands
    layout.separators = ", " if lang == "sv" else ".,"
    plain_figure(fig)  # the builder's texts; the title and source below are made plain here
    if WRAP["note"]:
        for note in layout.annotations or ():
            if note.text and len(note.text) > WRAP["note"]:
                note.text = wrap(note.text, WRAP["note"])
                longest = max(len(word) for word in note.text.replace(BREAK, " ").split(" "))
                if longest > WRAP["note"]:  # one word longer than a line: smaller type
                    size = note.font.size or 12
                    note.font.size = max(8, round(size * WRAP["note"] / longest))
    text = wrap(plain(title), WRAP["title"])
    sub = wrap(plain(subtitle), WRAP["subtitle"]) if subtitle else ""
    x_lines = 1
    for name in ("xaxis", "yaxis"):
        axis = layout[name]
        axis_title = axis.title.text
        if axis_title and len(axis_title) > WRAP[name]:
            axis.title.text = axis_title = wrap(axis_title, WRAP[name])
        if name == "xaxis" and axis_title:
            x_lines = lines(axis_title)
    margin = layout.margin
    t0 = margin.t if margin.t is not None else 90
    b0 = margin.b if margin.b is not None else 80
    title_lines = lines(text) or 1
    top = t0 + 50 * (title_lines - 1) + 18 * max(lines(sub) - 1, 0)
    bottom = b0
    if source:
        note = wrap(plain(source), WRAP["source"])
        bottom = max(b0, 62 + 18 * (x_lines - 1) + 16 * lines(note) + 8)
        fig.add_annotation(
            text=note,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            yshift=-62 - 18 * (x_lines - 1),
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": 12, "color": theme.MUTED},
        )
    total = height + (top - t0) + (bottom - b0)
    if top != t0 or bottom != b0:
        layout.margin = {"t": top, "b": bottom, "l": margin.l, "r": margin.r}
    layout.height = total
    layout.title = {
        "text": text,
        "subtitle": {"text": sub, "font": {"size": 14, "color": theme.MUTED}},
        "yanchor": "top",  # a title of two lines grows down, not out of the figure
        "y": 1 - (12 + 24 * (title_lines - 1)) / total,
    }
    return fig


def score_axis(lang: str, scale: tuple[float, float] | None = None, short: bool = False) -> str:
    """The score axis's title: with the metric's declared scale ("Score (0–100) with 95% interval",
    "Score (1–10)"), or without one where the catalogue declares none (never a scale assumed)."""
    key = "chart.score_axis_short" if short else "chart.score_axis"
    if scale is None:
        return tr(f"{key}_free", lang)
    low, high = (f"{v:g}" for v in scale)
    return tr(key, lang, scale=f"{low}–{high}")


def colour_map(keys: list[str]) -> dict[str, str]:
    """A stable colour per category (industry), in the order given."""
    return {k: theme.PALETTE[i % len(theme.PALETTE)] for i, k in enumerate(keys)}


def cancelled_bands(fig: go.Figure, cancelled: list[int], lang: str = "en") -> None:
    """Shade each run of consecutive cancelled waves once, labelled 'not measured'."""
    runs: list[list[int]] = []
    for year in sorted(cancelled):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    # what add_vrect(..., annotation_position="top left") draws, at a fifth of its cost per chart
    for run in runs:
        x0, x1 = run[0] - 0.5, run[-1] + 0.5
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            xref="x",
            y0=0,
            y1=1,
            yref="y domain",
            fillcolor=theme.GRID,
            opacity=0.7,
            line_width=0,
        )
        fig.add_annotation(
            text=tr("not_measured", lang),
            x=x0,
            xref="x",
            y=1,
            yref="y domain",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": 11, "color": theme.MUTED},
        )


def split_source(fig: go.Figure) -> dict | None:
    """Take the source line out of a decorated figure, in place, for a screen that writes it under
    the chart as text (which wraps to any width, so it is always whole), and give the room it had
    back: the annotation as a dict for `with_source`, or None when the figure has none. A second
    call gives the same line and changes nothing (a cached figure is split once, when it is made)."""
    layout = fig.layout
    meta = layout.meta if isinstance(layout.meta, dict) else {}
    if SPLIT in meta:
        return meta[SPLIT]
    notes = list(layout.annotations or ())
    found = [n for n in notes if n.yshift is not None and n.yshift <= -62 and n.xref == "paper"]
    if not found:
        return None
    note = found[0]
    layout.annotations = [n for n in notes if n is not note]
    room = 16 * lines(note.text) + 8
    below = -note.yshift - 62  # a wrapped axis title's extra lines
    if layout.margin.b is not None and layout.margin.b == 62 + below + room:
        layout.margin.b = max(56 + below, 40)
        if layout.height:
            layout.height -= 62 + below + room - layout.margin.b
    taken = note.to_plotly_json()
    layout.meta = {**meta, SPLIT: taken}
    return taken


def with_source(fig: go.Figure, note: dict | None) -> go.Figure:
    """A copy of a figure whose source line `split_source` took, with the line back (for the
    image downloads, which must carry their source), and Plotly's own margins (`margins.unfit`:
    kaleido draws with the fonts it finds)."""
    out = margins.unfit(go.Figure(fig))
    if isinstance(out.layout.meta, dict) and SPLIT in out.layout.meta:
        out.layout.meta = {k: v for k, v in out.layout.meta.items() if k != SPLIT}  # whole again
    if note is None:
        return out
    out.add_annotation(note)
    out.layout.margin.b = max(
        out.layout.margin.b or 0, 62 + (-note["yshift"] - 62) + 16 * lines(note["text"]) + 8
    )
    return out


def source_text(note: dict | None) -> str:
    """The source line on one line (for a caption or a spreadsheet)."""
    return (note or {}).get("text", "").replace(BREAK, " ")

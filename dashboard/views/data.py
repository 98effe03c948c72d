"""Data: which dataset is loaded, its tables, the validation report, the data dictionary, upload."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import filters, state, ui
from metrics.quality.report import SEVERITIES, SEVERITY_SV
from metrics.text import dictionary
from metrics.text.i18n import integer

f = filters.current()
lang = f.lang
dataset = state.current_dataset()
report = dataset.report

st.title(f.t("nav.data"))
if state.is_upload():
    origin = f.t("state.upload")
elif state.dataset_key() == state.SAMPLE_KEY:
    origin = f.t("state.sample")
else:
    origin = f.t("state.named", name=state.chosen_name())
st.text(f.t("data.dataset", name=state.dataset_name(lang), source=origin))
about = dataset.about
said = [f.t("data.published_by", source=about.source)] if about.source else []
if about.currency != "SEK":
    said.append(f.t("data.currency", currency=about.currency))
if about.level == "industry":
    said.append(f.t("data.industry_level"))
if about.change_rule == "two_points":
    said.append(f.t("data.two_points"))
if about.nominations:
    said.append(f.t("data.nominations", n=about.nominations))
if said:
    st.text("\n".join(said))  # st.text: the dataset's own words are never read as Markdown

# --- status ------------------------------------------------------------------------------------
if not dataset.usable:
    st.error(f.t("data.unusable"), icon=":material/error:")
elif report.left_out:
    st.warning(
        f.t("data.left_out")
        + "\n\n"
        + "\n".join(f"- {line}" for line in report.left_out_sentences(lang)),
        icon=":material/warning:",
    )
(st.success if report.ok else st.error)(report.summary(lang))
if not report.ok:
    # st.text, not markdown: file names and values come from the user's files
    st.text("\n".join(report.first_errors(lang=lang)))

facts = dataset.facts()
for column, (label, value) in zip(st.columns(len(facts)), facts.items(), strict=True):
    column.metric(f.t(f"data.fact_{label.replace(' ', '_')}"), integer(value, lang))

tables_tab, report_tab, upload_tab, definitions_tab, dictionary_tab = st.tabs(
    [f.t(f"data.tab_{tab}") for tab in ("tables", "report", "upload", "definitions", "dictionary")]
)

# --- tables ------------------------------------------------------------------------------------
with tables_tab:
    st.dataframe(dataset.summary(), hide_index=True, key="table_summary")
    names = list(dataset.tables)
    if names:
        chosen = st.selectbox(f.t("data.show_table"), names, key="preview_table")
        frame = dataset.tables[chosen]
        st.caption(f.t("data.preview", rows=integer(frame.height, lang), columns=frame.width))
        st.dataframe(frame.head(1000), hide_index=True, key="table_preview")

# --- validation report -------------------------------------------------------------------------
with report_tab:
    problems = report.to_frame(lang)
    if problems.is_empty():
        st.info(f.t("data.no_problems"))
    else:
        rules = report.by_rule(lang)
        kinds = pl.DataFrame(
            {
                f.t("data.rule_severity"): [
                    SEVERITY_SV[r.severity] if lang == "sv" else r.severity for r in rules
                ],
                f.t("data.rule_where"): [r.where for r in rules],
                f.t("data.rule_problem"): [r.what for r in rules],
                f.t("data.rule_rows"): [r.count for r in rules],
                f.t("data.rule_examples"): ["; ".join(r.examples) for r in rules],
                f.t("data.rule_to_do"): [r.to_do for r in rules],
            }
        )
        st.subheader(f.t("data.by_kind"))
        st.dataframe(kinds, hide_index=True, key="report_kinds")
        st.subheader(f.t("data.every_problem"))
        present = [
            s
            for s in (SEVERITIES if lang == "en" else [SEVERITY_SV[x] for x in SEVERITIES])
            if s in set(problems["severity"])
        ]
        shown = st.segmented_control(
            f.t("data.severity"),
            present,
            selection_mode="multi",
            default=present,
            key="report_severity",
        )
        st.dataframe(
            problems.filter(pl.col("severity").is_in(shown or present)).drop("check"),
            hide_index=True,
            key="report_table",
            column_config={"row": st.column_config.NumberColumn("row", format="%d")},
        )
    # millions of rows come zipped (see ValidationReport.download); built only when clicked
    report_name, report_mime = report.download_name()
    st.download_button(
        f.t("data.download_report"),
        data=lambda: report.download(lang)[0],
        file_name=report_name,
        mime=report_mime,
        on_click="ignore",
        icon=":material/download:",
        key="download_report",
        **ui.download_lock(lang),
    )

# --- upload --------------------------------------------------------------------------------------
with upload_tab:
    st.markdown(f.t("data.upload_help"))
    # a new uploader once the files are read: Streamlit then lets go of the uploaded bytes (up to
    # 200 MB a session), which the loaded dataset no longer needs
    upload_round = st.session_state.get("upload_round", 0)
    files = st.file_uploader(
        f.t("data.files"),
        type=state.UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"upload_files_{upload_round}",
    )
    if files:
        with st.spinner(f.t("data.reading"), show_time=True):
            state.use_upload(files)
        st.session_state["upload_round"] = upload_round + 1
        st.rerun()
    if state.is_upload() and st.button(f.t("data.back_to_sample"), key="use_sample"):
        state.use_sample()
        st.rerun()

# --- definitions, sources and caveats --------------------------------------------------------------
with definitions_tab:
    st.markdown(f.t("data.caveats"))
    catalogue = dataset.tables.get("metrics")
    if catalogue is not None:
        st.dataframe(
            catalogue.select(
                "metric_id",
                "domain",
                "label_en",
                "label_sv",
                "unit",
                "scale_min",
                "scale_max",
                "higher_is_better",
                "description",
            ),
            hide_index=True,
            key="definitions",
        )
    st.markdown(f.t("data.sources"))

# --- data dictionary -----------------------------------------------------------------------------
with dictionary_tab:
    st.caption(f.t("data.dictionary_note"))
    st.markdown(dictionary.render())

"""Data: which dataset is loaded, its tables, the validation report, the data dictionary, upload."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import state
from metrics import dictionary
from metrics.report import SEVERITIES

CAVEATS = """
**Read every number with these in mind**

- **Association is not causation.** Companies with better service may have higher margins for many
  reasons at once; the app shows how things go together, never what causes what.
- **Links differ by industry and weaken for monopolies and public authorities**, which do not compete
  for customers. They are left out of commercial comparisons unless you switch them in.
- **A rank without its margin overstates differences.** Companies and industries whose scores differ by
  less than the margin of error are shown as tied. Below 50 respondents a score is a *low base*.
- **Cancelled waves are gaps.** There was no measurement in 2020 and 2021; nothing is drawn across them.
- **A mean can hide a split.** Look at the rating distribution and the share dissatisfied as well.
"""
SOURCES = """
**Methods.** Margin of error = 1.96·sd/√n. A change is significant when |Δ| > 1.96·√(se₁² + se₂²), or
by more than 2 points where no sd is known (the SKI rule). Industry score = respondent-weighted mean of
its companies by default. Correlations: Pearson and Spearman with Fisher-z intervals, and bootstrap
intervals resampling whole companies. Peers' average excludes the company itself.
**Sources.** ServiceScore-style benchmark data as loaded (see Tables); the peers SKI/EPSI and ACSI
publish comparable 0–100 indices. The bundled sample is fictional.
"""

dataset = state.current_dataset()
report = dataset.report

st.title("Data")
source = "your upload" if state.is_upload() else "the bundled sample"
st.text(f"Dataset: {dataset.name} (from {source})")

# --- status ------------------------------------------------------------------------------------
if not dataset.usable:
    st.error(
        "This dataset cannot be shown: it needs a companies table and service scores (or "
        "responses). The validation report below says what is missing or wrong.",
        icon=":material/error:",
    )
elif report.left_out:
    st.warning(
        "Part of this dataset is left out because of errors:\n\n"
        + "\n".join(f"- {line}" for line in report.left_out),
        icon=":material/warning:",
    )
(st.success if report.ok else st.error)(report.summary())
if not report.ok:
    # st.text, not markdown: file names and values come from the user's files
    st.text("\n".join(report.first_errors()))

facts = dataset.facts()
for column, (label, value) in zip(st.columns(len(facts)), facts.items(), strict=True):
    column.metric(label.capitalize(), f"{value:,}")

tables_tab, report_tab, upload_tab, definitions_tab, dictionary_tab = st.tabs(
    [
        "Tables",
        "Validation report",
        "Upload your data",
        "Definitions and caveats",
        "Data dictionary",
    ]
)

# --- tables ------------------------------------------------------------------------------------
with tables_tab:
    st.dataframe(dataset.summary(), hide_index=True, key="table_summary")
    names = list(dataset.tables)
    if names:
        chosen = st.selectbox("Show table", names, key="preview_table")
        frame = dataset.tables[chosen]
        st.caption(f"{frame.height:,} rows × {frame.width} columns; first 1,000 rows shown.")
        st.dataframe(frame.head(1000), hide_index=True, key="table_preview")

# --- validation report -------------------------------------------------------------------------
with report_tab:
    problems = report.to_frame()
    if problems.is_empty():
        st.info("No problems found.")
    else:
        kinds = pl.DataFrame(report.grouped(), schema=["severity", "problem", "rows"], orient="row")
        st.subheader("By kind")
        st.dataframe(kinds, hide_index=True, key="report_kinds")
        st.subheader("Every problem")
        present = [s for s in SEVERITIES if s in set(problems["severity"])]
        shown = st.segmented_control(
            "Severity", present, selection_mode="multi", default=present, key="report_severity"
        )
        st.dataframe(
            problems.filter(pl.col("severity").is_in(shown or present)).drop("check"),
            hide_index=True,
            key="report_table",
            column_config={"row": st.column_config.NumberColumn("row", format="%d")},
        )
    st.download_button(
        "Download the full report (CSV)",
        data=report.to_csv,
        file_name="validation_report.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="download_report",
    )

# --- upload --------------------------------------------------------------------------------------
with upload_tab:
    st.markdown(
        "Upload your own benchmark: CSV files (one per table, named after it), one Excel workbook "
        "(a sheet per table), one wide file (a row per company and year), Parquet, or a zip of a "
        "folder. Swedish headers, `;` separators, decimal commas and Windows encodings are fine. "
        "The data stays in your session only."
    )
    files = st.file_uploader(
        "Dataset files",
        type=state.UPLOAD_TYPES,
        accept_multiple_files=True,
        key="upload_files",
    )
    if files:
        with st.spinner("Reading and validating your files…", show_time=True):
            uploaded = state.use_upload(files)
        if uploaded is not None and uploaded is not dataset:
            st.rerun()
    if state.is_upload() and st.button("Back to the bundled sample", key="use_sample"):
        state.use_sample()
        st.rerun()

# --- definitions, sources and caveats --------------------------------------------------------------
with definitions_tab:
    st.markdown(CAVEATS)
    catalogue = dataset.tables.get("metrics")
    if catalogue is not None:
        st.dataframe(
            catalogue.select("metric_id", "domain", "label_en", "label_sv", "unit", "scale_min", "scale_max",
                             "higher_is_better", "description"),
            hide_index=True, key="definitions",
        )  # fmt: skip
    st.markdown(SOURCES)

# --- data dictionary -----------------------------------------------------------------------------
with dictionary_tab:
    st.markdown(dictionary.render())

"""Data: which dataset is loaded, its tables, the validation report, the data dictionary, upload."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import state
from metrics import dictionary
from metrics.report import SEVERITIES

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

tables_tab, report_tab, upload_tab, dictionary_tab = st.tabs(
    ["Tables", "Validation report", "Upload your data", "Data dictionary"]
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
        uploaded = state.use_upload(files)
        if uploaded is not None and uploaded is not dataset:
            st.rerun()
    if state.is_upload() and st.button("Back to the bundled sample", key="use_sample"):
        state.use_sample()
        st.rerun()

# --- data dictionary -----------------------------------------------------------------------------
with dictionary_tab:
    st.markdown(dictionary.render())

"""Exports without Streamlit: chart images (kaleido), data files (CSV, Excel) and the board pack."""

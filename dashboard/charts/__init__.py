"""Pure Plotly chart builders: frames in, `go.Figure` out; no Streamlit, testable on their own."""

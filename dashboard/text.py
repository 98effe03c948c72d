"""Escaping of text that comes from the data (names, file names, database messages) before it goes
into anything Streamlit renders as Markdown: it can never act as Markdown or HTML there."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def safe(text: object) -> str:
    """Text from the data, escaped so that it can never act as Markdown or HTML."""
    return _MARKDOWN.sub(r"\\\1", str(text))

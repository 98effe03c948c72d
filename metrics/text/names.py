"""Names as compared and as ids: headers normalised, Swedish letters folded, slugs made from names."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans("åäöéèüÅÄÖÉÈÜ", "aaoeeuAAOEEU")


def normalise_header(text: str) -> str:
    """A header as compared: Unicode-normalised, lowercase, runs of spaces and punctuation as '_'."""
    text = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").strip().lower()
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc"))
    return re.sub(r"[^\w]+", "_", text).strip("_")


def fold(text: str) -> str:
    """Swedish letters folded to ASCII, so 'foretag' matches 'företag'."""
    return text.translate(_FOLD)


def slug(text: str) -> str:
    """A lowercase id from a name: 'Gym och träning' -> 'gym-och-traning'."""
    text = fold(unicodedata.normalize("NFKC", str(text)).strip().lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"

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


def unique_slugs(names: list[str]) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """An id for each distinct name, in the order given: its slug, or where two names make the same
    slug ('H&M' and 'H M', 'ICA' and 'Ica'), the slug with '-2', '-3' … for the later ones.
    Returns the ids by name and, for each slug shared, the names that share it (for the report)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    shared: dict[str, list[str]] = {}
    for name in names:
        if name in ids:
            continue
        base = slug(name)
        shared.setdefault(base, []).append(name)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        ids[name] = candidate
        taken.add(candidate)
    return ids, [(base, group) for base, group in shared.items() if len(group) > 1]


LEGAL_SUFFIXES = frozenset(
    [
        "ab",
        "publ",
        "asa",
        "as",
        "a/s",
        "aps",
        "oyj",
        "oy",
        "abp",
        "ag",
        "gmbh",
        "sa",
        "nv",
        "bv",
        "se",
        "spa",
        "plc",
        "ltd",
        "limited",
        "llc",
        "lp",
        "llp",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "companies",
        "holding",
        "holdings",
        "group",
        "the",
        "com",
    ]
)
"""Words that say what kind of company a name is, not which one (Inc, Corp, AB, ASA, Oyj …)."""


def match_key(name: str) -> str:
    """A company name as matched across sources: case, accents and punctuation ignored, '&' read as
    'and', legal suffixes dropped ('Wal-Mart Stores, Inc.' and 'WAL MART STORES' match)."""
    text = unicodedata.normalize("NFKD", str(name).casefold().replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.sub(r"[^\w/]+", " ", text.replace("-", " ")).split()
    while words and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words) or text.strip()

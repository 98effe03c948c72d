"""English and Swedish: every user-facing text by key, and numbers and dates formatted by Babel.

`TEXT` maps a key to its (English, Swedish) pair, read from the catalogue `messages.toml` beside
this module. `tr()` raises `KeyError` on an unknown key, so a
missing translation fails loudly in tests instead of showing a raw key to a board. Numbers go through
Babel's CLDR data (Swedish: decimal comma, a space between thousands), never hand-written formats.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

Lang = Literal["en", "sv"]
LANGS: tuple[Lang, ...] = ("en", "sv")
LOCALES = {"en": "en_GB", "sv": "sv_SE"}
LANGUAGE_NAMES = {"en": "English", "sv": "Svenska"}


def lang_of(value: str | None) -> Lang:
    """A language code from a URL or flag; anything unknown is English."""
    return "sv" if str(value or "").lower().startswith("sv") else "en"


def tr(key: str, lang: str, /, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled in."""
    en, sv = TEXT[key]
    text = sv if lang == "sv" else en
    return text.format(**values) if values else text


def num(value: float | None, lang: str, digits: int = 1, sign: bool = False) -> str:
    """A number as the language writes it (Swedish: decimal comma, space between thousands)."""
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    if sign:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "en_GB"))


def integer(value: int | float | None, lang: str) -> str:
    return num(value, lang, 0)


def percent(value: float | None, lang: str) -> str:
    """A share (0.25) as a percentage in the language's own pattern ("25%" / "25 %")."""
    if value is None or value != value:
        return "–"
    return format_percent(value, locale=LOCALES.get(lang, "en_GB"))


def date(day: dt.date, lang: str) -> str:
    """A date in words: "23 November 2026" / "23 november 2026"."""
    return format_date(day, format="long", locale=LOCALES.get(lang, "en_GB"))


def interval(low: float | None, high: float | None, lang: str, digits: int = 2) -> str:
    return tr("interval", lang, low=num(low, lang, digits), high=num(high, lang, digits))


CATALOGUE = Path(__file__).with_name("messages.toml")


def _leaves(tree: dict, prefix: str = "") -> Iterator[tuple[str, tuple[str, str]]]:
    """(key, (English, Swedish)) for every text of the catalogue; a key missing a language fails."""
    for name, node in tree.items():
        key = f"{prefix}{name}"
        if not isinstance(node, dict):
            raise ValueError(f"{CATALOGUE.name}: '{key}' is not a text with en and sv")
        if "en" in node or "sv" in node:
            missing = [lang for lang in LANGS if not isinstance(node.get(lang), str)]
            if missing or len(node) != len(LANGS):
                raise ValueError(f"{CATALOGUE.name}: '{key}' needs exactly en and sv texts")
            yield key, (node["en"], node["sv"])
        else:
            yield from _leaves(node, f"{key}.")


def read_catalogue(path: Path = CATALOGUE) -> dict[str, tuple[str, str]]:
    """The message catalogue: key -> (English, Swedish)."""
    with path.open("rb") as file:
        return dict(_leaves(tomllib.load(file)))


TEXT: dict[str, tuple[str, str]] = read_catalogue()
"""Every user-facing text by key (see messages.toml)."""


@dataclass(frozen=True)
class Msg:
    """A text by its catalogue key with named parameters: what the loader and the analytics say,
    rendered in either language only when someone reads it. A parameter may itself be a `Msg`."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        if self.key not in TEXT:
            raise KeyError(f"no text '{self.key}' in {CATALOGUE.name}")

    def render(self, lang: str = "en") -> str:
        return tr(self.key, lang, **{name: _param(v, lang) for name, v in self.params})

    def __str__(self) -> str:
        return self.render("en")

    def keys(self) -> Iterator[str]:
        """This text's key and the keys of the texts among its parameters."""
        yield self.key
        for _, value in self.params:
            values = value if isinstance(value, list | tuple) else [value]
            for v in values:
                if isinstance(v, Msg):
                    yield from v.keys()


def msg(key: str, /, **params: object) -> Msg:
    """A `Msg`: `msg("problem.too_large", size=12.5, limit=10.0)`."""
    return Msg(key, tuple(params.items()))


def _param(value: object, lang: str) -> str:
    """A parameter as the language writes it: counts and numbers by Babel, texts by key; anything
    else (file names, values, ids, years) as it is."""
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return integer(value, lang)
    if isinstance(value, float):
        return num(value, lang, 1)
    if isinstance(value, list | tuple):
        return ", ".join(_param(v, lang) for v in value)
    return str(value)

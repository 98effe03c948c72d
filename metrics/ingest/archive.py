"""Safe extraction of a zipped dataset folder: every member is checked before anything is written."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from metrics.ingest.read import SUPPORTED_SUFFIXES
from metrics.text.i18n import Msg, msg

MAX_MEMBERS = 200
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200
"""Largest uncompressed/compressed ratio of one member: more is treated as a zip bomb."""


class UnsafeArchive(Exception):
    """The archive is refused; `reason` says why, by message key."""

    def __init__(self, reason: Msg):
        super().__init__(reason.render("en"))
        self.reason = reason


def safe_members(
    archive: zipfile.ZipFile, max_total: int = MAX_TOTAL_BYTES
) -> tuple[list[zipfile.ZipInfo], list[str]]:
    """The data files of an archive, after checking count, paths, sizes and compression ratios,
    and the names of zips inside it (not opened)."""
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise UnsafeArchive(msg("reason.many_members", n=len(infos), max=MAX_MEMBERS))
    total = 0
    chosen, nested = [], []
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise UnsafeArchive(msg("reason.unsafe_path", name=repr(info.filename)))
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise UnsafeArchive(msg("reason.symlink", name=repr(info.filename)))
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1_000_000:
            ratio = round(info.file_size / max(info.compress_size, 1))
            raise UnsafeArchive(msg("reason.zip_bomb", name=repr(info.filename), ratio=ratio))
        total += info.file_size
        if total > max_total:
            raise UnsafeArchive(msg("reason.archive_too_big", size=round(max_total / 1e6)))
        name = path.name
        if name.startswith((".", "__")) or "__MACOSX" in path.parts:
            continue
        if path.suffix.lower() in (*SUPPORTED_SUFFIXES, ".toml"):
            chosen.append(info)
        elif path.suffix.lower() == ".zip":
            nested.append(str(path))
    return chosen, nested


def extract_dataset(
    zip_path: Path, dest: Path, max_total: int = MAX_TOTAL_BYTES
) -> tuple[list[Path], list[str]]:
    """Extract the data files of `zip_path` into `dest` (flat, numbered names); return their paths
    and the names of zips inside it, which are not opened.

    Raises `UnsafeArchive` or `zipfile.BadZipFile`; writes nothing outside `dest`.
    """
    written: list[Path] = []
    with zipfile.ZipFile(zip_path) as archive:
        members, nested = safe_members(archive, max_total)
        budget = max_total
        for i, info in enumerate(members):
            name = PurePosixPath(info.filename.replace("\\", "/")).name
            # keep the member's own name (tables are recognised by it) inside a numbered folder,
            # so that two members with the same name never collide and no path leaves dest
            target = dest / f"{i:03d}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, target.open("wb") as out:
                copied = _bounded_copy(src, out, min(budget, info.file_size))
            budget -= copied
            written.append(target)
    return written, nested


def _bounded_copy(src, out, limit: int) -> int:
    """Copy at most `limit` bytes; a member that lies about its size stops here."""
    copied = 0
    while chunk := src.read(1 << 20):
        copied += len(chunk)
        if copied > limit:
            raise UnsafeArchive(msg("reason.member_lies"))
        out.write(chunk)
    return copied


MAX_WORKBOOK_CELLS = 5_000_000
"""Most cells of one sheet read: a workbook is read whole (1,048,576 rows × 8 columns cost 0.7 GB
and half a minute), so a bigger sheet is refused before it is read, with a word to save it as CSV."""
_CHUNK = 1 << 20


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _declared(head: bytes) -> tuple[int, int] | None:
    """(rows, cells) a sheet's `dimension` declares, e.g. A1:H1048576."""
    import re

    found = re.search(rb'<(?:\w+:)?dimension ref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"', head)
    if not found or not found.group(3):
        return None
    rows = int(found.group(4)) - int(found.group(2)) + 1
    cols = _column_number(found.group(3)) - _column_number(found.group(1)) + 1
    return rows, rows * cols


def sheet_sizes(
    archive: zipfile.ZipFile, limit: int = MAX_WORKBOOK_CELLS
) -> list[tuple[str, int, int]]:
    """(sheet name, rows, cells) of every worksheet of an .xlsx, counted in the sheet's XML as it is
    decompressed, a megabyte at a time. A `dimension` declaring more than `limit` cells is taken at
    its word (the sheet is refused at once); one declaring fewer is not trusted, and counted."""
    import re

    names = set(archive.namelist())
    titles: dict[str, str] = {}
    if "xl/workbook.xml" in names and "xl/_rels/workbook.xml.rels" in names:
        book = archive.read("xl/workbook.xml")[:1_000_000].decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels")[:1_000_000].decode("utf-8", "replace")
        targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
        targets |= {i: t for t, i in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)}
        for title, rid in re.findall(
            r'<(?:\w+:)?sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]+)"', book
        ):
            target = targets.get(rid, "").lstrip("/")
            titles["xl/" + target if not target.startswith("xl/") else target] = title
    sizes = []
    for name in sorted(n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)):
        with archive.open(name) as member:
            head = member.read(_CHUNK)
            declared = _declared(head)
            if declared and declared[1] > limit:
                sizes.append((titles.get(name, PurePosixPath(name).stem), *declared))
                continue
            root = re.search(rb"<(\w+:)?worksheet\b", head)
            prefix = root.group(1) or b"" if root else b""
            tags = {
                kind: [b"<" + prefix + kind + end for end in (b" ", b">")]
                for kind in (b"c", b"row")
            }
            counts = {b"c": 0, b"row": 0}
            data = head
            while data:
                for kind, patterns in tags.items():
                    counts[kind] += sum(data.count(p) for p in patterns)
                tail = data[-8:]  # a tag cut by the chunk's end is counted with the next chunk
                more = member.read(_CHUNK)
                if not more:
                    break
                for kind, patterns in tags.items():
                    counts[kind] -= sum(tail.count(p) for p in patterns)
                data = tail + more
        title = titles.get(name, PurePosixPath(name).stem)
        sizes.append((title, counts[b"row"], counts[b"c"]))
    return sizes

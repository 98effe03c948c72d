"""The PDF pack of benchmarks shaped unlike the sample: it opens, has a page per slide, and its text
(as poppler's pdftotext reads it) never says "± 0", "None" or "nan"."""

from __future__ import annotations

import subprocess

import pytest

from dashboard.export import boardpack
from tests.app.test_shapes import NONE_WORD, ZERO_MARGIN
from tests.conftest import require_program

SHAPES = ["renamed", "published", "ten_point", "one_wave", "no_industries", "industry_level"]


@pytest.fixture(scope="module")
def shaped(tmp_path_factory):
    from metrics.ingest.load import load_dataset
    from tests.shapes import build_all

    root = tmp_path_factory.mktemp("shapes")
    return {name: load_dataset(path) for name, path in build_all(root).items() if name in SHAPES}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_pdf_pack_of_every_shape_reads_cleanly(shaped, shape, tmp_path):
    pdftotext = require_program("pdftotext", install="poppler-utils")
    dataset = shaped[shape]
    pack = boardpack.build(dataset.tables, dataset.name, lang="en", reps=100, about=dataset.about)
    pdf = boardpack.to_pdf(pack)
    assert pdf[:5] == b"%PDF-"
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout
    pages = text.count("\f")
    assert pages >= len(pack.slides)
    bad = [line for line in text.splitlines() if ZERO_MARGIN.search(line) or NONE_WORD.search(line)]
    assert not bad, bad
    assert pack.slides[1].title.split()[0] in text.replace("\n", " ")

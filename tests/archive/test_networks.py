"""The one loader of the small networks in archive/data (archive.networks)."""
from __future__ import annotations

import numpy as np
import pytest

from archive import lookalikes, marks, networks
from archive.ocr._glyphs import CELL, CLASSES


def test_the_shipped_networks_load_as_float32():
    glyph = networks.load("glyph_model", CLASSES, cell=CELL)
    assert glyph is not None and glyph["w1"].dtype == np.float32
    assert networks.load(marks.MODEL, len(marks.MARKS) + 1, vocab=marks.VOCAB) is not None
    assert networks.load(lookalikes.MODEL, 2, vocab=lookalikes.LOOKALIKE_VOCAB) is not None


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(networks, "DATA", tmp_path)
    networks.load.cache_clear()
    yield tmp_path
    networks.load.cache_clear()


def test_a_network_trained_for_something_else_is_not_used(data_dir):
    w = np.zeros((4, 3), np.float16)
    np.savez(data_dir / "net.npz", classes=np.array(["a", "b", "c"]), cell=np.int64(24),
             embed=np.zeros((10, 2), np.float16), w1=w, b1=np.zeros(3, np.float16))
    assert networks.load("net", ("a", "b", "c"), vocab=10, cell=24) is not None
    assert networks.load("net", ("a", "b", "x")) is None     # other labels
    assert networks.load("net", 4) is None                   # another number of classes
    assert networks.load("net", 3, vocab=11) is None         # another vocabulary
    assert networks.load("net", 3, cell=16) is None          # drawn at another size
    assert networks.load("net", 3, size=1) is None           # a value it does not hold


def test_a_missing_or_damaged_file_gives_none(data_dir):
    (data_dir / "bad.npz").write_bytes(b"not a zip")
    assert networks.load("bad", 2) is None
    assert networks.load("absent", 2) is None

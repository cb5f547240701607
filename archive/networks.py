"""The small networks shipped in archive/data: one way to load them.

Three networks put OCR right: the glyph model that reads Thai digits again
(archive.ocr._glyphs, trained by scripts/train_glyph_model.py), and the tone-mark and
look-alike networks that read the letters around a consonant (archive.marks,
archive.lookalikes, trained by scripts/train_mark_model.py). Each is a `.npz` of weights
stored as float16; they are read once a process, as float32 (numpy only).
"""
from __future__ import annotations

import functools
import re
import zipfile
from pathlib import Path

DATA = Path(__file__).with_name("data")


def path(name: str) -> Path:
    """The file a network is shipped in (and a training script writes)."""
    return DATA / f"{name}.npz"


@functools.lru_cache(maxsize=None)
def load(name: str, classes: tuple[str, ...] | int, vocab: int | None = None,
         **stored: object) -> dict | None:
    """A network's arrays by name (floats as float32), or None when its file or numpy is
    missing, the file is damaged, or it was not trained for what the caller reads: its last
    layer must give `classes` (the labels, which the file must hold too, or their number),
    its embedding must have `vocab` rows, and values stored with it (`stored`, such as the
    cell size a glyph is drawn in) must be the caller's. The reading is then left as OCR
    gave it."""
    try:
        import numpy as np

        with np.load(path(name)) as data:
            arrays = {k: data[k].astype(np.float32) if np.issubdtype(data[k].dtype, np.floating)
                      else data[k] for k in data.files}
    except (ImportError, OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    if not _fits(arrays, classes, vocab, stored):
        return None
    return arrays


def _fits(arrays: dict, classes: tuple[str, ...] | int, vocab: int | None,
          stored: dict[str, object]) -> bool:
    biases = sorted((k for k in arrays if re.fullmatch(r"b\d+", k)), key=lambda k: int(k[1:]))
    if not biases or arrays[biases[-1]].shape != (classes if isinstance(classes, int) else len(classes),):
        return False
    if not isinstance(classes, int) and (
            "classes" not in arrays or tuple(str(c) for c in arrays["classes"]) != classes):
        return False
    if vocab is not None and ("embed" not in arrays or arrays["embed"].shape[0] != vocab):
        return False
    try:
        return all(arrays[k].tolist() == v for k, v in stored.items())
    except KeyError:
        return False

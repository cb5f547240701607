"""Consonants OCR took for their look-alikes, told apart by the letters around them.

Tesseract's Thai model reads ป as บ (ป้องกัน -> บ้องกัน) and now and then ซ for ช or ด for ต:
pairs that differ by a tail or a notch. A network of the same shape as archive.marks
(`data/lookalike_model.npz`, trained by scripts/train_mark_model.py --task lookalikes) reads
eight characters either side of such a consonant, with the consonant itself hidden behind
its pair, and gives the odds of each of the two. The consonant read is replaced only where
the network is far surer of the other; people's names are left as read. Pure functions."""
from __future__ import annotations

import numpy as np

from . import networks
from .marks import HALF_WINDOW, VOCAB, code, forward, slots, windows
from .thaitext import in_spans, name_spans

# Pairs measured confused on the dev scans (บ/ป above all), and the pairs of the same shapes.
PAIRS = ("บป", "ชซ", "ดต", "ผฝ", "พฟ", "ฎฏ", "ถภ")
# The hidden consonant is coded as its pair: codes past the marks network's vocabulary.
PAIR_CODE = {code(ch): VOCAB + k for k, pair in enumerate(PAIRS) for ch in pair}
MEMBER = {code(ch): j for pair in PAIRS for j, ch in enumerate(pair)}
LOOKALIKE_VOCAB = VOCAB + len(PAIRS)
MODEL = "lookalike_model"
MODEL_PATH = networks.path(MODEL)
# OCR takes ป for บ about once in 60 (dev scans): the other reading must be that much likelier.
SWAP_ODDS = 60.0


def examples(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(windows with the consonant hidden, which of its pair was read, index in the text)
    for every consonant of `text` that has a look-alike."""
    s = slots(text)
    centre = s.skeleton[s.where] if len(s.where) else np.zeros(0, np.uint8)
    keep = np.array([int(c) in PAIR_CODE for c in centre], dtype=bool)
    if not keep.any():
        return np.zeros((0, 2 * HALF_WINDOW + 1), np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    win = windows(s.skeleton, s.where[keep]).astype(np.int64)
    mid = win.shape[1] // 2
    read = np.array([MEMBER[int(c)] for c in win[:, mid]])
    win[:, mid] = [PAIR_CODE[int(c)] for c in win[:, mid]]
    return win, read, s.at[keep]


def _params() -> dict[str, np.ndarray] | None:
    return networks.load(MODEL, 2, vocab=LOOKALIKE_VOCAB)


def correct(text: str, swap_odds: float = SWAP_ODDS) -> str:
    """`text` (OCR output) with look-alike consonants read the likelier way."""
    params = _params()
    if not text or params is None:
        return text
    win, read, at = examples(text)
    if not len(read):
        return text
    probs = forward(params, win)
    chars, names = list(text), name_spans(text)
    rows = np.arange(len(read))
    for k in np.flatnonzero(probs[rows, 1 - read] > swap_odds * probs[rows, read]):
        if in_spans(at[k], names):
            continue  # people's names are left as read
        pair = next(p for p in PAIRS if chars[at[k]] in p)
        chars[at[k]] = pair[1 - read[k]]
    return "".join(chars)

"""Tone marks that OCR lost, put back from the letters around them.

Debian's Thai Tesseract model drops about one tone mark in ten (ร่วมมือ -> รวมมือ,
ป้องกัน -> ปองกัน, ที่ -> ที) and now and then reads ้ as ่. A small network (numpy only,
`data/mark_model.npz`, trained by scripts/train_mark_model.py on Thai government prose)
reads the text with all tone marks and the thanthakhat (์) stripped, eight characters either
side of a consonant, and gives the odds of each mark after it. OCR's own reading is the
stronger evidence: a mark is added only where the network is far surer of it than of no mark,
and a mark read is replaced only where the network all but rules it out. Pure functions."""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from . import networks
from .thaitext import in_spans, name_spans

MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์ : labels 1..5, 0 is no mark
_LABEL = {ch: k + 1 for k, ch in enumerate(MARKS)}
# Vowels written above or below their consonant: a tone mark comes after them (ที่, ตั้ง).
_ABOVE_BELOW = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e4d")
HALF_WINDOW = 8
_THAI = re.compile("[\u0e01-\u0e4e]")
VOCAB = 96  # 0 padding, 1..91 the Thai block, 92 space, 93 Latin letter, 94 digit, 95 other
MODEL = "mark_model"
MODEL_PATH = networks.path(MODEL)

# Odds needed to change what OCR read. A lost mark: OCR drops about 10 % of tone marks, so
# no mark read is weak evidence; a mark read in place of another is rarer still (1-2 %).
# Measured on the dev scans (CER after repair), see scripts/train_mark_model.py.
ADD_ODDS = 16.0
SWAP_ODDS = 60.0
DROP_ODDS = 10000.0  # a speck read as a mark where none was printed is rarer still


class Slots(NamedTuple):
    """The places a mark may follow, in a text's skeleton (the text without marks)."""
    skeleton: np.ndarray   # character codes (VOCAB ids) of the skeleton
    where: np.ndarray      # skeleton index of each slot's consonant
    label: np.ndarray      # mark read after it (0 none)
    insert_at: np.ndarray  # index in the text where a missing mark goes
    mark_at: np.ndarray    # index in the text of the mark read (-1 none)
    at: np.ndarray         # index in the text of the consonant


def code(ch: str) -> int:
    o = ord(ch)
    if 0x0E01 <= o <= 0x0E5B:
        return o - 0x0E00
    if ch.isspace():
        return 92
    if ch.isascii() and ch.isalpha():
        return 93
    if ch.isdigit():
        return 94
    return 95


def slots(text: str) -> Slots:
    """Every Thai consonant of `text` as a slot, with the mark that follows it."""
    skeleton: list[int] = []
    where: list[int] = []
    label: list[int] = []
    insert_at: list[int] = []
    mark_at: list[int] = []
    at: list[int] = []
    open_cluster = False
    for i, ch in enumerate(text):
        mark = _LABEL.get(ch)
        if mark is not None:
            if open_cluster and label[-1] == 0:
                label[-1], mark_at[-1] = mark, i
            continue
        if 0x0E01 <= ord(ch) <= 0x0E2E:
            where.append(len(skeleton))
            label.append(0)
            insert_at.append(i + 1)
            mark_at.append(-1)
            at.append(i)
            open_cluster = True
        elif ch in _ABOVE_BELOW and open_cluster:
            insert_at[-1] = i + 1
        else:
            open_cluster = False
            # A line break between Thai letters is a wrap, often inside a word (หน่|วยงาน):
            # the network reads across it, as it was trained on unwrapped prose.
            if ch == "\n" and _THAI.match(text, i - 1) and _THAI.match(text, i + 1):
                continue
        skeleton.append(code(ch))
    return Slots(np.array(skeleton, dtype=np.uint8), np.array(where, dtype=np.int64),
                 np.array(label, dtype=np.int64), np.array(insert_at, dtype=np.int64),
                 np.array(mark_at, dtype=np.int64), np.array(at, dtype=np.int64))


def windows(skeleton: np.ndarray, where: np.ndarray) -> np.ndarray:
    """The skeleton around each slot: HALF_WINDOW characters either side (0 past the ends)."""
    padded = np.concatenate([np.zeros(HALF_WINDOW, np.uint8), skeleton, np.zeros(HALF_WINDOW, np.uint8)])
    view = np.lib.stride_tricks.sliding_window_view(padded, 2 * HALF_WINDOW + 1)
    return view[where]


def forward(params: dict[str, np.ndarray], win: np.ndarray) -> np.ndarray:
    """Probabilities of no mark and of each mark, one row per window."""
    x = params["embed"][win].reshape(len(win), -1)
    h = np.maximum(x @ params["w1"] + params["b1"], 0)
    h = np.maximum(h @ params["w2"] + params["b2"], 0)
    z = h @ params["w3"] + params["b3"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _params() -> dict[str, np.ndarray] | None:
    return networks.load(MODEL, len(MARKS) + 1, vocab=VOCAB)


def restore(text: str, add_odds: float = ADD_ODDS, swap_odds: float = SWAP_ODDS,
            drop_odds: float = DROP_ODDS) -> str:
    """`text` (OCR output) with lost tone marks put back and misread ones corrected."""
    params = _params()
    if not text or params is None:
        return text
    s = slots(text)
    if not len(s.where):
        return text
    probs = forward(params, windows(s.skeleton, s.where))
    names = name_spans(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in text
    for k in range(len(s.where)):
        if in_spans(s.insert_at[k] - 1, names):
            continue
        p, read = probs[k], s.label[k]
        if read == 0:
            best = int(np.argmax(p[1:])) + 1
            if p[best] > add_odds * p[0]:
                edits.append((s.insert_at[k], s.insert_at[k], MARKS[best - 1]))
        elif p[0] > drop_odds * p[read]:
            edits.append((s.mark_at[k], s.mark_at[k] + 1, ""))
        else:
            best = int(np.argmax(p))
            if best != read and best != 0 and p[best] > swap_odds * p[read]:
                edits.append((s.mark_at[k], s.mark_at[k] + 1, MARKS[best - 1]))
    if not edits:
        return text
    out, last = [], 0
    for start, end, repl in edits:
        out += [text[last:start], repl]
        last = end
    out.append(text[last:])
    return "".join(out)

"""Thai typed fast, read as the words the archive knows (`ประชาสัมพันธผลงาน` ->
ประชาสัมพันธ์ผลงาน, `โปร้งใส` -> โปร่งใส, `งบประมาน` -> งบประมาณ). Pure: the caller gives
the vocabulary.

Thai is written without spaces, so a mistyped word cannot be looked up alone: a run of Thai
is read whole (a long one around its rare words), as the sequence of known words that
costs least. The edits fast typing makes
most often cost least: a tone mark or ์ left out, doubled or typed as another, an upper or
lower vowel left out or typed as another, one consonant typed as its look-alike or
sound-alike (ข/ช, บ/ป, น/ณ, ส/ศ/ษ), ใ for ไ. Any other edit is not made. To find the
candidates fast, words are looked up by their skeleton, the word without its marks
(`skeleton`): every word a run can be read as has the skeleton of a piece of the run, give
or take one consonant. Among readings with equal edits, common words win.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Protocol

from archive.marks import MARKS as TONE_MARKS  # ่ ้ ๊ ๋ and ์
from archive.thaitext import MARKS as _MARKS      # and the upper and lower vowels
from archive.thaitext import bare as skeleton

from ._segment import COARSE_ENGINE, segment

UPPER_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"
LOWER_VOWELS = "\u0e38\u0e39"
THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")

# Consonants (and two leading vowels) typed for one another: the same shape but for a
# tail or a notch, or the same sound.
CONFUSABLE = ("ขช", "บป", "ดต", "ผฝ", "พฟ", "ฎฏ", "ถภ", "ชซ", "ดค",   # shape
              "ขฃ", "คฆ", "คฅ", "ฉช", "ชฌ", "ซศ", "ซษ", "ซส", "ศษ", "ศส", "ษส",  # sound
              "ทธ", "ทฒ", "ทฑ", "ธฒ", "ตฏ", "ดฎ", "ถฐ", "นณ", "พภ", "ยญ", "ลฬ", "ฟฝ",
              "ใไ")
PARTNERS: dict[str, str] = {}
for _a, _b in CONFUSABLE:
    PARTNERS[_a] = PARTNERS.get(_a, "") + _b
    PARTNERS[_b] = PARTNERS.get(_b, "") + _a

# What an edit costs. A word reads as the typed piece only within MAX_WORD_EDIT; a run
# whose reading costs more than MAX_RUN_EDIT is left as typed.
TONE_EDIT = 0.3          # a tone mark or ์ left out, added or changed
VOWEL_EDIT = 0.4         # an upper or lower vowel left out, added or changed
MARK_SWAP = 0.6          # a tone mark typed for a vowel mark, or the reverse
CONSONANT_EDIT = 0.5     # a confusable consonant
MAX_WORD_EDIT = 1.0
MAX_RUN_EDIT = 1.6
# A word of the reading costs WORD_COST (fewer, longer words read better: ภาษี rather
# than ภา|สี, เงินเดือน rather than เงิน|เตือน) and, by how rare it is, up to RARE_COST
# more (log of the letters over the letters that have it, scaled to 0..1): a rare word the
# typed text spells exactly yields to a common one a tone mark away.
WORD_COST = 0.15
RARE_COST = 1.0
UNKNOWN_CHAR = 1.0       # a character no known word covers (a name, a typo we do not fix)
# A vowel written after its consonant (ะ า ำ) cannot begin a piece of a reading, nor one
# written before it (เ แ โ ใ ไ) end one: a reading that leaves one beside a changed word
# has cut a word the archive lacks in two (บัญชาการ read as บัญชี|า|การ), and is not made.
FOLLOWING_VOWELS = "ะาำๅ"
LEADING_VOWELS = "เแโใไ"
MAX_WORD_CHARS = 24      # skeleton characters in the longest word looked up
MAX_SWAP_CHARS = 12      # ... and in the longest looked up with a consonant changed


@lru_cache(maxsize=8192)  # (about 1 KB an entry)
def _clusters(text: str) -> tuple[list[str], list[str]]:
    """Skeleton characters and the marks written after each (marks before the first are
    the first's). (Kept: the same words are compared again and again; do not change the
    lists.)"""
    base, marks = [], []
    for ch in text:
        if ch in _MARKS and base:
            marks[-1] += ch
        elif ch in _MARKS:
            base.append("")
            marks.append(ch)
        else:
            base.append(ch)
            marks.append("")
    return base, marks


def _mark_cost(ch: str) -> float:
    return TONE_EDIT if ch in TONE_MARKS else VOWEL_EDIT


@lru_cache(maxsize=4096)
def _marks_edit(a: str, b: str) -> float:
    """Edit cost between the marks on one consonant as typed (`a`) and as written (`b`)."""
    if a == b:
        return 0.0
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + _mark_cost(ch))
    for ca in a:
        cur = [prev[0] + _mark_cost(ca)]
        for j, cb in enumerate(b, 1):
            swap = 0.0 if ca == cb else (
                _mark_cost(ca) if (ca in TONE_MARKS) == (cb in TONE_MARKS) else MARK_SWAP)
            cur.append(min(prev[j] + _mark_cost(ca), cur[j - 1] + _mark_cost(cb),
                           prev[j - 1] + swap))
        prev = cur
    return prev[-1]


def edit_cost(typed: str, word: str) -> float:
    """What reading `typed` as `word` costs (see the costs above); math.inf beyond the edits
    this module makes (their skeletons differ by more than one confusable consonant)."""
    tb, tm = _clusters(typed)
    wb, wm = _clusters(word)
    if len(tb) != len(wb):
        return math.inf
    cost, swapped = 0.0, False
    for a, b, ma, mb in zip(tb, wb, tm, wm):
        if a != b:
            if swapped or b not in PARTNERS.get(a, ""):
                return math.inf
            swapped, cost = True, cost + CONSONANT_EDIT
        if ma != mb:
            cost += _marks_edit(ma, mb)
    return cost


class Vocabulary(Protocol):
    letters: int  # how many letters the vocabulary comes from
    memo: dict    # what reading runs against it found, kept with it (see _pieces)

    def words(self, skeletons: list[str]) -> dict[str, list[tuple[str, int]]]:
        """For each skeleton, the known words that have it, with how many letters have
        each (skeletons no word has are left out)."""


@dataclass
class Reading:
    text: str       # the run as read
    edits: float    # what its edits cost (0: the run as typed)
    cost: float     # edits, words and unknown characters: what the reading is chosen by


# A consonant alone in the vocabulary is an abbreviation (น. for นาฬิกา, ป. for ประถม);
# typed inside a run of Thai it is a word only if it is one of these.
ONE_LETTER_WORDS = frozenset("ณ")


def _variants(key: str) -> list[str]:
    """`key` and the keys one confusable consonant away."""
    out = [key]
    for i, ch in enumerate(key):
        for other in PARTNERS.get(ch, ""):
            out.append(key[:i] + other + key[i + 1:])
    return out


@dataclass
class _Piece:
    start: int            # skeleton characters of the run
    end: int
    typed: str
    words: list           # [(cost, edits, word)], cheapest first (empty: unknown)


MEMO_RUNS = 128  # runs whose pieces a vocabulary keeps (paging reads again; ~44 KB a run)


def _pieces(run: str, vocabulary: Vocabulary) -> tuple[list[str], dict[tuple[int, int], list]]:
    """The run's clusters (a skeleton character and its marks) and, for each piece of them
    (start, end), the known words it can be read as: [(cost, edits, word)], cheapest
    first. Kept in the vocabulary's memo."""
    memo = getattr(vocabulary, "memo", None)
    found = memo.get(run) if memo is not None else None
    if found is None:
        found = _read_pieces(run, vocabulary)
        if memo is not None:
            if len(memo) >= MEMO_RUNS:
                memo.clear()
            memo[run] = found
    return found


def _read_pieces(run: str, vocabulary: Vocabulary) -> tuple[list[str], dict]:
    base, marks = _clusters(run)
    clusters = [b + m for b, m in zip(base, marks)]
    sk = "".join(base)
    m = len(base)
    keys: dict[str, list[tuple[int, int]]] = {}
    for i in range(m):
        for j in range(i + 1, min(m, i + MAX_WORD_CHARS) + 1):
            for key in _variants(sk[i:j]) if j - i <= MAX_SWAP_CHARS else (sk[i:j],):
                keys.setdefault(key, []).append((i, j))
    found = vocabulary.words(list(keys))
    scale = math.log(max(vocabulary.letters, 2))
    edges: dict[tuple[int, int], list] = {}
    for key, words in found.items():
        for i, j in keys[key]:
            typed = "".join(clusters[i:j])
            for word, letters in words:
                if len(word) == 1 and word not in ONE_LETTER_WORDS:
                    continue
                edits = edit_cost(typed, word)
                if edits > MAX_WORD_EDIT:
                    continue
                rare = math.log(max(vocabulary.letters, letters) / max(letters, 1)) / scale
                edges.setdefault((i, j), []).append(
                    (edits + WORD_COST + RARE_COST * rare, edits, word))
    for options in edges.values():
        options.sort()
    return clusters, edges


def _cheapest(clusters: list[str], edges: dict) -> tuple[Reading, list[_Piece]]:
    """The cheapest reading (a shortest path over the pieces)."""
    m = len(clusters)
    by_end: dict[int, list[int]] = {}
    for i, j in edges:
        by_end.setdefault(j, []).append(i)
    # best[j]: the cheapest reading of the first j clusters: (cost, from, by a known word)
    best: list[tuple[float, int, bool]] = [(0.0, -1, False)] + [(math.inf, -1, False)] * m
    for j in range(1, m + 1):
        choice = (best[j - 1][0] + UNKNOWN_CHAR, j - 1, False)
        for i in by_end.get(j, ()):
            if best[i][0] + edges[(i, j)][0][0] < choice[0]:
                choice = (best[i][0] + edges[(i, j)][0][0], i, True)
        best[j] = choice
    path, j = [], m
    while j > 0:
        _cost, i, known = best[j]
        path.append(_Piece(i, j, "".join(clusters[i:j]), edges[(i, j)] if known else []))
        j = i
    path.reverse()
    text = "".join(p.words[0][2] if p.words else p.typed for p in path)
    edits = sum(p.words[0][1] for p in path if p.words)
    return Reading(text, round(edits, 6), best[m][0]), path


def read_run(run: str, vocabulary: Vocabulary) -> Reading:
    """The cheapest reading of a run of Thai as known words (see the module's comment)."""
    return _cheapest(*_pieces(run, vocabulary))[0]


@dataclass
class Correction:
    text: str           # the text as corrected
    words: list[str]    # the known words it puts in place of typed ones
    replaced: list[str] = field(default_factory=list)  # the typed pieces they replace
    read: list[str] = field(default_factory=list)      # every known word they are read as
    # each run changed: where it is in the text typed and how it reads
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def only(self, typed: str, keep: list[int]) -> str:
        """`typed` with only the changes of runs number `keep` made."""
        for k in sorted(keep, reverse=True):
            start, end, read = self.spans[k]
            typed = typed[:start] + read + typed[end:]
        return typed


def correct(text: str, vocabulary: Vocabulary, runs: set[str] | None = None,
            suspect: Callable[[str], bool] | None = None) -> Correction | None:
    """`text` with each run of Thai (of `runs` only, if given) read as known words, when
    that changes something and costs at most MAX_RUN_EDIT a run; else None. With
    `suspect(word)`, of a run longer than WHOLE_RUN_CHARS only the words of its
    dictionary segmentation that it suspects are read, each with the word before and
    after it (a long run of common words costs nothing)."""
    found = Correction(text or "", [])
    for start, end in reversed(list(_windows(text, runs, suspect))):
        run = found.text[start:end]
        reading, path = _cheapest(*_pieces(run, vocabulary))
        if 0 < reading.edits <= MAX_RUN_EDIT and reading.text != run \
                and not _cuts_a_word(path):
            changed = [p for p in path if p.words and p.words[0][1] > 0]
            found.words[:0] = [p.words[0][2] for p in changed]
            found.replaced[:0] = [p.typed for p in changed]
            found.read[:0] = [p.words[0][2] for p in path if p.words]
            found.spans.insert(0, (start, end, reading.text))
            found.text = found.text[:start] + reading.text + found.text[end:]
    return found if found.words else None


def _cuts_a_word(path: list[_Piece]) -> bool:
    """Whether a changed word of the reading stands beside an unknown piece it cut off."""
    for k, piece in enumerate(path):
        if not piece.words or piece.words[0][1] == 0:
            continue
        after = path[k + 1] if k + 1 < len(path) else None
        before = path[k - 1] if k > 0 else None
        if after and not after.words and after.typed[:1] in FOLLOWING_VOWELS:
            return True
        if before and not before.words and before.typed[-1:] in LEADING_VOWELS:
            return True
    return False


MAX_ALTERNATIVES = 12


def alternatives(text: str, vocabulary: Vocabulary,
                 runs: set[str] | None = None) -> list[Correction]:
    """`text` with one known word put in place of a piece of it as typed, a few edits
    away (ขาวปลอม: ข่าวปลอม, ข้าวปลอม; ลูกบิดประดู: ลูกบิดประตู), cheapest first, at most
    MAX_ALTERNATIVES: for a text whose words are all known but not what was meant. The
    word stands for whole words of the cheapest reading; where that reading has pieces
    typed as no known word, for those. Which one was meant, the letters tell (the
    caller's choice). `words` of each: the new word and the known words typed beside it in
    its run."""
    found = []
    for m in _runs(text, runs):
        clusters, edges = _pieces(m.group(), vocabulary)
        _reading, path = _cheapest(clusters, edges)
        suspect = [(p.start, p.end) for p in path if not p.words or p.words[0][1] > 0]
        bounds = {p.start for p in path} | {len(clusters)}
        for (i, j), options in edges.items():
            if i not in bounds or j not in bounds:
                continue  # a word over part of a word read (ป of ประ): not what was meant
            if suspect and not any(i < end and start < j for start, end in suspect):
                continue
            beside = [p.typed for p in path if (p.end <= i or p.start >= j)
                      and any(e == 0 for _c, e, _w in p.words)]
            for cost, edits, word in options:
                if edits == 0:
                    continue
                run = "".join(clusters[:i]) + word + "".join(clusters[j:])
                found.append((cost, Correction(text[:m.start()] + run + text[m.end():],
                                               [word] + beside,
                                               spans=[(m.start(), m.end(), run)])))
    found.sort(key=lambda f: f[0])
    out, seen = [], set()
    for _cost, c in found:
        if c.text not in seen:
            seen.add(c.text)
            out.append(c)
    return out[:MAX_ALTERNATIVES]


# A run this long or shorter is read whole even when no word of it is suspect: its words
# as typed may all be common, and still make a longer word mistyped (โรคติดเชื่อไวรัส
# for โรคติดเชื้อไวรัส). A longer one (a phrase) only around its suspect words.
WHOLE_RUN_CHARS = 24


def _windows(text: str, only: set[str] | None, suspect: Callable[[str], bool] | None):
    """(start, end) of what `correct` reads: each run, or around its suspect words."""
    for m in _runs(text, only):
        if suspect is None or len(m.group()) <= WHOLE_RUN_CHARS:
            yield m.start(), m.end()
            continue
        words = list(segment(m.group(), COARSE_ENGINE))
        spans: list[list[int]] = []
        for k, (word, _s, _e) in enumerate(words):
            if suspect(word):
                lo, hi = words[max(k - 1, 0)][1], words[min(k + 1, len(words) - 1)][2]
                if spans and lo <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], hi)
                else:
                    spans.append([lo, hi])
        for lo, hi in spans:
            # a window starts and ends where the run does if a word does there
            lo = 0 if lo <= words[0][1] else lo
            hi = len(m.group()) if hi >= words[-1][2] else hi
            yield m.start() + lo, m.start() + hi


# An abbreviation as letters print it, Thai letters with a dot after each group (ป.ป.ส.,
# ก.พ., ศบค.): letters, not words, never read as words.
ABBREVIATION = re.compile(r"(?<![\u0e01-\u0e4e.])(?:[\u0e01-\u0e2e]{1,4}\.)+")


def _runs(text: str, only: set[str] | None):
    """The runs of Thai of `text` that are read (of `only`, if given): not the letters of
    an abbreviation (a letter alone is read: ป 2564 for ปี 2564)."""
    text = text or ""
    letters = {i for m in ABBREVIATION.finditer(text) for i in range(m.start(), m.end())}
    for m in THAI_RUN.finditer(text):
        if only is not None and m.group() not in only:
            continue
        if m.start() in letters:
            continue
        yield m

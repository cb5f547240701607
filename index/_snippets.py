"""HTML-safe snippets: the best window of the stored text, every character escaped, the
matched words in <mark>. Works on the original text, so highlights sit on the characters
the user sees whatever segmentation found them."""
from __future__ import annotations

import re
from html import escape

from ._segment import fold, segment

WINDOW = 240
SUBSTRING = "substring"  # pattern "engine": mark every occurrence, inside words too
# Matches checked per pattern: enough to choose the best window. (200 made snippets 9 % of
# a search at 20,000 letters: a common word checked 200 times in a long letter.)
MAX_SPANS = 40
_CONTEXT = 60            # characters of context segmented around a candidate
# Between two terms of a sequence: anything that is not a word character (spaces, line
# breaks, dots); Thai marks count as word characters.
_GAP = r"[^\w\u0e01-\u0e4e]*"


def match_spans(text: str, patterns: dict[str, list[list[str]]],
                extra: list[tuple[int, int]] = (),
                within: tuple[int, int] | None = None,
                folded: str | None = None) -> list[tuple[int, int]]:
    """Character spans of `text` where a pattern's term sequence occurs as whole words of
    that engine's segmentation (SUBSTRING: anywhere); `within`: only those inside that
    range. Candidates are found by a plain search of the folded text (`folded`, when the
    caller has it); only a little context around each is segmented, so long letters cost
    little."""
    spans = list(extra)
    cuts: dict = {}  # segmentations of the windows already looked at
    for start, end, engine in _candidates(folded or _folded(text), patterns, within):
        if engine == SUBSTRING or _aligned(text, start, end, engine, cuts):
            spans.append((start, end))
    return _merge(spans)


def _folded(text: str) -> str:
    """The text as terms are stored (fold), or as it is when folding changes its length
    (offsets would drift)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else text


def _candidates(folded: str, patterns: dict[str, list[list[str]]],
                within: tuple[int, int] | None = None):
    """(start, end, engine) of every plain occurrence of a pattern's sequence in the
    folded text, at most MAX_SPANS a pattern."""
    lo, hi = within or (0, len(folded))
    for engine, seqs in patterns.items():
        for seq in seqs or ():
            if not seq:
                continue
            rx = re.compile(_GAP.join(re.escape(t) for t in seq))
            found = 0
            for m in rx.finditer(folded, max(0, lo - _CONTEXT)):
                if m.start() >= hi:
                    break
                if m.end() == m.start() or m.start() < lo:
                    continue
                yield m.start(), m.end(), engine
                found += 1
                if found >= MAX_SPANS:
                    break


def best_snippet(text: str, patterns: dict[str, list[list[str]]],
                 extra: list[tuple[int, int]] = (), window: int = WINDOW) -> str:
    """The snippet of `text`: the window with the most matches, the matches marked.
    Windows are ranked by the plain occurrences of the patterns, and only the best ones
    are segmented to keep whole-word matches (segmenting every occurrence in a long
    letter was 20 % of a search); if none of them has a whole-word match, every
    occurrence is checked."""
    if not text:
        return ""
    folded = _folded(text)
    raw = sorted([(s, e) for s, e, _eng in _candidates(folded, patterns)] + list(extra))
    for start in _best_windows(raw, window)[:3]:
        region = (max(0, start - window), min(len(text), start + 2 * window))
        spans = match_spans(text, patterns, [x for x in extra if region[0] <= x[0] < region[1]],
                            within=region, folded=folded)
        if any(start <= s and e <= start + window for s, e in spans):
            return snippet(text, spans, window)
    return snippet(text, match_spans(text, patterns, extra, folded=folded), window)


def _best_windows(spans: list[tuple[int, int]], window: int) -> list[int]:
    """Window starts (at a span), the ones holding the most spans first. `spans` are
    sorted, so each window counts only the spans that start inside it."""
    counted: dict[int, int] = {}
    for i, (s, _e) in enumerate(spans):
        if s in counted:
            continue
        n, j = 0, i
        while j < len(spans) and spans[j][0] <= s + window:
            n += spans[j][1] <= s + window
            j += 1
        counted[s] = n
    return sorted(counted, key=lambda s: (-counted[s], s))


def _aligned(text: str, start: int, end: int, engine: str, cuts: dict) -> bool:
    """Does the engine's segmentation put word boundaries at start and end? Segments
    the candidate with some context, cut at whitespace where possible (`cuts` keeps the
    boundaries of each window segmented)."""
    a = max(0, start - _CONTEXT)
    ws = max(text.rfind(" ", a, start), text.rfind("\n", a, start))
    a = ws + 1 if ws >= 0 else a
    b = min(len(text), end + _CONTEXT)
    ws = [i for i in (text.find(" ", end, b), text.find("\n", end, b)) if i >= 0]
    b = min(ws) if ws else b
    key = (a, b, engine)
    if key not in cuts:
        found = list(segment(text[a:b], engine))
        cuts[key] = ({a + s for _, s, _e in found}, {a + e for _, _s, e in found})
    starts, ends = cuts[key]
    return start in starts and end in ends


def _merge(spans):
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for s, e in spans:
        parts.append(escape(text[pos:s]))
        parts.append("<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    parts.append(escape(text[pos:]))
    return "".join(parts)


def snippet(text: str, spans: list[tuple[int, int]], window: int = WINDOW) -> str:
    """The window with the most matches; whitespace collapsed for display."""
    if not text:
        return ""
    if not spans:
        return escape(_squash(text[:window])) + ("…" if len(text) > window else "")
    best, best_count = spans[0][0], 0
    for s, _ in spans:
        count = sum(1 for a, b in spans if s <= a and b <= s + window)
        if count > best_count:
            best, best_count = s, count
    start = max(0, best - window // 4)
    # Do not cut a word in half at the start: back up to whitespace if it is near.
    ws = text.rfind(" ", max(0, start - 20), start)
    start = ws + 1 if ws >= 0 else start
    end = min(len(text), start + window)
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    body = mark(text[start:end], inside)
    body = _squash(body)
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def _squash(text: str) -> str:
    return " ".join(text.split())

"""HTML-safe snippets: the best window of the stored text, every character escaped, the
matched words in <mark>. Works on the original text, so highlights sit on the characters
the user sees whatever segmentation found them."""
from __future__ import annotations

from html import escape

from ._analyzer import fold, segment

WINDOW = 240


def match_spans(text: str, patterns: dict[str, list[list[str]]],
                extra: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans of `text` where a pattern's term sequence occurs."""
    spans = list(extra)
    for engine, seqs in patterns.items():
        if not seqs:
            continue
        toks = [(fold(w), s, e) for w, s, e in segment(text, engine)]
        words = [t[0] for t in toks]
        for seq in seqs:
            n = len(seq)
            for i in range(len(words) - n + 1):
                if words[i:i + n] == seq:
                    spans.append((toks[i][1], toks[i + n - 1][2]))
    return _merge(spans)


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

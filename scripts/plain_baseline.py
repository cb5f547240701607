"""The plain baseline known-item search is compared with (`eval_search --known-items`): the
same text files in a Whoosh index of PyThaiNLP newmm tokens, the first line as a `title`
field boosted 3×, the whole text as `body`, BM25F, any word of the query may match. It
reads nothing else of a file (no fields, no repairs) and builds in one process.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

_WORD = re.compile(r"[^\W_]", re.UNICODE)  # a token with a letter or digit in it
TITLE_BOOST = 3.0


class _Newmm:
    """newmm tokens as a Whoosh analyzer (no positions needed: words only)."""

    def __call__(self, value, **kwargs):
        from whoosh.analysis import Token

        token = Token(**kwargs)
        for pos, word in enumerate(tokens(value)):
            token.text, token.pos, token.boost, token.stopped = word, pos, 1.0, False
            yield token


def tokens(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w.lower() for w in word_tokenize(text, engine="newmm", keep_whitespace=False)
            if _WORD.search(w)]


def _schema():
    from whoosh.fields import ID, TEXT, Schema

    return Schema(path=ID(stored=True, unique=True),
                  title=TEXT(analyzer=_Newmm(), field_boost=TITLE_BOOST),
                  body=TEXT(analyzer=_Newmm()))


def build(archive: Path, index: Path, reuse: bool = False):
    """The baseline index of every .txt under `archive` (paths relative to it); kept and
    reused when `reuse` and it exists. Prints the rate."""
    from whoosh import index as wix

    if reuse and index.is_dir() and wix.exists_in(str(index)):
        return wix.open_dir(str(index))
    index.mkdir(parents=True, exist_ok=True)
    ix = wix.create_in(str(index), _schema())
    files = sorted(archive.rglob("*.txt"))
    t0 = time.monotonic()
    writer = ix.writer(limitmb=256)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        first = text.strip().split("\n", 1)[0]
        writer.add_document(path=str(path.relative_to(archive)), title=first, body=text)
    writer.commit()
    seconds = time.monotonic() - t0
    print(f"plain baseline: {len(files)} texts indexed in {seconds:.0f} s "
          f"({len(files) / max(seconds, 1e-9):.0f} texts/s, one process)", file=sys.stderr)
    return ix


def search(searcher, text: str, limit: int = 10) -> list[str]:
    """Paths of the best `limit` texts for the words of `text`, any of them matching."""
    from whoosh import query as Q

    words = list(dict.fromkeys(tokens(text)))
    if not words:
        return []
    q = Q.Or([Q.Term(f, w) for w in words for f in ("title", "body")])
    return [hit["path"] for hit in searcher.search(q, limit=limit)]

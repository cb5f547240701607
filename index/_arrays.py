"""What a search reads of one commit of the index, as numpy arrays, kept for the next one.

Whoosh walks posting lists one posting at a time in Python; this reads a term's postings a
block at a time (a block is one pickled tuple of up to 128 ids, weights and positions)
into arrays, and keeps them, with field lengths, facet columns and vocabularies, until the
next commit. Every thread of a process shares them (arrays are never changed once made).
Positions are read again where a phrase needs them (`positions`), and the blocks read are
kept too, within a budget of bytes (`_Kept`).
"""
from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from itertools import accumulate
from dataclasses import dataclass
from pickle import loads

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length

from ._parse import SUBSTRING_MIN_CHARS
from ._schema import PREFIX_VOCABULARY, SUBSTRING_VOCABULARIES
from ._spelling import skeleton

# The vocabularies mistyped words are read against (see _spelling): the body's dictionary
# words, which hold every word a letter has, and its smaller words (เลือกตั้ง is indexed
# inside การเลือกตั้ง as เลือก|ตั้ง there).
SPELLING_VOCABULARIES = ("body", "body_fine")

# Blocks of positions kept per commit and process, in bytes (estimated).
BLOCKS_BUDGET = 32 * 1024 * 1024

# What phrases have been read to hold or not, per commit and process (two masks of every
# letter and the letters with all the words: 0.2 MB a phrase at 100,000 letters).
PHRASES_BUDGET = 24 * 1024 * 1024

# Postings kept per commit and process, in bytes of arrays (a term in every one of
# 100,000 letters takes 0.8 MB). The least recently used go first.
POSTINGS_BUDGET = 48 * 1024 * 1024

_LENGTH_OF_BYTE = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float64)


@dataclass
class Postings:
    """One term's postings over the whole index: global docnums (ascending) and weights
    (term frequency times the field's boost, as Whoosh scores them)."""
    ids: np.ndarray
    weights: np.ndarray
    # Where to read positions again: per block (leaf number, data offset, length,
    # compressed), and the index in `ids` at which each block starts.
    blocks: list
    block_starts: np.ndarray
    inline_values: list | None = None  # positions of terms Whoosh keeps inline
    key: tuple = ()                     # (field, term bytes)

    @property
    def nbytes(self) -> int:
        return self.ids.nbytes + self.weights.nbytes + 64 * len(self.blocks) + 200


EMPTY = Postings(np.zeros(0, np.int32), np.zeros(0, np.float32), [], np.zeros(0, np.int64))


_MISSING = object()


class _Kept:
    """Values kept up to a budget of bytes, the least recently used dropped first."""

    def __init__(self, budget: int):
        self.budget = budget
        self._items: OrderedDict[tuple, tuple] = OrderedDict()  # key -> (value, size)
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, default=_MISSING):
        with self._lock:
            held = self._items.get(key)
            if held is None:
                return default
            self._items.move_to_end(key)
            return held[0]

    def put(self, key: tuple, value, size: int):
        """`value`, or the one another thread put first."""
        with self._lock:
            held = self._items.get(key)
            if held is not None:
                return held[0]
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.budget and len(self._items) > 1:
                _k, (_v, old) = self._items.popitem(last=False)
                self._bytes -= old
            return value


class Arrays:
    """The arrays of one commit (one reader generation) of an index."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.n = reader.doc_count_all()
        gone = np.zeros(self.n, dtype=bool)
        for leaf, offset in reader.leaf_readers():
            deleted = list(leaf.deleted_docs_set)
            if deleted:
                gone[np.asarray(deleted, dtype=np.int64) + offset] = True
        self.deleted = gone
        self._lock = threading.Lock()
        self._postings = _Kept(POSTINGS_BUDGET)
        self._blocks = _Kept(BLOCKS_BUDGET)
        self._phrases = _Kept(PHRASES_BUDGET)
        self._made: dict[tuple, object] = {}  # lengths, columns, vocabularies

    # -- postings ------------------------------------------------------------------------
    def postings(self, searcher, fieldname: str, text, phrase: bool = False) -> Postings:
        """The term's postings. `phrase`: a phrase will read its positions, so the blocks
        read now are kept for that (reading ids unpickles the positions anyway)."""
        field = searcher.schema[fieldname]
        btext = text if isinstance(text, bytes) else field.to_bytes(text)
        key = (fieldname, btext)
        found = self._postings.get(key)
        if found is _MISSING:
            found = self._read(searcher, fieldname, btext, field.format, phrase)
            found = self._postings.put(key, found, found.nbytes)
        return found

    def phrase(self, key: tuple, make):
        """The state of a phrase (see _evaluate._Phrase), made by `make()` the first time
        (None: a word of it is not in the index)."""
        state = self._phrases.get(key)
        if state is _MISSING:
            state = make()
            size = 64 if state is None else (state.cand.nbytes + state.score.nbytes
                                             + state.known.nbytes + state.holds.nbytes)
            state = self._phrases.put(key, state, size)
        return state

    def _read(self, searcher, fieldname: str, btext: bytes, fmt, keep: bool) -> Postings:
        ids, weights, blocks, starts, inline = [], [], [], [], None
        count = 0
        # The leaves of *this* searcher: its files are this thread's to read.
        for li, (leaf, offset) in enumerate(searcher.reader().leaf_readers()):
            if (fieldname, btext) not in leaf:
                continue
            m = leaf._terms.matcher(fieldname, btext, fmt)
            if isinstance(m, W3LeafMatcher):
                while True:
                    m._read_data()
                    data = m._data
                    block_ids = np.cumsum(np.asarray(data[0], dtype=np.int64)) + offset
                    w = data[1]
                    if w is None:
                        block_w = np.ones(len(block_ids), dtype=np.float32)
                    elif isinstance(w, float):
                        block_w = np.full(len(block_ids), w, dtype=np.float32)
                    else:
                        block_w = np.asarray(w, dtype=np.float32)
                    datalen = m._nextoffset - m._dataoffset
                    if keep:
                        self._keep_block((fieldname, btext, len(blocks)), data[2], datalen)
                    blocks.append((li, m._dataoffset, datalen,
                                   m._compression))
                    starts.append(count)
                    count += len(block_ids)
                    ids.append(block_ids)
                    weights.append(block_w)
                    if m._lastblock:
                        break
                    m._goto(m._nextoffset)
            else:  # a term Whoosh keeps inline in its term info: a posting or two
                local, w, values = [], [], []
                while m.is_active():
                    local.append(m.id() + offset)
                    w.append(m.weight())
                    values.append(m.value() if fmt.supports("positions") else None)
                    m.next()
                blocks.append(None)
                starts.append(count)
                count += len(local)
                ids.append(np.asarray(local, dtype=np.int64))
                weights.append(np.asarray(w, dtype=np.float32))
                inline = (inline or []) + [values]
        if not ids:
            return EMPTY
        # Weights are 32-bit floats in the index: kept so, with no loss.
        return Postings(np.concatenate(ids).astype(np.int32),
                        np.concatenate(weights).astype(np.float32), blocks,
                        np.asarray(starts, dtype=np.int64), inline, (fieldname, btext))

    def positions(self, searcher, fieldname: str, postings: Postings,
                  docnums: np.ndarray) -> dict[int, list[int]]:
        """Positions of the term in each of `docnums` (all of which have it). The blocks
        read are kept (BLOCKS_BUDGET): the common words of many phrases share them."""
        fmt = searcher.schema[fieldname].format
        decode = _decode_positions if type(fmt) is Positions else fmt.decode_positions
        where = np.searchsorted(postings.ids, docnums)
        block_of = np.searchsorted(postings.block_starts, where, side="right") - 1
        leaves = [leaf for leaf, _o in searcher.reader().leaf_readers()]
        out: dict[int, list[int]] = {}
        inline_seen = 0
        inline_index = {}
        for b, info in enumerate(postings.blocks):
            if info is None:
                inline_index[b] = inline_seen
                inline_seen += 1
        for doc, at, b in zip(docnums.tolist(), where.tolist(), block_of.tolist()):
            info = postings.blocks[b]
            i = at - int(postings.block_starts[b])
            if info is None:
                value = postings.inline_values[inline_index[b]][i]
            else:
                values = self._block(leaves, postings.key + (b,), info)
                value = values[i]
            out[doc] = decode(value)
        return out

    def _block(self, leaves, key: tuple, info) -> tuple:
        """The positions (encoded) of one block of postings."""
        values = self._blocks.get(key)
        if values is _MISSING:
            li, dataoffset, datalen, compressed = info
            raw = leaves[li]._terms._postfile.get(dataoffset, datalen)
            values = loads(zlib.decompress(raw) if compressed else raw)[2]
            values = self._keep_block(key, values, datalen)
        return values

    def _keep_block(self, key: tuple, values: tuple, datalen: int) -> tuple:
        # a compressed pickle as Python bytes objects: about four times its size
        return self._blocks.put(key, values, 4 * datalen)

    # -- per-document arrays -------------------------------------------------------------
    def once(self, key: tuple, make):
        """What `make()` gives, made once per commit (two threads may both make it)."""
        with self._lock:
            found = self._made.get(key, _MISSING)
        if found is _MISSING:
            found = make()
            with self._lock:
                found = self._made.setdefault(key, found)
        return found

    def lengths(self, searcher, fieldname: str, docnums: np.ndarray) -> np.ndarray:
        """The field's length in each of `docnums`, as Whoosh's scorer reads it (Whoosh
        keeps a length in one byte; so do we, one byte a letter)."""
        def read():
            found = np.zeros(self.n, dtype=np.uint8)
            for leaf, offset in searcher.reader().leaf_readers():
                column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                if column is not None:
                    found[offset:offset + leaf.doc_count_all()] = np.fromiter(
                        column, dtype=np.uint8, count=leaf.doc_count_all())
            return found
        return _LENGTH_OF_BYTE[self.once(("lengths", fieldname), read)[docnums]]

    def column(self, searcher, name: str) -> tuple[np.ndarray, list]:
        """A column as codes and the values they stand for (codes index `values`)."""
        def read():
            reader = searcher.reader()
            raw = list(reader.column_reader(name)) if reader.has_column(name) else [None] * self.n
            values = sorted({v for v in raw if v is not None}, key=str)
            code = {v: i for i, v in enumerate(values)}
            codes = np.fromiter((code.get(v, -1) if v is not None else -1 for v in raw),
                                dtype=np.int32, count=self.n)
            return codes, values
        return self.once(("column", name), read)

    def numbers(self, searcher, name: str) -> np.ndarray:
        """A numeric column as an array (newest_key, oldest_key)."""
        return self.once(("numbers", name), lambda: np.fromiter(
            (v or 0 for v in searcher.reader().column_reader(name)), dtype=np.int64,
            count=self.n))

    def having(self, searcher, name: str, needle: bytes) -> np.ndarray:
        """Letters whose value of a bytes column (subject_norm, sender_norm) contains
        `needle`, ascending."""
        def read():
            reader = searcher.reader()
            raw = reader.column_reader(name) if reader.has_column(name) else [b""] * self.n
            return _Lines([v or b"" for v in raw], b"\n")
        return self.once(("having", name), read).lines_with(needle)

    def containing(self, searcher, fieldname: str, needle: str) -> list[str]:
        """The field's Thai terms longer than SUBSTRING_MIN_CHARS that contain `needle`, in
        term order."""
        def read():
            return _Lines([t for t in searcher.reader().field_terms(fieldname)
                           if len(t) > SUBSTRING_MIN_CHARS and "\u0e01" <= t[0] <= "\u0e4e"],
                          "\n")
        lines = self.once(("vocabulary", fieldname), read)
        return [lines.line(i) for i in lines.lines_with(needle).tolist()]


    def starting(self, searcher, fieldname: str, stem: str) -> tuple[list[str], np.ndarray]:
        """The field's terms that start with `stem` and are longer, and how many letters
        have each (deleted ones included until a merge), in term order."""
        def read():
            df: dict[str, int] = {}
            for leaf, _offset in searcher.reader().leaf_readers():
                if fieldname in leaf.schema:
                    for btext, info in leaf.iter_field(fieldname):
                        text = btext.decode("utf-8")
                        df[text] = df.get(text, 0) + info.doc_frequency()
            terms = sorted(df)
            return _Sorted(terms, "\n"), np.asarray([df[t] for t in terms], dtype=np.int32)
        lines, letters_with = self.once(("starting", fieldname), read)
        lo, hi = lines.span(stem)
        if lo < hi and lines.line(lo) == stem:
            lo += 1
        return [lines.line(i) for i in range(lo, hi)], letters_with[lo:hi]

    def words(self, searcher) -> "_Words":
        """The Thai terms of SPELLING_VOCABULARIES, looked up by skeleton (a
        _spelling.Vocabulary); a term of both counts the letters of the one more have it."""
        def read():
            df: dict[bytes, int] = {}
            for fieldname in SPELLING_VOCABULARIES:
                here: dict[bytes, int] = {}
                for leaf, _offset in searcher.reader().leaf_readers():
                    if fieldname not in leaf.schema:
                        continue
                    for btext, info in leaf.iter_field(fieldname):
                        if btext[:1] == b"\xe0":  # Thai
                            here[btext] = here.get(btext, 0) + info.doc_frequency()
                for btext, n in here.items():
                    df[btext] = max(df.get(btext, 0), n)
            thai = [(t.decode("utf-8"), n) for t, n in df.items()]
            return _Words([t for t, _n in thai], [n for _t, n in thai], self.n)
        return self.once(("words",), read)

    def with_term(self, searcher, text: str) -> np.ndarray:
        """Letters whose SPELLING_VOCABULARIES have the term, ascending."""
        found = [self.postings(searcher, f, text).ids for f in SPELLING_VOCABULARIES]
        return np.union1d(*found) if len(found) > 1 else found[0]


class _Words:
    """Terms by skeleton: a sorted array of the skeletons' hashes (str hashes are the same
    in a process and the workers it forks), the terms as one string, and how many letters
    have each (deleted ones included until a merge). About 20 bytes a term. Hashes of 64
    bits do not collide among a vocabulary's skeletons (a chance of 1 in 10^9 at 200,000),
    so a hit is not checked against the term's skeleton."""

    def __init__(self, terms: list[str], letters_with: list[int], letters: int):
        keys = np.fromiter((hash(skeleton(t)) for t in terms), dtype=np.int64,
                           count=len(terms))
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.order = order.astype(np.int32)
        self.terms = _Lines(terms, "\n")
        self.letters_with = np.asarray(letters_with, dtype=np.int32)
        self.letters = letters
        self.memo: dict = {}  # see _spelling._pieces

    def letters_seen(self, word: str, archive: int) -> int:
        """How many letters have `word` (`archive`, as counted in the archive): every
        letter is seen here (see _clearance._VisibleWords)."""
        return archive

    def words(self, skeletons: list[str]) -> dict[str, list[tuple[str, int]]]:
        if not skeletons or not len(self.keys):
            return {}
        wanted = np.fromiter((hash(k) for k in skeletons), dtype=np.int64,
                             count=len(skeletons))
        lo = np.searchsorted(self.keys, wanted, side="left")
        hi = np.searchsorted(self.keys, wanted, side="right")
        out: dict[str, list[tuple[str, int]]] = {}
        for k in np.nonzero(hi > lo)[0].tolist():
            key = skeletons[k]
            out[key] = [(self.terms.line(at), int(self.letters_with[at]))
                        for at in self.order[lo[k]:hi[k]].tolist()]
        return out


class _Lines:
    """Strings kept as one, a line each, which `find` scans at C speed (a list of 100,000
    subjects or 300,000 terms scanned with `in` took 15 ms; as Python objects they would
    also be copied into every worker by reference counting)."""

    def __init__(self, items: list, sep):
        self.text = sep.join(items)
        self.sep = sep
        self.starts = np.cumsum([0] + [len(t) + 1 for t in items[:-1]]).astype(np.int64) \
            if items else np.zeros(0, dtype=np.int64)

    def lines_with(self, needle) -> np.ndarray:
        """Numbers of the lines that contain `needle` (which holds no separator)."""
        hits, at = [], self.text.find(needle) if needle else -1
        while at >= 0:
            hits.append(at)
            at = self.text.find(needle, at + 1)
        if not hits:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.searchsorted(self.starts, hits, side="right") - 1)

    def line(self, i: int):
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i]:end]


class _Sorted(_Lines):
    """Strings in order, a line each, whose lines with a given start are found by halving."""

    def _first(self, key: str) -> int:
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.line(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def span(self, stem: str) -> tuple[int, int]:
        """The range of lines that start with `stem`."""
        return self._first(stem), self._first(stem + "\U0010ffff")


def _decode_positions(value: bytes) -> list[int]:
    """Whoosh's Positions.decode_positions (a length, then the pickled deltas), with the
    sum taken in C."""
    return list(accumulate(loads(value[4:] if value.endswith(b".") else value[4:] + b".")))


def as_mask(n: int, docnums) -> np.ndarray:
    """A mask over `n` docnums with `docnums` set."""
    out = np.zeros(n, dtype=bool)
    if len(docnums):
        out[np.fromiter(docnums, dtype=np.int64, count=len(docnums))
            if isinstance(docnums, (set, frozenset)) else docnums] = True
    return out


# The arrays of the latest commit of each index folder (a generation folder and its TOC
# generation). They hold no open file, so a server that makes them before it forks its
# workers shares their pages with all of them.
_arrays: dict[str, tuple[tuple, Arrays]] = {}
_arrays_lock = threading.Lock()


def arrays_of(ix, searcher) -> Arrays:
    """The arrays of the commit `searcher` reads (`ix`: the open index it comes from)."""
    folder = str(getattr(ix.storage, "folder", id(ix)))
    commit = (folder, searcher.reader().generation())
    with _arrays_lock:
        held = _arrays.get(folder)
        if held is not None and held[0] == commit:
            return held[1]
    made = Arrays(searcher)
    with _arrays_lock:
        held = _arrays.get(folder)
        if held is None or held[0] != commit:
            _arrays[folder] = (commit, made)
            return made
        return held[1]


def warm(searcher, arrays: Arrays) -> None:
    """Read what every search of the commit needs (field lengths, facet and sort columns,
    the vocabularies words inside longer words are looked for in)."""
    for name in searcher.schema.scorable_names():
        arrays.lengths(searcher, name, np.zeros(0, dtype=np.int32))
    for name in ("kind", "year", "sender_facet", "urgency"):
        arrays.column(searcher, name)
    for name in ("newest_key", "oldest_key"):
        arrays.numbers(searcher, name)
    for name in ("subject_norm", "sender_norm"):
        arrays.having(searcher, name, b"")
    for name in SUBSTRING_VOCABULARIES:
        arrays.containing(searcher, name, "ก")
    arrays.starting(searcher, PREFIX_VOCABULARY, "ก")
    arrays.words(searcher)


def clear() -> None:
    with _arrays_lock:
        _arrays.clear()

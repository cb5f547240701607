"""A new segment's field lengths, read once per field while Whoosh writes its postings.

Whoosh's flush asks the segment's per-document reader for the field length of every
posting it writes: a column look-up each time, and for the fields that keep no lengths
(IDs, keywords, numbers and dates, which make most postings) a check of the file system
each time. That was a third of the flush (2,000 letters, profiled). `LengthTable` answers
the same questions from a list per field, built by asking the reader once per document.
"""
from __future__ import annotations

from whoosh.codec.whoosh3 import _lenfield


class LengthTable:
    """The `doc_field_length` of a per-document reader, kept per field."""

    def __init__(self, reader):
        self._reader = reader
        self._count = reader.doc_count_all()
        self._tables: dict[str, list[int] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        try:
            table = self._tables[fieldname]
        except KeyError:
            table = self._tables[fieldname] = self._read(fieldname)
        return default if table is None else table[docnum]

    def _read(self, fieldname: str) -> list[int] | None:
        if not self._reader.has_column(_lenfield(fieldname)):
            return None
        length = self._reader.doc_field_length
        return [length(d, fieldname) for d in range(self._count)]


def _flush_segment(writer) -> None:
    """`SegmentWriter._flush_segment`, with the lengths from a LengthTable."""
    writer.perdocwriter.close()
    reader = writer.per_document_reader() if writer.codec.length_stats else None
    writer.fieldwriter.add_postings(writer.schema, reader and LengthTable(reader),
                                    writer.pool.iter_postings())
    writer.fieldwriter.close()
    if reader:
        reader.close()


def install(writer) -> None:
    """Make one Whoosh SegmentWriter flush with a LengthTable."""
    writer._flush_segment = lambda: _flush_segment(writer)

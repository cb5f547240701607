"""The Whoosh schema: one document per archive file.

Columns (sortable fields) hold what reindex compares for every file, so a no-change pass
reads them without unpickling stored bodies.
"""
from __future__ import annotations

from whoosh.columns import VarBytesColumn
from whoosh.fields import BOOLEAN, COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from ._analyzer import ThaiAnalyzer
from ._segment import COARSE_ENGINE, FINE_ENGINE

# Bump when fields change: the index settings file then forces a rebuild.
SCHEMA_VERSION = "6"  # 3: body_toneless; 4: undated letters filed by their stamp's date;
#                       5: recipient and received-date filters; 6: a letter without a
#                       subject line has its heading in the subject fields

# The fields whose vocabularies index/_arrays keeps for the words that hold a typed word
# (coarse, fine) and the words a typed end begins (index/_query's PREFIX_* rules).
SUBSTRING_VOCABULARIES = ("body", "body_fine")
PREFIX_VOCABULARY = "body"

# BM25F weights: the subject and the reference number say most about a letter.
WEIGHTS = {
    "subject": 4.0,
    "subject_fine": 2.0,
    "sender": 1.5,
    "recipient": 1.0,
    "body": 1.0,
    "body_fine": 0.4,
    "body_toneless": 0.5,
    "ref_text": 3.0,
}


def make_schema() -> Schema:
    coarse = ThaiAnalyzer(COARSE_ENGINE)
    fine = ThaiAnalyzer(FINE_ENGINE)
    return Schema(
        doc_id=ID(stored=True, unique=True, sortable=True),
        path=ID(stored=True, unique=True, sortable=True),
        # size:mtime_ns:sha256:status:extractor_version, see _state.FileState
        state=COLUMN(VarBytesColumn()),
        status=ID(stored=True),  # ok | needs_ocr | failed
        format=ID(stored=True),
        kind=ID(stored=True, sortable=True),
        ref_key=KEYWORD(commas=True, lowercase=True),  # compact ref numbers, exact match
        cites_key=KEYWORD(commas=True, lowercase=True),
        ref_text=TEXT(analyzer=coarse, field_boost=WEIGHTS["ref_text"]),
        date=DATETIME(stored=True, sortable=True),
        year=ID(sortable=True),
        # yyyymmdd keys that put letters without a date last in both directions
        newest_key=NUMERIC(int, bits=32, sortable=True),
        oldest_key=NUMERIC(int, bits=32, sortable=True),
        sender=TEXT(analyzer=coarse, stored=True, field_boost=WEIGHTS["sender"]),
        sender_key=KEYWORD(commas=True, lowercase=True),
        sender_facet=ID(sortable=True),
        recipient=TEXT(analyzer=coarse, field_boost=WEIGHTS["recipient"]),
        subject=TEXT(analyzer=coarse, stored=True, field_boost=WEIGHTS["subject"]),
        subject_fine=TEXT(analyzer=fine, field_boost=WEIGHTS["subject_fine"]),
        # vector: the terms of a letter, for query expansion from the best matches (PRF)
        body=TEXT(analyzer=coarse, field_boost=WEIGHTS["body"], spelling=True, vector=True),
        body_fine=TEXT(analyzer=fine, field_boost=WEIGHTS["body_fine"]),
        # OCR'd letters only: their text without tone marks, which OCR loses.
        body_toneless=TEXT(analyzer=coarse, field_boost=WEIGHTS["body_toneless"]),
        urgency=ID(stored=True, sortable=True),
        secrecy=ID(stored=True),
        received_key=KEYWORD(commas=True),
        # yyyymmdd of every receiving stamp (a letter may be received by several units)
        received_day=KEYWORD(commas=True),
        # Normalised subject, sender and recipient for substring filters (read as columns).
        subject_norm=COLUMN(VarBytesColumn()),
        sender_norm=COLUMN(VarBytesColumn()),
        recipient_norm=COLUMN(VarBytesColumn()),
        needs_ocr=BOOLEAN(stored=True),
        record=STORED(),  # the whole memo record as JSON, for pages and snippets
    )

"""Reading documents into memo records. Knows nothing of the index."""
from .reader import READABLE_SUFFIXES, is_readable, read_document, read_text_of, understand
from .records import FIELD_NAMES, Memo, Stamp

__all__ = ["FIELD_NAMES", "Memo", "READABLE_SUFFIXES", "Stamp", "is_readable", "read_document",
           "read_text_of", "understand"]
